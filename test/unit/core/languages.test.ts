import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commentSyntax, isProseLanguage, knownCodeLanguages } from '../../../src/core/languages';

const REQUIRED_CODE = [
  'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go', 'rust',
  'java', 'c', 'cpp', 'csharp', 'shellscript', 'yaml',
];
const PROSE = ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc'];

test('prose languages are prose and have no comment table', () => {
  for (const id of PROSE) {
    assert.equal(isProseLanguage(id), true, id);
    assert.equal(commentSyntax(id), undefined, id);
  }
});

test('every required code language has comment syntax and is not prose', () => {
  for (const id of REQUIRED_CODE) {
    const syntax = commentSyntax(id);
    assert.ok(syntax, id);
    assert.ok(syntax.line.length + syntax.block.length > 0, id);
    assert.equal(isProseLanguage(id), false, id);
    assert.ok(knownCodeLanguages().includes(id), id);
  }
});

test('unknown ids and Object.prototype names are not languages', () => {
  for (const id of ['brainfuck', '', 'constructor', '__proto__', 'toString']) {
    assert.equal(commentSyntax(id), undefined, id);
    assert.equal(isProseLanguage(id), false, id);
  }
});

test('the tables name the expected tokens', () => {
  assert.deepEqual(commentSyntax('typescript')?.line, ['//']);
  assert.deepEqual(commentSyntax('typescript')?.docBlock, [{ open: '/**', close: '*/' }]);
  assert.deepEqual(commentSyntax('python')?.line, ['#']);
  assert.deepEqual(
    commentSyntax('python')?.docBlock.map((d) => d.open),
    ['"""', "'''"],
  );
  assert.ok(commentSyntax('rust')?.docLine.includes('///'));
  assert.ok(commentSyntax('csharp')?.docLine.includes('///'));
  assert.deepEqual(commentSyntax('go')?.block, [{ open: '/*', close: '*/' }]);
  assert.deepEqual(commentSyntax('shellscript')?.line, ['#']);
  assert.deepEqual(commentSyntax('yaml')?.line, ['#']);
});
