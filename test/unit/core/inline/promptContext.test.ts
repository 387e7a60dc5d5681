import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPromptContext, keepHead, keepTail, type PromptContextOptions } from '../../../../src/core/inline/promptContext';
import { estimateTokensByChars, type TokenEstimator } from '../../../../src/core/text/tokenEstimate';
import { cursorDoc } from '../cursorDoc';

const oneTokenPerChar: TokenEstimator = (text) => text.length;
const words: TokenEstimator = (text) => text.split(/\s+/).filter(Boolean).length;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function build(source: string, options: PromptContextOptions = {}) {
  const doc = cursorDoc(source);
  return { doc, context: buildPromptContext(doc.text, doc.offset, options) };
}

describe('buildPromptContext', () => {
  test('short documents go in whole', () => {
    const { context } = build('Hello ║ world');
    assert.deepEqual(context, { prefix: 'Hello ', suffix: ' world', prefixTruncated: false, suffixTruncated: false });
  });

  test('empty prefix and empty suffix', () => {
    assert.deepEqual(build('║hello').context, { prefix: '', suffix: 'hello', prefixTruncated: false, suffixTruncated: false });
    assert.deepEqual(build('hello║').context, { prefix: 'hello', suffix: '', prefixTruncated: false, suffixTruncated: false });
    assert.deepEqual(build('║').context, { prefix: '', suffix: '', prefixTruncated: false, suffixTruncated: false });
  });

  test('default budgets: 1024 prefix tokens and 256 suffix tokens at ~4 chars a token', () => {
    const line = 'All work and no play makes a dull story.\n';
    const { doc, context } = build(`${line.repeat(300)}║${line.repeat(300)}`);
    assert.ok(context.prefixTruncated && context.suffixTruncated);
    assert.ok(estimateTokensByChars(context.prefix) <= 1024);
    assert.ok(estimateTokensByChars(context.suffix) <= 256);
    assert.ok(context.prefix.length > 3500, 'uses most of the prefix budget');
    assert.ok(context.suffix.length > 900, 'uses most of the suffix budget');
    // Trimmed on the far side only: the text next to the cursor is all there.
    assert.ok(doc.prefix.endsWith(context.prefix));
    assert.ok(doc.suffix.startsWith(context.suffix));
    // At line boundaries.
    assert.ok(context.prefix.startsWith('All work'));
    assert.ok(context.suffix.endsWith('story.\n'));
  });

  test('budgets and estimator are parameters', () => {
    const { context } = build('one two three four five ║six seven eight nine', {
      estimateTokens: words,
      maxPrefixTokens: 3,
      maxSuffixTokens: 2,
    });
    assert.equal(context.prefix, 'three four five ');
    assert.equal(context.suffix, 'six seven');
  });

  test('a zero budget leaves nothing', () => {
    const { context } = build('abc║def', { maxPrefixTokens: 0, maxSuffixTokens: 0 });
    assert.equal(context.prefix, '');
    assert.equal(context.suffix, '');
    assert.equal(context.prefixTruncated, true);
  });

  test('Markdown gets a heading-path hint, from the whole document', () => {
    const body = 'Filler text here.\n'.repeat(200);
    const { context } = build(`---\ntitle: Manual\n---\n# Guide\n## Install\n${body}### Linux\nRun ║`, {
      languageId: 'markdown',
      maxPrefixTokens: 10,
    });
    assert.equal(context.hint, 'Manual > Guide > Install > Linux');
    assert.ok(!context.prefix.includes('# Guide'));
  });

  test('no hint outside Markdown or without headings', () => {
    assert.equal(build('# Guide\n║', { languageId: 'plaintext' }).context.hint, undefined);
    assert.equal('hint' in build('Text ║', { languageId: 'markdown' }).context, false);
  });
});

describe('keepTail (the prefix)', () => {
  test('prefers a line start on the far side', () => {
    assert.equal(keepTail('aaaa\nbbbb\ncc', 8, oneTokenPerChar), 'bbbb\ncc');
  });

  test('an exact line boundary is kept as is', () => {
    assert.equal(keepTail('aaaa\nbbbb\ncc', 7, oneTokenPerChar), 'bbbb\ncc');
  });

  test('falls back to a word start when a line start would lose over half', () => {
    const text = 'lorem ipsum dolor sit amet consectetur\nab';
    const kept = keepTail(text, 20, oneTokenPerChar);
    assert.ok(kept.length <= 20);
    assert.ok(text.endsWith(kept));
    assert.equal(kept, 'amet consectetur\nab');
  });

  test('cuts mid-word only when there is no boundary', () => {
    assert.equal(keepTail('x'.repeat(30) + '\nab', 10, oneTokenPerChar), 'xxxxxxx\nab');
  });

  test('never starts inside a surrogate pair', () => {
    const text = '😀'.repeat(10);
    for (let budget = 1; budget < 20; budget++) {
      const kept = keepTail(text, budget, oneTokenPerChar);
      assert.ok(!LONE_SURROGATE.test(kept), `budget ${budget}`);
      assert.ok(kept.length <= budget);
    }
  });

  test('never starts between \\r and \\n', () => {
    assert.equal(keepTail('a\r\nb\r\nc', 4, oneTokenPerChar), 'b\r\nc');
    assert.equal(keepTail('a\r\nbb\r\nc', 3, oneTokenPerChar), 'c');
  });
});

describe('keepHead (the suffix)', () => {
  test('prefers to end after a line break', () => {
    assert.equal(keepHead('one\ntwo\nthree', 9, oneTokenPerChar), 'one\ntwo\n');
  });

  test('falls back to a word end', () => {
    assert.equal(keepHead('one two three four', 10, oneTokenPerChar), 'one two');
  });

  test('never ends inside a surrogate pair or a CRLF', () => {
    const text = '😀'.repeat(10);
    for (let budget = 1; budget < 20; budget++) {
      assert.ok(!LONE_SURROGATE.test(keepHead(text, budget, oneTokenPerChar)), `budget ${budget}`);
    }
    assert.equal(keepHead('abcdef\r\nxyz', 7, oneTokenPerChar), 'abcdef');
  });

  test('untouched when it fits', () => {
    assert.equal(keepHead('short', 100), 'short');
  });
});
