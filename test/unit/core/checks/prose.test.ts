import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownPassages, plainTextPassages, prosePassages } from '../../../../src/core/checks/proseText';
import { splitSentences } from '../../../../src/core/checks/sentences';
import { marked, rangeDoc } from '../rangeDoc';

/** The sentences found in `source` (markers removed) must be exactly the marked ranges. */
function expectSentences(source: string, languageId = 'markdown'): void {
  const doc = rangeDoc(source);
  const sentences = splitSentences(prosePassages(doc.text, languageId));
  assert.equal(marked(doc.text, sentences), source);
  for (const s of sentences) assert.equal(s.text.length, s.end - s.start, 'a sentence keeps its source length');
}

describe('checks: prose passages and sentences', () => {
  it('splits paragraphs into sentences with document offsets', () => {
    expectSentences('# ⟦A title⟧\n\n⟦First one.⟧ ⟦Second one?⟧ ⟦Third!⟧\n\n⟦Another paragraph\nover two lines.⟧\n');
  });

  it('skips front matter, code blocks, HTML blocks and thematic breaks', () => {
    expectSentences('---\ntitle: Not prose. At all.\n---\n\n⟦Prose here.⟧\n\n```js\nconst x = "Not prose.";\n```\n\n<div>Not prose.</div>\n\n***\n\n    indented code. Also skipped.\n\n⟦More prose.⟧\n');
  });

  it('blanks inline code, URLs and link destinations but keeps link text (offsets unchanged)', () => {
    const text = 'Run `npm test` on https://example.com/a.b now. Read [the GitHub docs](https://docs.github.com).';
    const [passage] = markdownPassages(text);
    assert.equal(passage.text.length, text.length);
    assert.doesNotMatch(passage.text, /npm test|example\.com|docs\.github/);
    const blank = (t: string, span: string) => t.replace(span, ' '.repeat(span.length));
    const expected = ['`npm test`', 'https://example.com/a.b', '[', '](https://docs.github.com)'].reduce(blank, text);
    assert.equal(passage.text, expected);
  });

  it('reads list items, quotes and table cells', () => {
    expectSentences('- ⟦Item one.⟧\n- ⟦Item two.⟧\n\n> ⟦Quoted words.⟧\n\n| ⟦Cell text⟧ | ⟦Other⟧ |\n| --- | --- |\n| ⟦Body cell.⟧ | `code` |\n');
  });

  it('plain text: paragraphs by blank lines, URLs blanked', () => {
    const doc = rangeDoc('⟦One sentence.⟧ ⟦Two, see http://x.org/page here.⟧\n\n⟦Next paragraph.⟧');
    const passages = plainTextPassages(doc.text);
    assert.equal(passages.length, 2);
    assert.doesNotMatch(passages[0].text, /x\.org/);
    assert.equal(marked(doc.text, splitSentences(passages)), '⟦One sentence.⟧ ⟦Two, see http://x.org/page here.⟧\n\n⟦Next paragraph.⟧');
  });

  it('handles CRLF, emoji and CJK sentence ends without shifting offsets', () => {
    expectSentences('⟦Ünïcode 😀 first.⟧ ⟦Then more.⟧\r\n\r\n⟦日本語の文です。⟧⟦次の文。⟧\r\n');
  });
});
