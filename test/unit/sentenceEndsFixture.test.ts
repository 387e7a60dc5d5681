// The sentence-ending test model's biases (test/fixtures/sentenceEnds.ts): `.` always raised;
// right after a `.`, capitalised words raised above everything and a second `.` cancelled.
// bench:unit-stop measures the generated model's greedy text (tokens per sentence).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CAPITAL_AFTER_END_BIAS, sentenceEndBias } from '../fixtures/sentenceEnds';

const VOCAB = new Map<string, number>([
  ['.', 5],
  ['Ġthe', 6],
  ['ĠThe', 7],
  ['ĠWater', 8],
  ['The', 9],
  ['ĠT', 10],
  ['ĠHTML', 11],
]);

describe('sentence-ending test model biases', () => {
  it('none without a bias', () => {
    assert.equal(sentenceEndBias(VOCAB, undefined), undefined);
  });

  it('raises "." everywhere; after it, spaced capitalised words win and "." is cancelled', () => {
    const bias = sentenceEndBias(VOCAB, 14)!;
    assert.equal(bias.endId, 5);
    assert.deepEqual([...bias.always], [[5, 14]]);
    assert.deepEqual(
      [...bias.afterEnd].sort((a, b) => a[0] - b[0]),
      [
        [5, -14],
        [7, CAPITAL_AFTER_END_BIAS],
        [8, CAPITAL_AFTER_END_BIAS],
      ],
    );
  });

  it('says which token is missing', () => {
    assert.throws(() => sentenceEndBias(new Map([['ĠThe', 1]]), 14), /no "\." token/);
    assert.throws(() => sentenceEndBias(new Map([['.', 1]]), 14), /no capitalised word tokens/);
  });
});
