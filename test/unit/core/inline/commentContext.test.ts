import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commentContextAt, type CommentContext } from '../../../../src/core/inline/commentContext';
import { cursorDoc } from '../cursorDoc';

function at(source: string, languageId: string): CommentContext | null {
  const doc = cursorDoc(source);
  return commentContextAt(doc.text, doc.offset, languageId);
}

function expectComment(source: string, languageId: string, expected: Partial<CommentContext>): void {
  const context = at(source, languageId);
  assert.ok(context, `expected a comment at ${JSON.stringify(source)}`);
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(context[key as keyof CommentContext], value, `${key} in ${JSON.stringify(source)}`);
  }
}

describe('line comments', () => {
  test('a // comment on the cursor line', () => {
    expectComment('const x = 1;\n// the ║', 'typescript', { kind: 'line', open: '//', linePrefix: '// ', closed: false, start: 13 });
    assert.equal(at('const x = 1;\n// the ║', 'typescript')?.close, undefined);
  });

  test('the line prefix keeps indentation and spacing', () => {
    expectComment('function f() {\n    //   note ║', 'typescript', { linePrefix: '    //   ' });
    expectComment('    //note║', 'javascript', { linePrefix: '    // ' });
  });

  test('a trailing comment after code', () => {
    expectComment('  x = 1  # the count ║', 'python', { kind: 'line', open: '#', linePrefix: '  # ' });
  });

  test('code before the comment token is not in the comment', () => {
    assert.equal(at('const x = ║1; // later', 'typescript'), null);
    assert.equal(at('// c\nx = ║', 'typescript'), null);
  });

  test('comment tokens inside strings are ignored', () => {
    assert.equal(at('const url = "http://example.com"; ║', 'typescript'), null);
    assert.equal(at("s = '# not a comment' ║", 'python'), null);
    expectComment('const s = "a // b"; // real ║', 'typescript', { kind: 'line', start: 20 });
    expectComment('const s = \'say "hi" // no\'; // yes ║', 'javascript', { kind: 'line' });
    expectComment('const s = "esc \\" // no"; // yes ║', 'typescript', { kind: 'line' });
  });

  test('the cursor inside a closed string is not in a comment', () => {
    assert.equal(at('const s = "// not ║ a comment";', 'typescript'), null);
    assert.equal(at('s = """\n# not ║ a comment\n"""', 'python'), null);
  });

  test('the cursor inside a string being typed is not in a comment', () => {
    assert.equal(at('const url = "http://exa║', 'typescript'), null);
  });

  test('an apostrophe on an earlier line does not open a string', () => {
    expectComment("x = it's\n// fine ║", 'typescript', { kind: 'line' });
  });

  test('template literals and Go raw strings span lines', () => {
    assert.equal(at('const s = `\n// not a comment ║\n`;', 'typescript'), null);
    expectComment('s := `\n// not\n`\nx := 1 // yes ║', 'go', { kind: 'line' });
  });

  test('Rust lifetimes do not open strings', () => {
    expectComment("fn f<'a>(x: &'a str) { // borrow ║", 'rust', { kind: 'line' });
  });

  test('shell and YAML need whitespace before #', () => {
    assert.equal(at('echo ${#arr[@]} ║', 'shellscript'), null);
    expectComment('echo hi # say ║', 'shellscript', { kind: 'line', linePrefix: '# ' });
    expectComment('# top ║', 'shellscript', { kind: 'line' });
    expectComment("name: it's here # note ║", 'yaml', { kind: 'line' });
    assert.equal(at("key: 'a # b' ║", 'yaml'), null);
  });

  test('SQL and Lua use --', () => {
    expectComment('SELECT 1; -- count ║', 'sql', { kind: 'line', open: '--' });
    expectComment('--[[ block ║ ]]', 'lua', { kind: 'block', open: '--[[', close: ']]' });
  });

  test('CRLF line endings', () => {
    expectComment('// one\r\n// two ║\r\nx = 1', 'typescript', { kind: 'line', linePrefix: '// ', start: 8 });
    assert.equal(at('// one\r\nx = ║\r\n', 'typescript'), null);
  });

  test('unicode text', () => {
    expectComment("const s = '日本'; // 注释 ║", 'typescript', { kind: 'line', linePrefix: '// ' });
    expectComment('# café 😀 ║', 'python', { kind: 'line' });
  });

  test('the cursor must be past the whole token', () => {
    expectComment('//║', 'typescript', { kind: 'line', linePrefix: '// ' });
    assert.equal(at('/║/ x', 'typescript'), null);
  });
});

