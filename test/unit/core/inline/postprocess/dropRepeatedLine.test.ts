import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropRepeatedLine } from '../../../../../src/core/inline/postprocess/dropRepeatedLine';
import { contextFor } from './contextFor';

const run = (doc: string, completion: string, languageId?: string) =>
  dropRepeatedLine(completion, contextFor(doc, languageId ? { languageId } : {}));

test('a completion that repeats the line above is dropped', () => {
  assert.equal(run('The same line.\n║', 'The same line.'), null);
  assert.equal(run('Install the package.\nInstall ║', 'the package.'), null);
  assert.equal(run('  Indented  text\n║', 'Indented text  '), null);
});

test('a different line passes', () => {
  assert.equal(run('The same line.\n║', 'A different line.'), 'A different line.');
  assert.equal(run('The same line.\nThe ║', 'same line, almost.'), 'same line, almost.');
});

test('CRLF documents', () => {
  assert.equal(run('Same\r\n║', 'Same'), null);
  assert.equal(run('Same\r\n║', 'Other'), 'Other');
});

test('repeating the words just before the cursor is dropped', () => {
  assert.equal(run('one of the ║', 'the'), null);
  assert.equal(run('one of the║', ' the'), null);
  assert.equal(run('I like cats. ║', 'I like cats.'), null);
});

test('only whole-word repeats count', () => {
  assert.equal(run('foobar║', 'bar'), 'bar');
  assert.equal(run('Version 1║', '1'), '1');
});

test('a multi-line completion is cut before a line that repeats the one before it', () => {
  assert.equal(run('Intro\n║', 'First.\nSecond.\nSecond.\nThird.'), 'First.\nSecond.');
  assert.equal(run('Intro\r\n║', 'First.\r\nSecond.\r\nSecond.'), 'First.\r\nSecond.');
  assert.equal(run('Loop║', '\nLoop\nmore'), '');
});

test('lines without letters or digits never count as repeats', () => {
  assert.equal(run('---\n║', '---'), '---');
  assert.equal(run('/**\n * A.\n *\n * ║\n */', 'B.\n *\n *', 'typescript'), 'B.\n *\n *');
  assert.equal(run('║', '}\n}'), '}\n}');
});

test('the user repeating a line is not the completion repeating it', () => {
  assert.equal(run('dup\ndup║', '\nnew'), '\nnew');
});

test('empty prefix and unicode', () => {
  assert.equal(run('║', 'Hello'), 'Hello');
  assert.equal(run('日本語の文。\n║', '日本語の文。'), null);
});
