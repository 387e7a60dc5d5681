import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { skipReason, type TriggerInput } from '../../../../src/core/inline/triggerRules';
import { cursorDoc } from '../cursorDoc';

function reason(source: string, languageId = 'markdown', extra: Partial<TriggerInput> = {}) {
  const doc = cursorDoc(source);
  return skipReason({ text: doc.text, offset: doc.offset, languageId, ...extra });
}

describe('mid-word', () => {
  test('a word character right of the cursor skips', () => {
    assert.equal(reason('The quick brown ║fox'), 'mid-word');
    assert.equal(reason('snake║_case'), 'mid-word');
    assert.equal(reason('year 20║24'), 'mid-word');
  });

  test('space, punctuation or line end right of the cursor is fine', () => {
    assert.equal(reason('The quick brown ║ fox'), null);
    assert.equal(reason('The quick brown║'), null);
    assert.equal(reason('Call it (║).'), null);
    assert.equal(reason('end of line║\nNext line'), null);
    assert.equal(reason('║'), null);
  });

  test('unicode letters count as word characters', () => {
    assert.equal(reason('naï║ve'), 'mid-word');
    assert.equal(reason('日本║語'), 'mid-word');
    assert.equal(reason('Ελλη║νικά'), 'mid-word');
    assert.equal(reason('emoji 😀║ next'), null);
  });
});

describe('text right of the cursor', () => {
  test('more than 8 non-space characters skips by default', () => {
    assert.equal(reason('Hello ║ world, this is long'), 'text-right-of-cursor');
    assert.equal(reason('Hello ║ (a b c d e f g h)'), 'text-right-of-cursor');
  });

  test('up to the threshold is fine; spaces do not count', () => {
    assert.equal(reason('Hello ║ (a).'), null);
    assert.equal(reason('Hello ║ ( a b c d e )'), null);
  });

  test('the threshold is a parameter', () => {
    assert.equal(reason('Hello ║ (a).', 'markdown', { maxCharsRightOfCursor: 2 }), 'text-right-of-cursor');
    assert.equal(reason('Hello ║ a very long tail', 'markdown', { maxCharsRightOfCursor: 100 }), null);
  });

  test('only the cursor line counts, with LF or CRLF', () => {
    assert.equal(reason('Hello ║\nmore text on the next line than allowed'), null);
    assert.equal(reason('Hello ║\r\nmore text on the next line than allowed'), null);
  });
});

describe('Markdown structure', () => {
  test('inside fenced code blocks', () => {
    assert.equal(reason('Text\n```ts\nconst a ║\n```\n'), 'in-code-block');
    assert.equal(reason('~~~\ncode ║\n~~~\n'), 'in-code-block');
    assert.equal(reason('````\n```\nstill code ║\n````'), 'in-code-block');
    assert.equal(reason('```\nunclosed to the end ║'), 'in-code-block');
    assert.equal(reason('- item\n  ```sh\n  npm i ║\n  ```'), 'in-code-block');
  });

  test('on a fence line', () => {
    assert.equal(reason('```py║'), 'in-code-block');
    assert.equal(reason('```\ncode\n```║'), 'in-code-block');
  });

  test('after a closed fence', () => {
    assert.equal(reason('```\ncode\n```\nProse ║'), null);
    assert.equal(reason('~~~\ncode\n```\n~~~\nProse ║'), null);
    assert.equal(reason('Use ``` inline ║'), null);
  });

  test('front matter', () => {
    assert.equal(reason('---\ntitle: My ║\n---\nBody'), 'in-front-matter');
    assert.equal(reason('---\ntitle: Doc\n---\nBody ║'), null);
  });

  test('fences only matter in Markdown', () => {
    assert.equal(reason('```\ntext ║', 'plaintext'), null);
    assert.equal(reason('```\ntext ║', 'latex'), null);
  });
});

describe('code', () => {
  test('outside comments skips', () => {
    assert.equal(reason('const x = ║', 'typescript'), 'not-in-comment');
    assert.equal(reason('def f():\n    return ║', 'python'), 'not-in-comment');
  });

  test('inside comments and docstrings is fine', () => {
    assert.equal(reason('// note ║', 'typescript'), null);
    assert.equal(reason('/**\n * Adds ║\n */', 'typescript'), null);
    assert.equal(reason('def f():\n    """Return ║"""', 'python'), null);
    assert.equal(reason('/** Adds ║ */', 'typescript'), null);
  });

  test('a precomputed comment context is used as given', () => {
    assert.equal(reason('// note ║', 'typescript', { comment: null }), 'not-in-comment');
  });

  test('languages without a comment table', () => {
    assert.equal(reason('// text ║', 'brainfuck'), 'unsupported-language');
  });

  test('mid-word applies in comments too', () => {
    assert.equal(reason('// not║e', 'typescript'), 'mid-word');
  });
});
