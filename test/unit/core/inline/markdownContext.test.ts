import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { markdownContextAt, markdownHint } from '../../../../src/core/inline/markdownContext';
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
