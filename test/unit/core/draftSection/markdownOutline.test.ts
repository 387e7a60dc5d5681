import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { markdownOutlineAt } from '../../../../src/core/draftSection/markdownOutline';

/** The document without the `║` marker, and the marker's line. */
function at(source: string): [string, number] {
  const line = source.split('\n').findIndex((l) => l.includes('║'));
  assert.ok(line !== -1, 'mark the cursor line with ║');
  return [source.replace('║', ''), line];
}

const guide = `---
title: Guide
---
# Guide

Intro.

## Install

- Download the app║
  from the site
- Run it
  - on Linux
  - on macOS
- Done

\`\`\`sh
# not a heading
\`\`\`

## Use
`;

describe('markdownOutlineAt', () => {
  test('the heading path, the bullets (nested, continued) and their lines', () => {
    assert.deepEqual(markdownOutlineAt(...at(guide)), {
      headingPath: ['Guide', 'Install'],
      headingLine: 7,
      items: ['Download the app from the site', 'Run it', '  on Linux', '  on macOS', 'Done'],
      outline: { startLine: 9, endLine: 14 },
      insertLine: 15,
    });
  });

  test('the cursor on the heading line itself; code fences do not hold headings', () => {
    const [text] = at(guide);
    assert.deepEqual(markdownOutlineAt(text, 7).items.length, 5);
    const inFence = markdownOutlineAt(text, 17);
    assert.deepEqual(inFence.headingPath, ['Guide', 'Install']);
  });

  test('a section without bullets: insert after the heading', () => {
    const [text] = at(guide);
    assert.deepEqual(markdownOutlineAt(text, 21), { headingPath: ['Guide', 'Use'], headingLine: 20, items: [], insertLine: 21 });
  });

  test('setext headings, task boxes, numbered items, blank lines between items', () => {
    const [text, line] = at('Title\n=====\n\nPart ║two\n--------\n\n1. [ ] first\n\n2. [x] second\n\nAfter.');
    assert.deepEqual(markdownOutlineAt(text, line), {
      headingPath: ['Title', 'Part two'],
      headingLine: 3,
      items: ['first', 'second'],
      outline: { startLine: 6, endLine: 8 },
      insertLine: 9,
    });
  });

  test('before any heading: the list under the cursor, no heading path', () => {
    const [text, line] = at('- a\n- b║\n  continued\n\n# Later');
    assert.deepEqual(markdownOutlineAt(text, line), { headingPath: [], items: ['a', 'b continued'], outline: { startLine: 0, endLine: 2 }, insertLine: 3 });
  });

  test('lines that only look like headings or bullets (HTML blocks, quotes, continuation text) are not', () => {
    const [text, line] = at('# Real\n\n<div>\n# inside an HTML block\n- not a bullet\n</div>\n\n> ## quoted\n\nText\n- a real list interrupting it\n- b║\n');
    assert.deepEqual(markdownOutlineAt(text, line), { headingPath: ['Real'], headingLine: 0, items: ['a real list interrupting it', 'b'], outline: { startLine: 10, endLine: 11 }, insertLine: 12 });
  });
});
