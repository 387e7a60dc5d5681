import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupForReduce, runMapReduce, type MapReduceProgress } from '../../../../src/core/summarize/mapReduce';

const wordTokens = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Twelve paragraphs of ten words each. */
const longText = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} has some words in it to summarize here.`).join('\n\n');

describe('groupForReduce', () => {
  test('packs summaries in order while they fit', () => {
    assert.deepEqual(groupForReduce(['a b', 'c d', 'e f g'], 4, wordTokens), ['a b\n\nc d', 'e f g']);
  });

  test('skips empty summaries and chunks one that is over the budget alone', () => {
    assert.deepEqual(groupForReduce(['a', '  ', 'one two three four five six'], 3, wordTokens), ['a', 'one two three', 'four five six']);
  });
});

describe('runMapReduce', () => {
  test('a text that fits takes one call and no reduce round', async () => {
    const seen: MapReduceProgress[] = [];
    const result = await runMapReduce('Short text.', { budget: 100, countTokens: wordTokens }, async (input, progress) => {
      seen.push(progress);
      return `summary of ${input}`;
    });
    assert.deepEqual(result, { summary: 'summary of Short text.', calls: 1, rounds: 0, converged: true });
    assert.deepEqual(seen, [{ phase: 'map', round: 0, part: 1, parts: 1 }]);
  });

  test('maps every chunk, then reduces in rounds until one summary remains', async () => {
    const seen: string[] = [];
    // Each summary is 3 words; a budget of 20 fits two paragraphs per chunk and six summaries per reduce input.
    const result = await runMapReduce(longText, { budget: 20, countTokens: wordTokens }, async (input, p) => {
      seen.push(`${p.phase} r${p.round} ${p.part}/${p.parts}`);
      assert.ok(wordTokens(input) <= 20, 'every model input fits the budget');
      return `s${seen.length} s s`;
    });
    assert.deepEqual(seen, [
      'map r0 1/6', 'map r0 2/6', 'map r0 3/6', 'map r0 4/6', 'map r0 5/6', 'map r0 6/6',
      'reduce r1 1/1',
    ]);
    assert.deepEqual(result, { summary: 's7 s s', calls: 7, rounds: 1, converged: true });
  });

  test('several reduce rounds when the summaries do not fit one input', async () => {
    const rounds: number[] = [];
    const result = await runMapReduce(longText, { budget: 10, countTokens: wordTokens }, async (_input, p) => {
      rounds.push(p.round);
      return 'four words of summary';
    });
    // 12 chunks -> 12 summaries of 4 words; two fit per input: 6, 3, 2, 1.
    assert.deepEqual(rounds.filter((r) => r === 0).length, 12);
    assert.deepEqual([1, 2, 3, 4].map((r) => rounds.filter((x) => x === r).length), [6, 3, 2, 1]);
    assert.equal(result.converged, true);
    assert.equal(result.rounds, 4);
  });

  test('stops instead of looping when summaries do not get shorter', async () => {
    const result = await runMapReduce(longText, { budget: 10, countTokens: wordTokens }, async (input) => input);
    assert.equal(result.converged, false);
    assert.equal(result.rounds, 0);
    assert.equal(result.calls, 12);
    assert.ok(result.summary.startsWith('Paragraph 0 has'));
  });

  test('a model error (or cancellation) propagates', async () => {
    await assert.rejects(
      runMapReduce(longText, { budget: 10, countTokens: wordTokens }, async () => {
        throw new Error('cancelled');
      }),
      /cancelled/,
    );
  });
});
