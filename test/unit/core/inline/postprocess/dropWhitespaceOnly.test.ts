import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropWhitespaceOnly } from '../../../../../src/core/inline/postprocess/dropWhitespaceOnly';
import { contextFor } from './contextFor';

const ctx = contextFor('Text ║');

test('empty and whitespace-only completions are dropped', () => {
  for (const completion of ['', ' ', '\n', '\r\n\t  ', '\u00a0']) {
    assert.equal(dropWhitespaceOnly(completion, ctx), null, JSON.stringify(completion));
  }
});

test('anything else passes unchanged', () => {
  assert.equal(dropWhitespaceOnly(' a ', ctx), ' a ');
  assert.equal(dropWhitespaceOnly('.', ctx), '.');
  assert.equal(dropWhitespaceOnly('😀', ctx), '😀');
});
