import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overlapLength, removeSuffixOverlap } from '../../../../../src/core/inline/postprocess/removeSuffixOverlap';
import { contextFor } from './contextFor';

const run = (doc: string, completion: string) => removeSuffixOverlap(completion, contextFor(doc));

test('a closing bracket the suffix already has', () => {
  assert.equal(run('Hello (║)', 'world)'), 'world');
});

test('a partial overlap: the end of the completion is the start of the suffix', () => {
  assert.equal(run('Call it (║). Done.', 'maybe).'), 'maybe');
  assert.equal(run('The quick ║ fox jumps', 'red fox'), 'red');
});

test('no overlap: unchanged', () => {
  assert.equal(run('The quick ║ fox', 'brown'), 'brown');
  assert.equal(run('The quick ║ fox', 'brown '), 'brown ');
  assert.equal(run('End ║', 'of story.'), 'of story.');
});

test('trailing whitespace of the completion does not hide an overlap', () => {
  assert.equal(run('Hello (║)', 'world) '), 'world');
});

test('leading spaces of the suffix do not hide an overlap', () => {
  assert.equal(run('f(a║ )', 'b)'), 'b');
});

test('a completion that only repeats the suffix becomes empty', () => {
  assert.equal(run('The ║ fox', ' fox'), '');
});

test('multi-line overlaps', () => {
  assert.equal(run('{\n  x = ║\n}', 'y;\n}'), 'y;');
});

test('unicode', () => {
  assert.equal(run('« ║ »', 'texte »'), 'texte');
  assert.equal(run('Smile ║😀', 'big 😀'), 'big ');
});

test('overlapLength finds the longest overlap', () => {
  assert.equal(overlapLength('abcab', 'abx'), 2);
  assert.equal(overlapLength('aaa', 'aaaa'), 3);
  assert.equal(overlapLength('abc', ''), 0);
  assert.equal(overlapLength('', 'abc'), 0);
});
