import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leftOutNote, planChatPrompt, withoutLeftOutNote, type ChatPromptInput, type TokenBudget } from '../../../../src/core/chat/chatPrompt';

/** One token per word: easy to reason about. */
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const budget = (limit: number, maxNewTokens = 10): TokenBudget => ({ limit, maxNewTokens, count: words });
const lines = (n: number, prefix = 'line'): string => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1} has five words`).join('\n');

const input = (over: Partial<ChatPromptInput> = {}): ChatPromptInput => ({ task: 'summarize', argument: '', pieces: [], history: [], ...over });

describe('@inkwell prompt planning', () => {
  it('puts the instruction, then the text, in the last user message after the system prompt and the history', () => {
    const plan = planChatPrompt(
      input({
        pieces: [{ label: 'Selection in notes.md, lines 3–4', text: 'The ferry leaves at nine.\nIt returns at six.', firstLine: 3 }],
        history: [
          { role: 'user', text: 'Hello' },
          { role: 'assistant', text: 'Hi, what can I do?' },
        ],
      }),
      budget(1000),
    );
    assert.equal(plan.kind, 'ok');
    if (plan.kind !== 'ok') return;
    assert.deepEqual(
      plan.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'user'],
    );
    const last = plan.messages.at(-1)!.content;
    assert.match(last, /^Summarize the text below/);
    assert.match(last, /Selection in notes\.md, lines 3–4:\n```\nThe ferry leaves at nine\.\nIt returns at six\.\n```$/);
    assert.deepEqual(plan.leftOut, []);
  });

  it('a plain question is the message itself, with referenced text after it', () => {
    const plan = planChatPrompt(input({ task: 'ask', argument: 'Is this clear?', pieces: [{ label: 'File a.md', text: 'Text.', firstLine: 1 }] }), budget(1000));
    assert.ok(plan.kind === 'ok');
    assert.match(plan.messages.at(-1)!.content, /^Is this clear\?\n\nFile a\.md:\n```\nText\.\n```$/);
  });

  it('cuts a text that does not fit at a line and says which lines were left out', () => {
    const text = lines(100);
    const plan = planChatPrompt(input({ pieces: [{ label: 'File long.md', text, firstLine: 1 }] }), budget(200, 50));
    assert.ok(plan.kind === 'ok');
    const sent = plan.messages.at(-1)!.content;
    const kept = sent.split('\n').filter((l) => /^line \d+ has/.test(l)).length;
    assert.ok(kept > 5 && kept < 100, `kept ${kept} lines`);
    assert.ok(sent.includes(`line ${kept} has five words`) && !sent.includes(`line ${kept + 1} has`), 'the first lines, in order');
    assert.deepEqual(plan.leftOut, [`File long.md: lines ${kept + 1}–100`]);
    // The prompt fits beside the answer.
    const promptWords = plan.messages.reduce((n, m) => n + words(m.content) + 8, 0);
    assert.ok(promptWords + plan.maxNewTokens <= 200, `${promptWords} + ${plan.maxNewTokens}`);
  });

  it('a selection that starts further down names its own line numbers', () => {
    const plan = planChatPrompt(input({ pieces: [{ label: 'Selection in a.md', text: lines(60), firstLine: 41 }] }), budget(200, 50));
    assert.ok(plan.kind === 'ok');
    assert.match(plan.leftOut[0]!, /^Selection in a\.md: lines \d+–100$/);
  });

  it('a second reference that does not fit at all is named whole', () => {
    const plan = planChatPrompt(
      input({
        pieces: [
          { label: 'File a.md', text: lines(25), firstLine: 1 },
          { label: 'File b.md', text: lines(3), firstLine: 1 },
        ],
      }),
      budget(200, 50),
    );
    assert.ok(plan.kind === 'ok');
    assert.equal(plan.leftOut.length, 2, plan.leftOut.join('; '));
    assert.match(plan.leftOut[0]!, /^File a\.md: lines \d+–25$/);
    assert.equal(plan.leftOut[1], 'File b.md (all 3 lines)');
  });

  it('keeps the newest turns of the conversation and counts the earliest it left out', () => {
    const history = Array.from({ length: 20 }, (_, i) => ({ role: i % 2 === 0 ? ('user' as const) : ('assistant' as const), text: `turn ${i} ${'word '.repeat(10)}` }));
    const plan = planChatPrompt(input({ task: 'ask', argument: 'And now?', history }), budget(150, 40));
    assert.ok(plan.kind === 'ok');
    const sentTurns = plan.messages.slice(1, -1).map((m) => m.content);
    assert.ok(sentTurns.length > 0 && sentTurns.length < 20);
    assert.equal(sentTurns.at(-1), history.at(-1)!.text, 'the newest turn is there');
    assert.deepEqual(plan.leftOut, [`the ${20 - sentTurns.length} earliest messages of this conversation`]);
  });

  it('the text comes before the history: a long selection pushes old turns out, not the other way round', () => {
    const history = [
      { role: 'user' as const, text: 'old question '.repeat(20) },
      { role: 'assistant' as const, text: 'old answer '.repeat(20) },
    ];
    const plan = planChatPrompt(input({ pieces: [{ label: 'Selection', text: lines(12), firstLine: 1 }], history }), budget(200, 50));
    assert.ok(plan.kind === 'ok');
    assert.ok(plan.messages.at(-1)!.content.includes('line 12 has five words'));
    assert.ok(plan.leftOut.some((l) => /earliest message/.test(l)));
  });

  it('caps the answer at half the context and refuses a message that cannot fit', () => {
    const plan = planChatPrompt(input({ task: 'ask', argument: 'Hi' }), budget(100, 5000));
    assert.ok(plan.kind === 'ok' && plan.maxNewTokens === 50);
    const tooLong = planChatPrompt(input({ task: 'ask', argument: 'word '.repeat(500) }), budget(100));
    assert.equal(tooLong.kind, 'too-long');
    assert.match(tooLong.kind === 'too-long' ? tooLong.message : '', /at most 100 tokens/);
  });

  it('the left-out note is taken out again when the answer comes back as history', () => {
    const note = leftOutNote(['File a.md: lines 5–9'], 2048);
    assert.match(note, /2,048-token context:_ File a\.md: lines 5–9\./);
    assert.equal(withoutLeftOutNote(`${note}The answer.`), 'The answer.');
    assert.equal(withoutLeftOutNote('> A quote the model wrote.'), '> A quote the model wrote.');
  });
});
