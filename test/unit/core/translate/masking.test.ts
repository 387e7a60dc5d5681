import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reassemble, segmentForTranslation, textsToTranslate, type Segment } from '../../../../src/core/translate/masking';
import { generateMarkdown } from './markdownGenerator';
import { seededRandom } from '../random';

/** Segments as compact strings: `V:…` verbatim, `T:…` the masked text sent to the model. */
const show = (segments: Segment[]) => segments.map((s) => (s.kind === 'translate' ? `T:${s.masked}` : `V:${s.text}`));

/** A fake translation that changes every letter, so untouched text is easy to spot. */
const upper = (segments: Segment[]) => reassemble(segments, textsToTranslate(segments).map((t) => t.toUpperCase()));

describe('segmentForTranslation: block structure', () => {
  test('front matter, code fences and blank lines are verbatim; headings and paragraphs are translated', () => {
    const doc = `---
title: Guide
---
# Getting started

Read this first.

\`\`\`ts
const greeting = 'hello';
\`\`\`
`;
    assert.deepEqual(show(segmentForTranslation(doc)), [
      'V:---\ntitle: Guide\n---\n# ',
      'T:Getting started',
      'V:\n\n',
      'T:Read this first.',
      "V:\n\n```ts\nconst greeting = 'hello';\n```\n",
    ]);
  });

  test('a fence closes only with the same character and at least its length', () => {
    const doc = '````md\n```\nstill code\n```\n~~~~\nstill code\n````\nProse.';
    assert.deepEqual(show(segmentForTranslation(doc)), ['V:````md\n```\nstill code\n```\n~~~~\nstill code\n````\n', 'T:Prose.']);
  });

  test('an unclosed fence runs to the end of the document', () => {
    assert.deepEqual(show(segmentForTranslation('Text.\n\n~~~\ncode\nmore')), ['T:Text.', 'V:\n\n~~~\ncode\nmore']);
  });

  test('list markers, task boxes, quote markers and heading closers stay verbatim', () => {
    const doc = '- [x] Done item\n  continues here\n2) Second\n> Quoted\n> > Nested quote\n## Title ##';
    assert.deepEqual(show(segmentForTranslation(doc)), [
      'V:- [x] ',
      // A soft line break is `\n` for the model; its line prefix comes back with it.
      'T:Done item\ncontinues here',
      'V:\n2) ',
      'T:Second',
      'V:\n> ',
      'T:Quoted',
      'V:\n> > ',
      'T:Nested quote',
      'V:\n## ',
      'T:Title',
      'V: ##',
    ]);
  });

  test('indented code is verbatim, but an indented line continuing a list item or paragraph is not', () => {
    const code = 'Intro text.\n\n    let x = 1;\n    x += 1;\n\nAfter.';
    assert.deepEqual(show(segmentForTranslation(code)), ['T:Intro text.', 'V:\n\n    let x = 1;\n    x += 1;\n\n', 'T:After.']);
    const list = '- Item one\n\n    More about item one.';
    assert.deepEqual(show(segmentForTranslation(list)), ['V:- ', 'T:Item one', 'V:\n\n    ', 'T:More about item one.']);
    const lazy = 'A paragraph\n    with an indented continuation.';
    assert.deepEqual(show(segmentForTranslation(lazy)), ['T:A paragraph\nwith an indented continuation.']);
    assert.equal(segmentForTranslation(lazy).length, 1);
  });

  test('tables are translated cell by cell; the delimiter row and numbers stay', () => {
    const doc = '| Name | Count |\n|:-----|------:|\n| Apples | 3 |';
    assert.deepEqual(show(segmentForTranslation(doc)), ['V:| ', 'T:Name', 'V: | ', 'T:Count', 'V: |\n|:-----|------:|\n| ', 'T:Apples', 'V: | 3 |']);
  });

  test('raw HTML blocks, comments, math and reference definitions are verbatim', () => {
    const doc = '<pre>\nkeep me\n</pre>\n<!--\nhidden note\n-->\n$$\nx^2\n$$\n[docs]: https://example.com "Docs"\nEnd.';
    assert.deepEqual(show(segmentForTranslation(doc)), ['V:' + doc.slice(0, -4), 'T:End.']);
  });

  test('a passage with no letters outside protected spans is not sent to the model', () => {
    assert.deepEqual(show(segmentForTranslation('![](logo.png)\n\n`npm test` 42')), ['V:![](logo.png)\n\n`npm test` 42']);
  });

  test('CRLF documents: line breaks inside a passage are sent as \\n and restored as CRLF', () => {
    const doc = 'First line\r\nsecond line.\r\n\r\n```\r\ncode\r\n```\r\n';
    const segments = segmentForTranslation(doc);
    assert.deepEqual(show(segments), ['T:First line\nsecond line.', 'V:\r\n\r\n```\r\ncode\r\n```\r\n']);
    assert.equal(upper(segments).text, 'FIRST LINE\r\nSECOND LINE.\r\n\r\n```\r\ncode\r\n```\r\n');
  });
});