describe('block comments and docstrings', () => {
  test('inside /* */ on one line', () => {
    expectComment('/* hello ║ */', 'c', { kind: 'block', open: '/*', close: '*/', closed: true, linePrefix: ' * ' });
  });

  test('JSDoc is a docstring; continuation lines use the star prefix', () => {
    expectComment('/**\n * Adds ║\n */\nfunction add() {}', 'typescript', {
      kind: 'docstring', open: '/**', close: '*/', closed: true, linePrefix: ' * ',
    });
    expectComment('class A {\n  /**\n   * Adds ║', 'typescript', { kind: 'docstring', closed: false, linePrefix: '   * ' });
  });

  test('a line without a star inherits the previous star line', () => {
    expectComment('/**\n * One.\n ║\n */', 'java', { linePrefix: ' * ' });
  });

  test('a block comment without stars continues with indentation', () => {
    expectComment('/*\n  plain ║\n*/', 'c', { kind: 'block', linePrefix: '  ' });
  });

  test('a closed comment before the cursor does not count', () => {
    assert.equal(at('/* a */ x = ║', 'c'), null);
    assert.equal(at('/**/ x ║', 'typescript'), null);
    assert.equal(at('/** doc */\nfunction f() { ║ }', 'typescript'), null);
  });

  test('the cursor inside a delimiter is not in the comment', () => {
    assert.equal(at('/* a *║/', 'c'), null);
    assert.equal(at('/║* a */', 'c'), null);
    expectComment('/*║', 'c', { kind: 'block', closed: false });
  });

  test('line tokens inside a block comment do not end it', () => {
    expectComment('/* // not a line comment\n * still ║\n */', 'cpp', { kind: 'block', linePrefix: ' * ' });
  });

  test('Python docstrings', () => {
    expectComment('def f():\n    """Return the ║\n    """', 'python', {
      kind: 'docstring', open: '"""', close: '"""', closed: true, linePrefix: '    ',
    });
    expectComment("def f():\n    '''\n    Args:\n        x: the ║", 'python', { kind: 'docstring', open: "'''", closed: false, linePrefix: '        ' });
    expectComment('class A:\n    r"""Raw ║"""', 'python', { kind: 'docstring' });
  });

  test('a Python triple-quoted string that is not a docstring', () => {
    assert.equal(at('x = """SQL ║"""', 'python'), null);
    assert.equal(at('x = """\nSELECT ║\n"""', 'python'), null);
    expectComment('x = """a # b"""  # real ║', 'python', { kind: 'line' });
  });

  test('a closed docstring before the cursor does not count', () => {
    assert.equal(at('def f():\n    """Doc."""\n    return 1  ║', 'python'), null);
  });

  test('Rust and C# doc line comments are docstrings without a closing delimiter', () => {
    expectComment('/// Adds two ║\nfn add() {}', 'rust', { kind: 'docstring', open: '///', linePrefix: '/// ', closed: false });
    assert.equal(at('/// Adds two ║', 'rust')?.close, undefined);
    expectComment('    //! Crate docs ║', 'rust', { kind: 'docstring', open: '//!', linePrefix: '    //! ' });
    expectComment('/// <summary>║', 'csharp', { kind: 'docstring', open: '///' });
  });

  test('HTML comments', () => {
    expectComment('<p>\n  <!-- note ║ -->', 'html', { kind: 'block', open: '<!--', close: '-->', linePrefix: '  ' });
  });

  test('CRLF inside a JSDoc', () => {
    expectComment('/**\r\n * Adds ║\r\n */', 'typescript', { kind: 'docstring', linePrefix: ' * ' });
  });
});

describe('no comment', () => {
  test('empty documents, prose and unknown languages', () => {
    assert.equal(at('║', 'typescript'), null);
    assert.equal(at('# Heading ║', 'markdown'), null);
    assert.equal(at('// text ║', 'brainfuck'), null);
  });
});
