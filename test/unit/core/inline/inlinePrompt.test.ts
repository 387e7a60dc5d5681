import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildInlinePrompt, type InlinePrompt, type InlinePromptOptions } from '../../../../src/core/inline/inlinePrompt';
import type { PrefixWindow } from '../../../../src/core/inline/prefixWindow';
import { estimateTokensByChars, type TokenEstimator } from '../../../../src/core/text/tokenEstimate';
import { cursorDoc } from '../cursorDoc';

const words: TokenEstimator = (text) => text.split(/\s+/).filter(Boolean).length;

function build(source: string, options: Partial<InlinePromptOptions> = {}, previous?: PrefixWindow) {
  const doc = cursorDoc(source);
  const result = buildInlinePrompt(doc.text, doc.offset, previous, { languageId: 'markdown', maxPrefixTokens: 1024, ...options });
  return { doc, result };
}

/** The prompt, failing the test when the cursor was skipped. */
function prompt(source: string, options: Partial<InlinePromptOptions> = {}, previous?: PrefixWindow): InlinePrompt & { text: string } {
  const { doc, result } = build(source, options, previous);
  if (result.skip !== null) assert.fail(`skipped (${result.skip}): ${JSON.stringify(source.slice(0, 80))}…`);
  return { ...result, text: doc.text };
}

describe('buildInlinePrompt: the window and the suffix', () => {
  test('short documents go in whole', () => {
    const p = prompt('Hello ║ world');
    assert.equal(p.prompt, 'Hello ');
    assert.equal(p.prefix, 'Hello ');
    assert.equal(p.before, 'Hello ');
    assert.equal(p.suffix, ' world');
    assert.deepEqual(p.window, { start: 0, anchor: 'Hello ' });
  });

  test('empty prefix and empty suffix', () => {
    assert.equal(prompt('║').prompt, '');
    assert.equal(prompt('║').suffix, '');
    assert.equal(prompt('Hello.\n║').suffix, '');
  });

  test('budgets: the prefix within contextTokens, the suffix within 256 tokens, both cut on the far side at line boundaries', () => {
    const line = 'All work and no play makes a dull story.\n';
    const source = `${line.repeat(300)}The end.║\n${line.repeat(300)}`;
    const { doc } = build(source);
    const p = prompt(source);
    assert.ok(estimateTokensByChars(p.prefix) <= 1024);
    assert.ok(estimateTokensByChars(p.suffix) <= 256);
    assert.ok(p.prefix.length > 2500, 'keeps most of the budget');
    assert.ok(p.suffix.length > 900, 'uses most of the suffix budget');
    assert.ok(doc.prefix.endsWith(p.prefix));
    assert.ok(doc.suffix.startsWith(p.suffix));
    assert.ok(p.prefix.startsWith('All work'));
    assert.ok(p.suffix.endsWith('story.\n'));
    assert.equal(p.prefix, p.before.slice(p.window.start));
  });

  test('budgets and estimator are parameters', () => {
    const p = prompt('one two three four five ║\nsix seven eight nine', { estimateTokens: words, maxPrefixTokens: 4, maxSuffixTokens: 2 });
    assert.equal(p.suffix, '\nsix seven');
    assert.ok(words(p.prefix) <= 4);
    assert.ok(p.prefix.endsWith('five '));
  });

  test('the window stays put while typing within the budget (KV-cache reuse), and moves on when it overflows', () => {
    const line = 'A line of prose that goes on for a while.\n';
    const first = prompt(`${line.repeat(40)}║`, { maxPrefixTokens: 200 });
    assert.ok(first.window.start > 0);
    const typed = prompt(`${line.repeat(40)}More words ║`, { maxPrefixTokens: 200 }, first.window);
    assert.deepEqual(typed.window, first.window);
    const far = prompt(`${line.repeat(40)}${'More words '.repeat(30)}║`, { maxPrefixTokens: 200 }, first.window);
    assert.ok(far.window.start > first.window.start);
  });
});

describe('buildInlinePrompt: Markdown context, parsed once', () => {
  const body = 'Filler text here.\n'.repeat(200);
  const doc = `---\ntitle: Manual\n---\n# Guide\n## Install\n${body}### Linux\nRun ║`;

  test('a window that starts below the top gets the heading path as its first line', () => {
    const p = prompt(doc, { maxPrefixTokens: 10 });
    assert.ok(p.prompt.startsWith('<!-- Manual > Guide > Install > Linux -->\n'));
    assert.ok(p.prompt.endsWith('Run '));
    assert.ok(!p.prefix.includes('# Guide'));
    assert.deepEqual(p.markdown?.headings.map((h) => h.text), ['Guide', 'Install', 'Linux']);
  });

  test('no hint when the whole document is in the window, outside Markdown, or without headings', () => {
    assert.equal(prompt('# Guide\n║').prompt, '# Guide\n');
    assert.equal(prompt(doc, { languageId: 'plaintext', maxPrefixTokens: 10 }).prompt.startsWith('<!--'), false);
    assert.equal(prompt(`${body}Text ║`, { maxPrefixTokens: 10 }).prompt.startsWith('<!--'), false);
    assert.equal(prompt(doc, { languageId: 'plaintext' }).markdown, null);
  });

  test('no suggestion in a fenced code block or in front matter', () => {
    assert.deepEqual(build('# Doc\n\n```sh\nnpm ║\n```\n').result, { skip: 'in-code-block' });
    assert.deepEqual(build('> ```\n> code ║\n').result, { skip: 'in-code-block' });
    assert.deepEqual(build('---\ntitle: ║\n---\nBody').result, { skip: 'in-front-matter' });
    assert.equal(prompt('```\ncode\n```\nAfter ║').skip, null);
  });

  test('mid-word and text right of the cursor are skipped before anything is parsed', () => {
    assert.deepEqual(build('Hel║lo').result, { skip: 'mid-word' });
    assert.deepEqual(build('Hello ║ and a long tail here').result, { skip: 'text-right-of-cursor' });
  });
});

describe('buildInlinePrompt: code', () => {
  test('inside a comment: the comment context comes along', () => {
    const p = prompt('function f() {\n  // Adds two ║\n}', { languageId: 'typescript' });
    assert.equal(p.comment?.kind, 'line');
    assert.equal(p.markdown, null);
  });

  test('outside comments and in unknown languages there is no suggestion', () => {
    assert.deepEqual(build('const x = ║', { languageId: 'typescript' }).result, { skip: 'not-in-comment' });
    assert.deepEqual(build('Some words ║', { languageId: 'no-such-language' }).result, { skip: 'unsupported-language' });
  });
});
