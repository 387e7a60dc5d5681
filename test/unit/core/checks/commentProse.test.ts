import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckCode, withoutRewritesAcrossLines, type Finding } from '../../../../src/core/checks/findings';
import { nameIssues, type EntityOccurrence } from '../../../../src/core/checks/nameConsistency';
import { isCheckableLanguage, prosePassages } from '../../../../src/core/checks/proseText';
import { splitSentences } from '../../../../src/core/checks/sentences';
import { marked, rangeDoc } from '../rangeDoc';

/** The sentences found in `source` (markers removed) must be exactly the marked ranges. */
function expectSentences(source: string, languageId: string): void {
  const doc = rangeDoc(source);
  const passages = prosePassages(doc.text, languageId);
  // Every character read sits at its own document offset.
  for (const p of passages) [...p.text].forEach((ch, i) => ch !== ' ' && assert.equal(doc.text[p.start + i], ch));
  assert.equal(marked(doc.text, splitSentences(passages)), source);
}

/** The words the model reads (masked spans and line breaks collapsed). */
function wordsRead(text: string, languageId: string): string[] {
  return prosePassages(text, languageId).map((p) => p.text.replace(/\s+/g, ' ').trim());
}

describe('checks: comments and docstrings in code files', () => {
  it('TypeScript: a run of // comments is one passage; code and strings are never read', () => {
    expectSentences(
      'import x from "y"; // ⟦Loads the parser.⟧\n\n// ⟦Keeps one cache\n// per document.⟧ ⟦It is cleared on close.⟧\nconst url = "// Not a comment. Not prose.";\nconst n = 1; // ⟦Trailing note.⟧\n',
      'typescript',
    );
    assert.deepEqual(wordsRead('// One\n//   two\nf(); // three\n', 'typescript'), ['One two', 'three']);
  });

  it('TypeScript: JSDoc markers, @param names and types, inline code, {@link} and URLs are masked', () => {
    const text = '/**\n * Adds `a` to the total, see https://example.com/sum.\n * Uses {@link Counter} here.\n *\n * @param {number} amount The amount to add.\n * @param [label=x] Optional label.\n * @returns {number} The new total.\n * @example\n *   add(2) // 3\n */\nfunction add(amount: number): number {\n  return total + amount; // Returns the sum.\n}\n';
    const passages = prosePassages(text, 'typescript');
    assert.deepEqual(wordsRead(text, 'typescript'), ['Adds to the total, see . Uses here.', 'The amount to add. Optional label. The new total.', 'Returns the sum.']);
    // Every read character sits at its own document offset.
    for (const p of passages) [...p.text].forEach((ch, i) => ch !== ' ' && assert.equal(text[p.start + i], ch));
  });

  it('TypeScript: sentences of a JSDoc comment are ranges of the document', () => {
    expectSentences('/**\n * ⟦Opens the file.⟧ ⟦Fails when\n * it is missing.⟧\n *\n * @param path ⟦The file to open.⟧\n */\nexport function open(path: string) {}\n', 'typescript');
  });

  it('Python: # comments and """docstrings""", with fields and doctests masked', () => {
    expectSentences(
      '#!/usr/bin/env python\n# ⟦Tools for sums.⟧\n# ⟦Nothing else.⟧\ndef add(a, b):\n    """⟦Add two numbers.⟧\n\n    :param a: ⟦The first one.⟧\n    >>> add(1, 2)\n    3\n    """\n    s = "# not a comment. Really not."\n    t = """Not a docstring. Just a string."""\n    return a + b  # ⟦Plain sum.⟧\n',
      'python',
    );
  });

  it('a comment token inside a string literal starts no comment', () => {
    assert.deepEqual(wordsRead('const a = "/* not a comment */"; const b = \'// nor this\';\nconst c = `# or this\n// or this`;\n', 'typescript'), []);
    assert.deepEqual(wordsRead('s = "# not a comment"  # a real one\n', 'python'), ['a real one']);
  });

  it('unknown languages are still read as plain text, prose languages as before', () => {
    assert.deepEqual(wordsRead('Some words.\n\nMore words.', 'plaintext'), ['Some words.', 'More words.']);
    assert.deepEqual(wordsRead('// Some words.', 'no-such-language'), ['// Some words.']);
  });

  it('names: "Github" in one comment vs "GitHub" in others is one finding, code not counted', () => {
    const source =
      '// Pushes to GitHub on release.\nconst host = "Github"; const other = Github.api; const third = Github;\n/** Talks to the GitHub API. */\nfunction push() {}\n// Uses the ⟦Github⟧ token.\n';
    const doc = rangeDoc(source);
    const entities: EntityOccurrence[] = ['GitHub', 'Github'].map((s) => ({ group: 'ORG', text: s, start: doc.text.indexOf(s), end: doc.text.indexOf(s) + s.length }));
    const issues = nameIssues(entities, prosePassages(doc.text, 'typescript'));
    assert.equal(marked(doc.text, issues), source);
    assert.equal(issues[0].majority, 'GitHub');
    assert.equal(issues[0].majorityCount, 2);
  });

  it('a rewrite is offered only for a sentence on one comment line', () => {
    const doc = rangeDoc('// ⟦This is awful.⟧ ⟦So is this\n// second line.⟧\n');
    const findings: Finding[] = doc.ranges.map((r) => ({ code: CheckCode.negativeTone, ...r, message: 'm', fix: { kind: 'rewrite', tones: ['friendly', 'formal'] }, ignoreKey: 'k' }));
    const tones = withoutRewritesAcrossLines(findings, doc.text).map((f) => (f.fix.kind === 'rewrite' ? f.fix.tones : []));
    assert.deepEqual(tones, [['friendly', 'formal'], []]);
  });

  it('checks prose languages and code languages with a comment syntax, nothing else', () => {
    assert.deepEqual(['markdown', 'plaintext', 'typescript', 'python', 'go', 'json', 'no-such-language'].map(isCheckableLanguage), [true, true, true, true, true, false, false]);
  });
});
