import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stopInComment } from '../../../../../src/core/inline/postprocess/stopInComment';
import { contextFor } from './contextFor';

const run = (doc: string, languageId: string, completion: string) => stopInComment(completion, contextFor(doc, { languageId }));

describe('outside comments', () => {
  test('prose completions pass unchanged', () => {
    assert.equal(run('Text ║', 'markdown', 'one\ntwo */ three'), 'one\ntwo */ three');
  });
});

describe('line comments', () => {
  test('stop at the end of the line', () => {
    assert.equal(run('// the ║', 'typescript', 'answer is 42\nconst y = 2;'), 'answer is 42');
    assert.equal(run('# the ║', 'python', 'answer\r\nx = 1'), 'answer');
  });

  test('a completion that starts a new line leaves nothing', () => {
    assert.equal(run('// the ║', 'typescript', '\nconst y = 2;'), '');
  });
});

describe('block comments and docstrings', () => {
  test('stop before the closing delimiter, which is not emitted', () => {
    assert.equal(run('/* see ║ */', 'c', 'the docs */ int x;'), 'the docs ');
    assert.equal(run('def f():\n    """Return ║"""', 'python', 'the sum."""\n    return a'), 'the sum.');
  });

  test('continuation lines get the star prefix when the model left it out', () => {
    assert.equal(run('/**\n * Adds ║\n */', 'typescript', 'two numbers.\nReturns the sum.'), 'two numbers.\n * Returns the sum.');
    assert.equal(run('  /**\n   * Adds ║', 'typescript', 'two.\n  Returns.'), 'two.\n   * Returns.');
  });

  test("the model's own stars are kept", () => {
    assert.equal(run('/**\n * Adds ║\n */', 'typescript', 'two numbers.\n * Returns the sum.'), 'two numbers.\n * Returns the sum.');
  });

  test('blank lines inside become star lines; trailing star lines go', () => {
    assert.equal(run('/**\n * Adds ║\n */', 'java', 'a.\n\nb.'), 'a.\n *\n * b.');
    assert.equal(run('/**\n * Adds ║\n */', 'java', 'a.\n * \n *'), 'a.\n');
  });

  test('CRLF continuation lines keep their line endings', () => {
    assert.equal(run('/**\r\n * Adds ║\r\n */', 'typescript', 'two.\r\nMore.\r\n */'), 'two.\r\n * More.\r\n');
  });

  test('Python docstrings continue with indentation', () => {
    assert.equal(
      run('def f():\n    """Return ║\n    """', 'python', 'the sum.\nArgs:\n    x: int\n"""\nprint(1)'),
      'the sum.\n    Args:\n    x: int\n',
    );
  });

  test('an unclosed docstring is still cut at its delimiter', () => {
    assert.equal(run('def f():\n    """Return ║', 'python', 'the sum.\n    """\n    return 1'), 'the sum.\n');
  });
});

describe('doc line comments', () => {
  test('continue while lines carry the token, stop at code', () => {
    assert.equal(
      run('/// Adds ║\nfn add() {}', 'rust', 'two numbers.\n/// Returns the sum.\nfn add(a: i32) {}'),
      'two numbers.\n/// Returns the sum.\n',
    );
  });

  test('a doc comment line ends at a line without the token', () => {
    assert.equal(run('/// Adds ║', 'rust', 'two.\nmore text'), 'two.\n');
  });
});
