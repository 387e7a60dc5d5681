import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keepHead, keepTail } from '../../../../src/core/inline/tokenBudget';
import type { TokenEstimator } from '../../../../src/core/text/tokenEstimate';

const oneTokenPerChar: TokenEstimator = (text) => text.length;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

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
