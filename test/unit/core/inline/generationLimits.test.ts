import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commentContextAt } from '../../../../src/core/inline/commentContext';
import { COMPLETION_LENGTHS } from '../../../../src/core/inline/completionLength';
import { generationLimits } from '../../../../src/core/inline/generationLimits';
import { cursorDoc } from '../cursorDoc';

function commentAt(source: string, languageId: string) {
  const doc = cursorDoc(source);
  return commentContextAt(doc.text, doc.offset, languageId);
}

test('prose: stop strings and budgets per length', () => {
  assert.deepEqual(generationLimits('word'), { stop: ['\n\n'], maxNewTokens: 8 });
  assert.deepEqual(generationLimits('sentence'), { stop: ['\n\n'], maxNewTokens: 32 });
  assert.deepEqual(generationLimits('line'), { stop: ['\n'], maxNewTokens: 48 });
  assert.deepEqual(generationLimits('paragraph'), { stop: ['\n\n'], maxNewTokens: 128 });
});

test('budgets grow with the length', () => {
  const budgets = COMPLETION_LENGTHS.map((l) => generationLimits(l).maxNewTokens);
  assert.deepEqual([...budgets].sort((a, b) => a - b), budgets);
});

test('a line comment stops at the line end (and \\n\\n is then redundant)', () => {
  const comment = commentAt('// note ║', 'typescript');
  assert.deepEqual(generationLimits('paragraph', comment).stop, ['\n']);
  assert.deepEqual(generationLimits('line', comment).stop, ['\n']);
});

test('block comments and docstrings stop at their closing delimiter', () => {
  assert.deepEqual(generationLimits('paragraph', commentAt('/**\n * Adds ║\n */', 'typescript')).stop, ['\n\n', '*/']);
  assert.deepEqual(generationLimits('line', commentAt('def f():\n    """Return ║', 'python')).stop, ['\n', '"""']);
});

test('doc line comments have no closing delimiter', () => {
  assert.deepEqual(generationLimits('paragraph', commentAt('/// Adds ║', 'rust')).stop, ['\n\n']);
});

test('the table is not shared state', () => {
  generationLimits('line').stop.push('x');
  assert.deepEqual(generationLimits('line').stop, ['\n']);
});
