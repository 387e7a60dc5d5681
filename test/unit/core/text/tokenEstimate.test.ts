import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHARS_PER_TOKEN, estimateTokensByChars } from '../../../../src/core/text/tokenEstimate';

test('four characters a token, rounded up; empty text is no tokens', () => {
  assert.equal(CHARS_PER_TOKEN, 4);
  assert.deepEqual(['', 'a', 'abcd', 'abcde', 'x'.repeat(4096)].map(estimateTokensByChars), [0, 1, 1, 2, 1024]);
});

test('grows weakly with the text (budget searches rely on it)', () => {
  let previous = 0;
  for (let n = 0; n < 200; n++) {
    const tokens = estimateTokensByChars('y'.repeat(n));
    assert.ok(tokens >= previous);
    previous = tokens;
  }
});
