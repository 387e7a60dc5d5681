import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonPrefixLength, cropHeads, reusableLength } from '../../../../src/core/generation/kvCrop';

describe('KV cache prefix reuse helpers', () => {
  it('measures the common prefix of token sequences', () => {
    assert.equal(commonPrefixLength([1n, 2n, 3n], [1n, 2n, 4n]), 2);
    assert.equal(commonPrefixLength([], [1n]), 0);
    assert.equal(commonPrefixLength([1n, 2n], [1n, 2n, 3n]), 2);
  });

  it('never reuses the whole prompt, nor more than is cached', () => {
    assert.equal(reusableLength([1n, 2n, 3n, 4n], [1n, 2n, 3n], 4), 2);
    assert.equal(reusableLength([1n, 2n, 3n, 4n, 5n], [1n, 2n, 3n, 4n, 5n, 6n], 4), 4);
    assert.equal(reusableLength([9n], [1n, 2n], 1), 0);
  });

  it('copies the first positions of every head', () => {
    // batch 1, 2 heads, 3 positions, headDim 2: value = head*100 + pos*10 + d
    const source = new Float32Array([0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121]);
    const out = cropHeads(source, [1, 2, 3, 2], 2, new Float32Array(8));
    assert.deepEqual([...out], [0, 1, 10, 11, 100, 101, 110, 111]);
    assert.throws(() => cropHeads(source, [1, 2, 3, 2], 4, new Float32Array(16)), RangeError);
  });
});
