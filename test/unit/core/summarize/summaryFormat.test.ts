import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatSummary, toBullets } from '../../../../src/core/summarize/summaryFormat';

describe('summary styles', () => {
  test('bullets: markers normalized, wrapped lines joined, a preamble dropped', () => {
    const model = 'Here are the key points:\n\n* The cache is shared\n  between windows.\n2) Models load lazily.\n• Nothing leaves the machine.';
    assert.equal(toBullets(model), '- The cache is shared between windows.\n- Models load lazily.\n- Nothing leaves the machine.');
  });

  test('bullets from prose: one per sentence (abbreviations respected)', () => {
    assert.equal(toBullets('It is fast, e.g. on a laptop. It is private.\nIt is free.'), '- It is fast, e.g. on a laptop.\n- It is private.\n- It is free.');
  });

  test('paragraph joins lines and drops markers; TL;DR keeps the first sentence', () => {
    assert.equal(formatSummary('- One point.\n- Two\n  points.', 'paragraph'), 'One point. Two points.');
    assert.equal(formatSummary('The runner is isolated. It restarts.', 'tldr'), 'The runner is isolated.');
    assert.equal(formatSummary('No end', 'tldr'), 'No end');
  });
});
