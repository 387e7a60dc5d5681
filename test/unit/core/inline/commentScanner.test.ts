import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findCommentAt, listComments } from '../../../../src/core/inline/commentScanner';
import { commentSyntax } from '../../../../src/core/languages';
import { marked, rangeDoc } from '../rangeDoc';

/** The comment bodies found in `source` (markers removed) must be exactly the marked ranges. */
function expectBodies(source: string, languageId: string): ReturnType<typeof listComments> {
  const syntax = commentSyntax(languageId);
  assert.ok(syntax, languageId);
  const doc = rangeDoc(source);
  const comments = listComments(doc.text, syntax);
  assert.equal(marked(doc.text, comments.map((c) => ({ start: c.bodyStart, end: c.bodyEnd }))), source);
  return comments;
}

describe('listComments', () => {
  test('line, block and doc comments with their delimiters and body offsets', () => {
    const [line, block, doc] = expectBodies('const a = 1; //⟦ note⟧\n/*⟦ block ⟧*/\n/**⟦ doc ⟧*/ f();\n', 'typescript');
    assert.deepEqual(line, { kind: 'line', open: '//', closed: false, start: 13, end: 20, bodyStart: 15, bodyEnd: 20 });
    assert.deepEqual([block.kind, block.open, block.close, block.closed], ['block', '/*', '*/', true]);
    assert.equal(block.end, block.bodyEnd + 2);
    assert.deepEqual([doc.kind, doc.open], ['docstring', '/**']);
  });

  test('comment tokens inside strings and template literals are skipped', () => {
    expectBodies('const s = "// no /* no */";\nconst t = \'# no\';\nconst u = `multi\n// still a string`; //⟦ yes⟧\n', 'typescript');
    expectBodies('s = "# no"  #⟦ yes⟧\nt = """\n# inside a string\n"""\n', 'python');
  });

  test('a CRLF line ends before \\r; an empty /**/ is a block; nested-looking tokens stay inside', () => {
    expectBodies('//⟦ one⟧\r\n//⟦ two⟧\r\nx();\r\n', 'typescript');
    const [empty] = expectBodies('/*⟦⟧*/ x /*⟦ a /* b // c ⟧*/', 'typescript');
    assert.equal(empty.kind, 'block');
  });

  test('an unclosed block runs to the end of the text; an unclosed quote on an earlier line is a stray apostrophe', () => {
    const [open] = expectBodies('x(); /*⟦ never closed\nf();⟧', 'typescript');
    assert.equal(open.closed, false);
    assert.equal(open.end, open.bodyEnd);
    expectBodies("it's here\n//⟦ still found⟧\n", 'typescript');
  });

  test('Python docstrings only at line start; shell # only after whitespace; Rust doc lines', () => {
    const [doc] = expectBodies('def f():\n    """⟦Doc.⟧"""\n    x = """not a doc"""\n', 'python');
    assert.equal(doc.kind, 'docstring');
    expectBodies('echo a#b $#  #⟦ real⟧\n', 'shellscript');
    const [docLine, line] = expectBodies('///⟦ Doc line.⟧\n//⟦ plain⟧\nfn f<\'a>() {}\n', 'rust');
    assert.deepEqual([docLine.kind, docLine.open, line.kind], ['docstring', '///', 'line']);
  });

  test('agrees with findCommentAt at every offset', () => {
    const syntax = commentSyntax('typescript');
    assert.ok(syntax);
    const text = 'a("//"); // one\n/** two */ b(\'/*\'); /* three\nfour */ `x // y` // five\n/* open';
    const comments = listComments(text, syntax);
    assert.equal(comments.length, 5);
    for (let offset = 0; offset <= text.length; offset++) {
      const span = findCommentAt(text, offset, syntax);
      const inside = comments.find((c) => c.bodyStart <= offset && offset <= c.bodyEnd);
      assert.equal(span?.start, inside?.start, `offset ${offset}`);
    }
  });

  test('no comments: empty text, code only, a syntax without line comments', () => {
    const css = commentSyntax('css');
    assert.ok(css);
    assert.deepEqual(listComments('', css), []);
    assert.deepEqual(listComments('a { color: red; } // not css', css), []);
    expectBodies('p { }\n/*⟦ css ⟧*/\n', 'css');
  });
});
