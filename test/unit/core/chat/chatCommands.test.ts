import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { answerForDocument, followupsFor, isChatInput } from '../../../../src/core/chat/chatAnswerText';
import { CHAT_COMMANDS, parseChatRequest, targetLanguage } from '../../../../src/core/chat/chatCommands';

describe('@inkwell slash commands', () => {
  it('reads the command VS Code parsed and its argument', () => {
    assert.deepEqual(parseChatRequest('summarize', ''), { kind: 'task', task: 'summarize', argument: '' });
    assert.deepEqual(parseChatRequest('translate', 'French'), { kind: 'task', task: 'translate', argument: 'French' });
    assert.deepEqual(parseChatRequest('rewrite', '  shorter and friendlier '), { kind: 'task', task: 'rewrite', argument: 'shorter and friendlier' });
    assert.deepEqual(parseChatRequest('explain', ''), { kind: 'task', task: 'explain', argument: '' });
    assert.deepEqual(parseChatRequest('draft', 'mention the units'), { kind: 'task', task: 'draft', argument: 'mention the units' });
  });

  it('reads a command typed in the prompt, and a plain question', () => {
    assert.deepEqual(parseChatRequest(undefined, '/translate into German'), { kind: 'task', task: 'translate', argument: 'German' });
    assert.deepEqual(parseChatRequest(undefined, 'What does this mean?'), { kind: 'task', task: 'ask', argument: 'What does this mean?' });
    // An unknown word after a slash is just text.
    assert.deepEqual(parseChatRequest(undefined, '/etc/hosts is what?'), { kind: 'task', task: 'ask', argument: '/etc/hosts is what?' });
  });

  it('names the language from a code, a name or "into …"', () => {
    assert.equal(targetLanguage('fr'), 'French');
    assert.equal(targetLanguage('into german.'), 'German');
    assert.equal(targetLanguage('to Brazilian Portuguese'), 'Brazilian Portuguese');
  });

  it('says what is missing instead of guessing', () => {
    const noLanguage = parseChatRequest('translate', '  ');
    assert.equal(noLanguage.kind, 'invalid');
    assert.match(noLanguage.kind === 'invalid' ? noLanguage.message : '', /\/translate French/);
    const unknown = parseChatRequest('poem', 'about fish');
    assert.match(unknown.kind === 'invalid' ? unknown.message : '', /no \/poem command.*\/summarize/);
    assert.equal(parseChatRequest(undefined, '   ').kind, 'invalid');
  });

  it('a rewrite without instructions makes the text clearer', () => {
    const parsed = parseChatRequest('rewrite', '');
    assert.ok(parsed.kind === 'task' && /clearer/.test(parsed.argument));
  });

  it('package.json contributes the same slash commands and the participant and vendor ids the code uses', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
      contributes: { chatParticipants: { id: string; name: string; commands: { name: string; description: string }[] }[]; languageModelChatProviders: { vendor: string }[] };
    };
    const [participant] = manifest.contributes.chatParticipants;
    assert.equal(participant?.id, 'inkwell.inkwell');
    assert.equal(participant?.name, 'inkwell');
    assert.deepEqual(participant?.commands, CHAT_COMMANDS.map((c) => ({ name: c.name, description: c.description })));
    assert.equal(manifest.contributes.languageModelChatProviders[0]?.vendor, 'inkwell');
  });
});

describe('@inkwell answers in the document', () => {
  it('an answer that is one code block goes in without its fence', () => {
    assert.equal(answerForDocument('```ts\n/** Greets. */\n```'), '/** Greets. */');
    assert.equal(answerForDocument('  Plain answer.\n'), 'Plain answer.');
    // Two blocks, or text around a block: as written.
    const mixed = 'Here:\n```ts\nx\n```';
    assert.equal(answerForDocument(mixed), mixed);
    const two = '```\na\n```\n\n```\nb\n```';
    assert.equal(answerForDocument(two), two);
  });

  it('offers follow-ups for each task, none before an answer', () => {
    for (const task of ['summarize', 'translate', 'rewrite', 'draft', 'explain', 'ask'] as const) assert.ok(followupsFor(task).length > 0, task);
    assert.deepEqual(followupsFor(undefined), []);
  });

  it('knows the chat input box (no ghost text there)', () => {
    assert.ok(isChatInput('chatSessionInput'));
    assert.ok(!isChatInput('file'));
    assert.ok(!isChatInput('untitled'));
  });
});