describe('segmentForTranslation: inline masking', () => {
  const masked = (line: string) => textsToTranslate(segmentForTranslation(line));

  test('inline code of any backtick length, including backticks inside', () => {
    assert.deepEqual(masked('Run `npm test` or ``a ` b`` now.'), ['Run {0} or {1} now.']);
  });

  test('link and image targets are masked; their text is translated', () => {
    assert.deepEqual(masked('See [the guide](https://x.dev/a_(b) "Guide") and ![a logo](logo.png).'), ['See {0}the guide{1} and {2}a logo{3}.']);
    // A full reference's text is words, its label is not; a collapsed or shortcut reference's text IS its label.
    assert.deepEqual(masked('Use [the API][api] and [this][] or [this].\n\n[api]: /a\n[this]: /t'), ['Use {0}the API{1} and {2} or {3}.']);
    // Without a definition, brackets are plain text (CommonMark).
    assert.deepEqual(masked('Use [the API][api].'), ['Use [the API][api].']);
  });

  test('a link inside an image link, and code inside link text', () => {
    assert.deepEqual(masked('Badge [![build status](b.svg)](https://ci) and [`run()` docs](r.md).'), ['Badge {0}build status{1} and {2} docs{3}.']);
  });

  test('bare URLs and autolinks, without trailing punctuation', () => {
    assert.deepEqual(masked('Visit https://example.com/path. Or <https://a.io/x> (https://b.io/y).'), ['Visit {0}. Or {1} ({2}).']);
  });

  test('HTML tags and comments are masked, the text between them is not', () => {
    assert.deepEqual(masked('Press <kbd>Ctrl</kbd> and <img src="a.png" alt="x"/> then<!-- note --> go.'), ['Press {0}Ctrl{1} and {2} then{3} go.']);
  });

  test('{placeholders}, {{mustache}}, entities and look-alikes of our tokens', () => {
    assert.deepEqual(masked('Hello {name}, you have {{count}} items &amp; {0} or ｛１｝ more.'), ['Hello {0}, you have {1} items {2} {3} or {4} more.']);
  });

  test('escaped brackets and backticks are not links or code; the escapes themselves are kept', () => {
    assert.deepEqual(masked('Not a link \\[x](y) nor \\`code`.'), ['Not a link {0}x](y) nor {1}code`.']);
  });
});

