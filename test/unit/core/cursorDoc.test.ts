import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cursorDoc } from './cursorDoc';

test('splits a document at the cursor marker', () => {
  assert.deepEqual(cursorDoc('The quick brown ║ fox'), {
    text: 'The quick brown  fox',
    offset: 16,
    prefix: 'The quick brown ',
    suffix: ' fox',
  });
});

test('cursor at the start and at the end', () => {
  assert.deepEqual(cursorDoc('║abc'), { text: 'abc', offset: 0, prefix: '', suffix: 'abc' });
  assert.deepEqual(cursorDoc('abc║'), { text: 'abc', offset: 3, prefix: 'abc', suffix: '' });
});

test('offsets count UTF-16 code units, like VS Code', () => {
  assert.equal(cursorDoc('😀║').offset, 2);
});

test('rejects documents without exactly one marker', () => {
  assert.throws(() => cursorDoc('no marker'));
  assert.throws(() => cursorDoc('two ║ markers ║'));
});
