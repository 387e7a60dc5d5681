import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { markdownContextAt, MarkdownContextReader, markdownHint } from '../../../../src/core/inline/markdownContext';
import { cursorDoc } from '../cursorDoc';

function context(source: string) {
  const doc = cursorDoc(source);
  return markdownContextAt(doc.text, doc.offset);
}

const hint = (source: string) => markdownHint(context(source));

describe('heading path', () => {
  test('nested ATX headings', () => {
    assert.equal(hint('# Guide\n## Install\n### Linux\nRun ║'), 'Guide > Install > Linux');
  });

  test('a sibling section replaces the previous one', () => {
    assert.equal(hint('# Guide\n## Install\ntext\n### Linux\n## Usage\nUse ║'), 'Guide > Usage');
    assert.equal(hint('# One\n# Two\n║'), 'Two');
  });

  test('skipped levels', () => {
    assert.equal(hint('# A\n### C\n## B\n║'), 'A > B');
  });

  test('closing hashes and trailing spaces are not part of the title', () => {
    assert.equal(hint('## Closing ##  \n║'), 'Closing');
    assert.equal(hint('## C#\n║'), 'C#');
  });

  test('not headings: #hashtag, headings in fenced code, more than 3 spaces of indent', () => {
    assert.equal(hint('#hashtag\n║'), undefined);
    assert.equal(hint('# Guide\n```sh\n# not a heading\n```\n║'), 'Guide');
    assert.equal(hint('    # code\n║'), undefined);
  });

  test('headings after a closed fence count again', () => {
    assert.equal(hint('```\n# code\n```\n# After\n║'), 'After');
    assert.equal(context('```\ncode\n```\n║').inCodeFence, false);
    assert.equal(context('```\ncode ║\n```').inCodeFence, true);
  });

  test('setext headings', () => {
    assert.equal(hint('Guide\n=====\n\nInstall\n-------\n║'), 'Guide > Install');
  });

  test('a thematic break or list before --- is not a setext heading', () => {
    assert.equal(hint('# A\n\n---\n║'), 'A');
    assert.equal(hint('# A\n- item\n---\n║'), 'A');
  });

  test('the cursor line itself is not part of the path', () => {
    assert.equal(hint('# Guide\n## Inst║'), 'Guide');
  });

  test('CRLF documents', () => {
    assert.equal(hint('# Guide\r\n## Install\r\n║'), 'Guide > Install');
  });

  test('unicode titles', () => {
    assert.equal(hint('# Résumé\n## 日本語 😀\n║'), 'Résumé > 日本語 😀');
  });

  test('nothing above the cursor', () => {
    assert.equal(hint('║'), undefined);
    assert.equal(hint('Just text ║'), undefined);
  });
});

describe('front matter', () => {
  test('the title starts the hint', () => {
    assert.equal(hint('---\ntitle: "My Doc"\ntags: [a]\n---\n## Intro\n║'), 'My Doc > Intro');
    assert.equal(hint("---\ntitle: 'Quoted'\n---\nText ║"), 'Quoted');
  });

  test('a title equal to the first heading is said once', () => {
    assert.equal(hint('---\ntitle: Guide\n---\n# Guide\n## A\n║'), 'Guide > A');
  });

  test('front matter closed with ... and with CRLF', () => {
    assert.equal(context('---\r\ntitle: T\r\n...\r\nBody ║').title, 'T');
  });

  test('the cursor inside front matter', () => {
    const c = context('---\ntitle: X\nauthor: ║\n---\nBody');
    assert.equal(c.inFrontMatter, true);
    assert.equal(c.title, 'X');
  });

  test('--- not closed is not front matter', () => {
    const c = context('---\ntitle: X\n\nBody ║');
    assert.equal(c.inFrontMatter, false);
    assert.equal(c.title, undefined);
  });

  test('only at the very start', () => {
    assert.equal(context('\n---\ntitle: X\n---\n║').title, undefined);
  });

  test('front-matter lines are not headings', () => {
    assert.equal(hint('---\n# comment: x\ntitle: T\n---\n║'), 'T');
  });
});

describe('the keystroke reader (re-parses from the last block above the cursor)', () => {
  const guide = readFileSync(path.join(__dirname, '../../../fixtures/documents/guide.md'), 'utf8');

  test('typing through a document: every keystroke agrees with a full parse', () => {
    const reader = new MarkdownContextReader();
    const typed = `${guide}\n## Typed\n\nSome words, then a fence:\n\n\`\`\`ts\nconst x = 1;\n\`\`\`\n\nAnd text after it.\n`;
    let text = guide.slice(0, 200);
    for (let i = 200; i < typed.length; i += 3) {
      text = typed.slice(0, i);
      assert.deepEqual(reader.at(text, text.length), markdownContextAt(text, text.length), `after ${i} characters`);
    }
  });

  test('an edit above the checkpoint, a cursor that moves up, another document: still the same as a full parse', () => {
    const reader = new MarkdownContextReader();
    const at = (source: string) => {
      const doc = cursorDoc(source);
      assert.deepEqual(reader.at(doc.text, doc.offset), markdownContextAt(doc.text, doc.offset), JSON.stringify(source));
    };
    at('# One\n\nText.\n\n## Two\n\nMore ║');
    at('# One\n\nText.\n\n## Two\n\nMore text ║');
    at('# Changed\n\nText.\n\n## Two\n\nMore text ║');
    at('# Changed\n\n```\nText.\n\n## Two\n\nMore text ║');
    at('# One\n\nText ║\n\n## Two\n\nMore text');
    at('---\ntitle: T\n---\n\n# A\n\nx\n\n## B\n\ny ║');
    at('---\ntitle: T\n---\n\n# A\n\nx\n\n## B\n\ny z ║');
    at('Para\n\n  more ║');
    at('- item\n\n  continued\n\nafter ║');
    at('- item\n\n  continued\n\n  still in the item ║');
  });

  test('a paragraph that turns into a list continuation is not read from a stale checkpoint', () => {
    const reader = new MarkdownContextReader();
    const first = cursorDoc('- item\n\n# Head\n\nText\n\nmore ║');
    reader.at(first.text, first.offset);
    const second = cursorDoc('- item\n\n  # Head\n\nText\n\nmore ║');
    assert.deepEqual(reader.at(second.text, second.offset), markdownContextAt(second.text, second.offset));
    assert.deepEqual(reader.at(second.text, second.offset).headings, []);
  });
});