describe('reassemble', () => {
  const doc = 'Read [the guide](https://x.dev/guide) and run `make`.\n\n```sh\nmake all\n```\n\n# Next steps';

  test('identity gives the document back byte for byte', () => {
    const segments = segmentForTranslation(doc);
    assert.deepEqual(reassemble(segments, textsToTranslate(segments)), { text: doc, fallbacks: [] });
  });

  test('translated text around the tokens, protected parts untouched', () => {
    const segments = segmentForTranslation(doc);
    const result = reassemble(segments, ['Lies {0}die Anleitung{1} und führe {2} aus.', 'Nächste Schritte']);
    assert.equal(result.text, 'Lies [die Anleitung](https://x.dev/guide) und führe `make` aus.\n\n```sh\nmake all\n```\n\n# Nächste Schritte');
  });

  test('tolerates spaces in and around tokens, full-width tokens, and surrounding whitespace', () => {
    const segments = segmentForTranslation(doc);
    const result = reassemble(segments, ['  Lies { 0 } die Anleitung {1} und führe ｛２｝ aus.\n', 'Nächste Schritte']);
    assert.equal(result.fallbacks.length, 0);
    assert.ok(result.text.startsWith('Lies [die Anleitung](https://x.dev/guide) und führe `make` aus.\n\n'), result.text);
  });

  test('spaces the original had inside link text are kept', () => {
    const segments = segmentForTranslation('A [ spaced ](u) link.');
    assert.equal(reassemble(segments, textsToTranslate(segments)).text, 'A [ spaced ](u) link.');
    assert.equal(reassemble(segments, ['Ein { 0 } Link {1} .']).text, 'Ein [ Link ](u) .');
  });

  test('a dropped, repeated or invented token leaves that segment untranslated and reports it', () => {
    const segments = segmentForTranslation(doc);
    const dropped = reassemble(segments, ['Lies die Anleitung{1} und führe {2} aus.', 'Nächste Schritte']);
    assert.deepEqual(dropped.fallbacks, [{ index: 0, missing: [0], duplicated: [], unknown: [] }]);
    assert.equal(dropped.text, doc.replace('Next steps', 'Nächste Schritte'));
    const doubled = reassemble(segments, ['{0}Lies{1} {2} {2}', 'X']);
    assert.deepEqual(doubled.fallbacks, [{ index: 0, missing: [], duplicated: [2], unknown: [] }]);
    const invented = reassemble(segments, ['{0}a{1} {2} {7}', 'X']);
    assert.deepEqual(invented.fallbacks, [{ index: 0, missing: [], duplicated: [], unknown: [7] }]);
  });

  test('an empty translation is a fallback too; a one-line passage stays on one line', () => {
    const segments = segmentForTranslation('# Title\n\nBody.');
    const result = reassemble(segments, ['Der\nTitel', '']);
    assert.equal(result.text, '# Der Titel\n\nBody.');
    assert.deepEqual(result.fallbacks.map((f) => f.index), [1]);
  });

  test('the wrong number of translations is a programming error', () => {
    assert.throws(() => reassemble(segmentForTranslation('One.\n\nTwo.'), ['Eins.']), /1 translations for 2/);
  });
});

describe('round trips over generated Markdown', () => {
  test('300 documents: segments cover the document; identity translation is byte-identical', () => {
    const random = seededRandom(2024);
    for (let i = 0; i < 300; i++) {
      const { text } = generateMarkdown(random);
      const segments = segmentForTranslation(text);
      const where = `document #${i}: ${JSON.stringify(text)}`;
      assert.equal(segments.map((s) => s.text).join(''), text, where);
      assert.deepEqual(reassemble(segments, textsToTranslate(segments)), { text, fallbacks: [] }, where);
    }
  });

  test('300 documents: an upper-casing "translation" leaves code, URLs and front matter byte-identical', () => {
    const random = seededRandom(99);
    for (let i = 0; i < 300; i++) {
      const { text, protectedParts } = generateMarkdown(random);
      const segments = segmentForTranslation(text);
      const result = upper(segments);
      const where = `document #${i}: ${JSON.stringify(text)}`;
      assert.deepEqual(result.fallbacks, [], where);
      for (const part of protectedParts) {
        assert.ok(result.text.includes(part), `${where}\nlost ${JSON.stringify(part)} in ${JSON.stringify(result.text)}`);
        // The model never sees code blocks or front matter at all.
        if (part.includes('\n')) for (const sent of textsToTranslate(segments)) assert.ok(!sent.includes(part), where);
      }
      if (/[a-z]/.test(textsToTranslate(segments).join(''))) assert.notEqual(result.text, text, `${where}: something was translated`);
    }
  });
});
