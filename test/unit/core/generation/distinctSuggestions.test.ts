import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALTERNATIVE_TEMPERATURE, collectDistinctSuggestions, suggestionCount, type AttemptOutcome, type SuggestionAttempt } from '../../../../src/core/generation/distinctSuggestions';

/** Plays back one outcome per attempt and records what each attempt was asked. */
function script(outcomes: AttemptOutcome[]) {
  const asked: SuggestionAttempt[] = [];
  const attempt = async (next: SuggestionAttempt) => {
    asked.push(next);
    return outcomes[next.index] ?? { texts: [], cancelled: false };
  };
  return { asked, attempt };
}

const notCancelled = () => false;

test('n is clamped to 1..3 and rounded', () => {
  assert.deepEqual([0, 1, 2.4, 2.6, 3, 9, -1].map(suggestionCount), [1, 1, 2, 3, 3, 3, 1]);
});

test('one greedy attempt for n = 1, at the request temperature', async () => {
  const { asked, attempt } = script([{ texts: [' fox'], cancelled: false }]);
  assert.deepEqual(await collectDistinctSuggestions(1, 0, notCancelled, attempt), [' fox']);
  assert.deepEqual(asked, [{ index: 0, temperature: 0, missing: 1 }]);
});

test('later attempts are sampled; repeats are dropped; two spare attempts at most', async () => {
  const same = { texts: [' fox'], cancelled: false };
  const { asked, attempt } = script([same, same, { texts: [' dog'], cancelled: false }, same, same, same]);
  assert.deepEqual(await collectDistinctSuggestions(3, undefined, notCancelled, attempt), [' fox', ' dog']);
  assert.equal(asked.length, 5, '3 wanted + 2 spare attempts');
  assert.deepEqual(asked.map((a) => a.temperature), [undefined, ALTERNATIVE_TEMPERATURE, ALTERNATIVE_TEMPERATURE, ALTERNATIVE_TEMPERATURE, ALTERNATIVE_TEMPERATURE]);
  assert.deepEqual(asked.map((a) => a.missing), [3, 2, 2, 1, 1]);
});

test('a temperature above the alternative one is kept for every attempt', async () => {
  const { asked, attempt } = script([{ texts: ['a'], cancelled: false }, { texts: ['b'], cancelled: false }]);
  await collectDistinctSuggestions(2, 1.2, notCancelled, attempt);
  assert.deepEqual(asked.map((a) => a.temperature), [1.2, 1.2]);
});

test('several texts from one attempt (a server honouring n) fill up to n, in order', async () => {
  const { asked, attempt } = script([{ texts: ['a'], cancelled: false }, { texts: ['a', 'b', 'c', 'd'], cancelled: false }]);
  assert.deepEqual(await collectDistinctSuggestions(3, 0, notCancelled, attempt), ['a', 'b', 'c']);
  assert.equal(asked.length, 2);
});

test('a cancelled attempt ends the collection and its texts are not kept', async () => {
  const { asked, attempt } = script([{ texts: ['a'], cancelled: false }, { texts: ['b'], cancelled: true }, { texts: ['c'], cancelled: false }]);
  assert.deepEqual(await collectDistinctSuggestions(3, 0, notCancelled, attempt), ['a']);
  assert.equal(asked.length, 2);
});

test('no attempt once the request is cancelled', async () => {
  const { asked, attempt } = script([{ texts: ['a'], cancelled: false }]);
  assert.deepEqual(await collectDistinctSuggestions(3, 0, () => true, attempt), []);
  assert.equal(asked.length, 0);
});
