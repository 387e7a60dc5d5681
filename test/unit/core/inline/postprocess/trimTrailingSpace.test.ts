import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trimTrailingSpace } from '../../../../../src/core/inline/postprocess/trimTrailingSpace';
import { contextFor } from './contextFor';

const run = (doc: string, completion: string) => trimTrailingSpace(completion, contextFor(doc));

test('trailing spaces and line breaks go', () => {
  assert.equal(run('Hello║', ' world  \n'), ' world');
  assert.equal(run('a ║', 'b\r\n\r\n'), 'b');
  assert.equal(run('a ║', 'b\t'), 'b');
});

test('a leading space is kept after a word', () => {
  assert.equal(run('Hello║', ' world'), ' world');
});

test('a leading space or tab goes when the line already ends in one', () => {
  assert.equal(run('Hello ║', ' world'), 'world');
  assert.equal(run('Hello\t║', '\t  world'), 'world');
  assert.equal(run('// note ║', '  more'), 'more');
});

test('indentation is kept on an empty or whitespace-only line', () => {
  assert.equal(run('def f():\n║', '    return'), '    return');
  assert.equal(run('list:\n    ║', '  - nested'), '  - nested');
});

test('a leading line break is kept', () => {
  assert.equal(run('Hello ║', '\nNext'), '\nNext');
});

test('empty prefix', () => {
  assert.equal(run('║', ' Hello '), ' Hello');
});

test('inner whitespace is untouched (Markdown hard breaks)', () => {
  assert.equal(run('a ║', 'one  \ntwo  '), 'one  \ntwo');
});
