import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trackChange, trackChanges } from '../../../src/core/offsetTracking';

describe('tracking a range through edits', () => {
  const range = { start: 10, end: 20 };
  it('shifts for edits before it, including an insertion at its start', () => {
    assert.deepEqual(trackChange(range, { rangeOffset: 0, rangeLength: 0, text: 'abc' }), { kind: 'moved', range: { start: 13, end: 23 } });
    assert.deepEqual(trackChange(range, { rangeOffset: 2, rangeLength: 5, text: '' }), { kind: 'moved', range: { start: 5, end: 15 } });
    assert.deepEqual(trackChange(range, { rangeOffset: 10, rangeLength: 0, text: 'x' }), { kind: 'moved', range: { start: 11, end: 21 } });
  });
  it('ignores edits after it, including typing right at its end', () => {
    assert.deepEqual(trackChange(range, { rangeOffset: 20, rangeLength: 0, text: 'x' }), { kind: 'moved', range });
    assert.deepEqual(trackChange(range, { rangeOffset: 25, rangeLength: 3, text: '' }), { kind: 'moved', range });
  });
  it('reports edits inside it, or across its edges, as overlaps', () => {
    assert.equal(trackChange(range, { rangeOffset: 15, rangeLength: 0, text: 'x' }).kind, 'overlap');
    assert.equal(trackChange(range, { rangeOffset: 5, rangeLength: 10, text: '' }).kind, 'overlap');
    assert.equal(trackChange(range, { rangeOffset: 19, rangeLength: 5, text: '' }).kind, 'overlap');
  });
  it('applies a multi-cursor batch in VS Code order', () => {
    const result = trackChanges(range, [
      { rangeOffset: 30, rangeLength: 0, text: 'zz' },
      { rangeOffset: 0, rangeLength: 0, text: 'a' },
      { rangeOffset: 5, rangeLength: 0, text: 'bb' },
    ]);
    assert.deepEqual(result, { kind: 'moved', range: { start: 13, end: 23 } });
  });
  it('stays an overlap once one change overlaps', () => {
    const result = trackChanges(range, [
      { rangeOffset: 12, rangeLength: 1, text: '' },
      { rangeOffset: 0, rangeLength: 0, text: 'a' },
    ]);
    assert.equal(result.kind, 'overlap');
  });
});
