import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMPLETION_LENGTHS, isCompletionLength } from '../../../../src/core/inline/completionLength';

test('the four lengths', () => {
  assert.deepEqual([...COMPLETION_LENGTHS], ['word', 'sentence', 'line', 'paragraph']);
  for (const length of COMPLETION_LENGTHS) assert.equal(isCompletionLength(length), true);
});

test('anything else is not a length', () => {
  for (const value of ['Word', 'lines', '', undefined, null, 3, {}, ['word']]) {
    assert.equal(isCompletionLength(value), false, String(value));
  }
});
