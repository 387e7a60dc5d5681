import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logprobTokens } from '../../../../src/core/generation/logprobs';
import { clipPieces, keepTopK, softmax, tokenStats, topTokens } from '../../../../src/core/generation/tokenConfidence';

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} != ${expected}`);

// Hand-computed: logits ln(.5), ln(.25), ln(.125), ln(.125) -> probabilities .5 .25 .125 .125.
// Temperature 0.5 doubles the logits: .25, .0625, .015625, .015625 (sum .34375)
// -> 8/11, 2/11, 1/22, 1/22. Top-k 2 on those: .8, .2.
const logits = [Math.log(0.5), Math.log(0.25), Math.log(0.125), Math.log(0.125)];
const atHalf = logits.map((l) => l / 0.5);

describe('token confidence from logits', () => {
  it('softmax of a hand-computed row, masked tokens get 0', () => {
    const probs = softmax(logits);
    [0.5, 0.25, 0.125, 0.125].forEach((p, i) => close(probs[i]!, p, `p${i}`));
    const masked = softmax([0, -Infinity, 0]);
    assert.deepEqual(Array.from(masked), [0.5, 0, 0.5]);
    assert.deepEqual(Array.from(softmax([-Infinity, -Infinity])), [0, 0]);
  });

  it('top tokens are the most likely first, ties by lower id, zeros left out', () => {
    assert.deepEqual(topTokens([0.1, 0.4, 0.2, 0.2, 0.1], 3), [
      { id: 1, probability: 0.4 },
      { id: 2, probability: 0.2 },
      { id: 3, probability: 0.2 },
    ]);
    assert.deepEqual(topTokens([0, 1, 0], 5), [{ id: 1, probability: 1 }]);
  });

  it('keepTopK masks all but the k largest (k 0 keeps all)', () => {
    assert.deepEqual(Array.from(keepTopK([1, 3, 2, 3], 2)), [-Infinity, 3, -Infinity, 3]);
    assert.deepEqual(Array.from(keepTopK([1, 2, 2, 0], 2)), [-Infinity, 2, 2, -Infinity]);
    assert.deepEqual(Array.from(keepTopK([1, 2], 0)), [1, 2]);
  });

  it('sampled at temperature 0.5 with top-k 2: chosen token 1 has 0.2 (raw 0.25); alternatives .8, .2', () => {
    const stats = tokenStats({ raw: logits, processed: atHalf, sampled: true, topK: 2 }, 1);
    close(stats.probability, 0.2, 'probability');
    close(stats.rawProbability, 0.25, 'raw');
    assert.equal(stats.alternatives.length, 2);
    close(stats.alternatives[0]!.probability, 0.8, 'alt 0');
    assert.equal(stats.alternatives[0]!.id, 0);
  });

  it('sampled at temperature 0.5 without top-k: 8/11, 2/11, 1/22, 1/22', () => {
    const stats = tokenStats({ raw: logits, processed: atHalf, sampled: true, topK: 0 }, 3);
    close(stats.probability, 1 / 22, 'probability');
    close(stats.rawProbability, 0.125, 'raw');
    assert.deepEqual(stats.alternatives.map((a) => a.id), [0, 1, 2, 3]);
    close(stats.alternatives[1]!.probability, 2 / 11, 'alt 1');
  });

  it('top-p already masked in the processed logits renormalizes over what is left', () => {
    const processed = [logits[0]!, logits[1]!, -Infinity, -Infinity];
    const stats = tokenStats({ raw: logits, processed, sampled: true, topK: 0 }, 0);
    close(stats.probability, 2 / 3, 'probability');
    assert.equal(stats.alternatives.length, 2);
  });

  it('greedy reports the raw distribution', () => {
    const stats = tokenStats({ raw: logits, processed: atHalf, sampled: false, topK: 2 }, 0, 3);
    close(stats.probability, 0.5, 'probability');
    [0.5, 0.25, 0.125].forEach((p, i) => close(stats.alternatives[i]!.probability, p, `alt ${i}`));
  });

  it('clipPieces cuts token pieces to the final text', () => {
    const pieces = [{ text: 'Hel' }, { text: 'lo' }, { text: ' wor' }, { text: 'ld' }];
    assert.deepEqual(clipPieces(pieces, 'Hello w').map((p) => p.text), ['Hel', 'lo', ' w']);
    assert.deepEqual(clipPieces(pieces, '').map((p) => p.text), []);
    assert.deepEqual(clipPieces(pieces, 'Hello world').map((p) => p.text), ['Hel', 'lo', ' wor', 'ld']);
  });
});

describe('OpenAI-compatible logprobs', () => {
  it('reads /completions logprobs (maps of alternatives)', () => {
    const tokens = logprobTokens({
      text: ' a b',
      logprobs: { tokens: [' a', ' b'], token_logprobs: [Math.log(0.5), Math.log(0.25)], top_logprobs: [{ ' a': Math.log(0.5), ' c': Math.log(0.3) }, null] },
    });
    assert.equal(tokens.length, 2);
    close(tokens[0]!.probability, 0.5, 'p a');
    assert.deepEqual(tokens[0]!.alternatives.map((a) => a.text), [' a', ' c']);
    close(tokens[0]!.alternatives[1]!.probability, 0.3, 'p c');
    assert.deepEqual(tokens[1]!.alternatives, []);
  });

  it('reads /chat/completions logprobs (content entries), most likely alternatives first, at most 5', () => {
    const top = [0.05, 0.4, 0.1, 0.2, 0.15, 0.1].map((p, i) => ({ token: `t${i}`, logprob: Math.log(p) }));
    const tokens = logprobTokens({ delta: { content: 'Hi' }, logprobs: { content: [{ token: 'Hi', logprob: Math.log(0.4), top_logprobs: top }] } });
    assert.equal(tokens.length, 1);
    assert.equal(tokens[0]!.text, 'Hi');
    assert.deepEqual(tokens[0]!.alternatives.map((a) => a.text), ['t1', 't3', 't4', 't2', 't5']);
  });

  it('a choice without logprobs (or with nulls) gives no tokens', () => {
    assert.deepEqual(logprobTokens({ text: 'x' }), []);
    assert.deepEqual(logprobTokens({ text: 'x', logprobs: null }), []);
    assert.deepEqual(logprobTokens({ logprobs: { tokens: ['x'], token_logprobs: [null] } }), []);
    assert.deepEqual(logprobTokens(null), []);
  });
});
