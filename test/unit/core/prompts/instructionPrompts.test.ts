import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocResponse } from '../../../../src/core/docComment/docResponse';
import { parseSignature } from '../../../../src/core/docComment/signature';
import { docMessages, draftSectionMessages, rewriteMessages, summarizeMessages, type RewriteKind } from '../../../../src/core/prompts/instructionPrompts';

describe('prompts', () => {
  test('rewrite: a system message, then the instruction and the text last', () => {
    const kinds: RewriteKind[] = ['clarity', 'shorten', 'formal', 'friendly', 'grammar'];
    const users = kinds.map((kind) => rewriteMessages(kind, 'the text').at(-1)?.content ?? '');
    assert.equal(new Set(users).size, kinds.length, 'each kind asks for something different');
    for (const user of users) assert.ok(user.endsWith('Text:\nthe text'), user);
    const custom = rewriteMessages({ custom: '  Make it rhyme. ' }, 'x');
    assert.deepEqual(custom.map((m) => m.role), ['system', 'user']);
    assert.match(custom[1].content, /^Rewrite the text as follows: Make it rhyme\.\n/);
  });

  test('summarize: the style decides the instruction', () => {
    assert.match(summarizeMessages('t', 'bullets')[1].content, /bullet points\. Start each line with "- "/);
    assert.match(summarizeMessages('t', 'tldr')[1].content, /^Summarize the text in one sentence\./);
    assert.match(summarizeMessages('t', 'paragraph')[1].content, /one short paragraph/);
  });

  test('doc: the answer format lists the real parameters, RETURNS only when it returns', () => {
    const code = 'func Copy(dst, src []byte) (int, error) {\n\treturn 0, nil\n}';
    const user = docMessages('go', code, parseSignature('go', code))[1].content;
    assert.equal(
      user,
      'Document this Go function `Copy`.\nAnswer in exactly this format, one item per line:\nSUMMARY: <one or two sentences, starting with "Copy", on what it does>\nPARAM dst: <what dst is>\nPARAM src: <what src is>\nRETURNS: <what it returns>\n\nCode:\n```go\n' + code + '\n```',
    );
    const noReturn = docMessages('python', 'def f(self):\n    pass', parseSignature('python', 'def f(self):\n    pass'))[1].content;
    assert.ok(!noReturn.includes('RETURNS') && !noReturn.includes('PARAM'), noReturn);
  });

  test('doc: the format asked for is the format parseDocResponse reads', () => {
    const code = 'function add(a, b) { return a + b; }';
    const user = docMessages('javascript', code, parseSignature('javascript', code))[1].content;
    const template = user.split('\n').filter((l) => /^(SUMMARY|PARAM|RETURNS)/.test(l)).join('\n').replace(/<[^>]*>/g, 'x.');
    assert.deepEqual(parseDocResponse(template), { summary: 'x.', params: [{ name: 'a', description: 'x.' }, { name: 'b', description: 'x.' }], returns: 'x.' });
  });

  test('doc: long code keeps its start and end; code with ``` gets a ~~~ fence', () => {
    const long = 'start' + 'x'.repeat(10_000) + 'end';
    const user = docMessages('rust', long, undefined, 100)[1].content;
    assert.ok(user.includes('start') && user.includes('end\n```') && user.length < 400, user);
    assert.match(docMessages('typescript', 'const s = "```";', undefined)[1].content, /~~~typescript\n/);
  });

  test('draft section: the heading path and the outline in order', () => {
    assert.equal(
      draftSectionMessages(['Guide', 'Install'], ['Download', '  on Linux'])[1].content,
      'Write the section "Install" (in "Guide") of a document.\nCover these points, in this order:\n- Download\n  - on Linux\nWrite paragraphs, not a list. Do not repeat the heading. Reply with the section text only.',
    );
    assert.match(draftSectionMessages([], [])[1].content, /^Write the next part of a document\.\n/);
  });
});
