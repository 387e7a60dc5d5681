import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chunkText, type Chunk } from '../../../../src/core/chunking/chunker';
import { seededRandom, type Random } from '../random';

/** One token per word or punctuation mark: easy to reason about in examples. */
const wordTokens = (s: string) => s.match(/[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]/gu)?.length ?? 0;
/** About four characters per token, like the default estimator. */
const charTokens = (s: string) => Math.ceil(s.length / 4);

/** Checks the guarantees that hold for every input. */
function assertValidChunks(text: string, chunks: Chunk[], budget: number, count: (s: string) => number): void {
  let previousEnd = 0;
  for (const [i, chunk] of chunks.entries()) {
    assert.equal(chunk.text, text.slice(chunk.start, chunk.end), `chunk ${i} text matches its offsets`);
    assert.ok(count(chunk.text) <= budget, `chunk ${i} has ${count(chunk.text)} tokens, budget ${budget}`);
    assert.ok(chunk.start >= previousEnd, `chunk ${i} starts after the previous one ends`);
    assert.match(text.slice(previousEnd, chunk.start), /^\s*$/, `only whitespace before chunk ${i}`);
    assert.match(chunk.text, /^\S[\s\S]*$/, `chunk ${i} starts on non-whitespace`);
    assert.match(chunk.text, /\S$/, `chunk ${i} ends on non-whitespace`);
    previousEnd = chunk.end;
  }
  assert.match(text.slice(previousEnd), /^\s*$/, 'only whitespace after the last chunk');
  // Nothing dropped: the slices between chunk starts give back the text.
  const rebuilt = chunks.map((c, i) => text.slice(c.start, chunks[i + 1]?.start ?? text.length)).join('');
  assert.equal(text.slice(0, chunks[0]?.start ?? text.length) + rebuilt, text);
}

describe('chunkText', () => {
  test('a text that fits is one chunk, trimmed', () => {
    const text = '\n  Short text. Two sentences.  \n';
    assert.deepEqual(chunkText(text, 100, wordTokens), [{ text: 'Short text. Two sentences.', start: 3, end: 29 }]);
  });

  test('whitespace-only text gives no chunks', () => {
    assert.deepEqual(chunkText('', 10, wordTokens), []);
    assert.deepEqual(chunkText(' \n\t\n', 10, wordTokens), []);
  });

  test('paragraphs are packed together while they fit', () => {
    const text = `One two three.

Four five six.

Seven eight nine.`;
    // Each paragraph is 4 tokens; two paragraphs with the blank line between still count 8.
    const chunks = chunkText(text, 8, wordTokens);
    assert.deepEqual(chunks.map((c) => c.text), ['One two three.\n\nFour five six.', 'Seven eight nine.']);
  });

  test('a paragraph over the budget is cut between sentences', () => {
    const text = 'Alpha beta gamma. Delta epsilon. Zeta eta theta iota.';
    const chunks = chunkText(text, 7, wordTokens);
    assert.deepEqual(chunks.map((c) => c.text), ['Alpha beta gamma. Delta epsilon.', 'Zeta eta theta iota.']);
  });

  test('an abbreviation does not end a sentence', () => {
    const text = 'Bring fruit, e.g. apples and pears. Then rest.';
    const chunks = chunkText(text, 12, wordTokens);
    assert.deepEqual(chunks.map((c) => c.text), ['Bring fruit, e.g. apples and pears.', 'Then rest.']);
  });

  test('a list without sentence ends is cut between lines', () => {
    const text = '- milk and honey\n- bread and butter\n- tea';
    const chunks = chunkText(text, 8, wordTokens);
    assert.deepEqual(chunks.map((c) => c.text), ['- milk and honey\n- bread and butter', '- tea']);
  });

  test('a sentence over the budget is cut between words', () => {
    const text = 'one two three four five six seven';
    assert.deepEqual(chunkText(text, 3, wordTokens).map((c) => c.text), ['one two three', 'four five six', 'seven']);
  });

  test('one over-long word is cut between characters, never inside a surrogate pair', () => {
    const text = 'a'.repeat(11) + '😀'.repeat(9);
    const chunks = chunkText(text, 3, charTokens); // at most 12 UTF-16 units per chunk
    assertValidChunks(text, chunks, 3, charTokens);
    for (const c of chunks) assert.ok(!/[\ud800-\udbff]$|^[\udc00-\udfff]/.test(c.text), JSON.stringify(c.text));
    assert.equal(chunks.map((c) => c.text).join(''), text);
  });

  test('a fenced code block with blank lines inside stays whole while it fits', () => {
    const text = 'Intro.\n\n```\nline a\n\nline b\n```\n\nOutro.';
    const chunks = chunkText(text, 29, (t) => t.length).map((c) => c.text);
    assert.deepEqual(chunks, ['Intro.', '```\nline a\n\nline b\n```', 'Outro.']);
  });

  test('a budget below one token is rejected', () => {
    assert.throws(() => chunkText('text', 0, wordTokens), RangeError);
  });

  test('CRLF paragraphs and whitespace-only lines separate paragraphs', () => {
    const text = 'First one here.\r\n   \r\nSecond one here.\r\n\r\nThird.';
    const chunks = chunkText(text, 4, wordTokens);
    assert.deepEqual(chunks.map((c) => c.text), ['First one here.', 'Second one here.', 'Third.']);
    assertValidChunks(text, chunks, 4, wordTokens);
  });

  test('a long document needs few token counts (galloping, not one call per piece per chunk)', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    let calls = 0;
    const counting = (s: string) => (calls++, wordTokens(s));
    const chunks = chunkText(text, 200, counting);
    assertValidChunks(text, chunks, 200, wordTokens);
    assert.ok(calls < 2000 + chunks.length * 20, `${calls} calls`);
  });
});

const WORDS = ['river', 'stone', 'quiet', 'morning', 'lantern', 'a', 'the', 'of', 'build', 'garden', 'über', '数据', 'naïve', 'x'];

interface GeneratedText {
  text: string;
  /** Offsets of every generated sentence. */
  sentences: { start: number; end: number }[];
}

/** Random prose: paragraphs of sentences, hard wraps, CRLF, odd spacing, huge words, emoji. */
function generateText(random: Random): GeneratedText {
  const eol = random.chance(0.3) ? '\r\n' : '\n';
  let text = random.pick(['', ' ', eol]);
  const spans: GeneratedText['sentences'] = [];
  const paragraphCount = random.int(1, 8);
  for (let p = 0; p < paragraphCount; p++) {
    if (p > 0) text += random.pick([eol + eol, eol + '  ' + eol, eol + eol + eol]);
    const sentenceCount = random.int(1, 6);
    for (let s = 0; s < sentenceCount; s++) {
      if (s > 0) text += random.pick([' ', '  ', eol]);
      // Two words at least: a lone capital before a dot ("X.") reads as an initial, not a sentence end.
      const words = Array.from({ length: random.int(2, 25) }, () => {
        if (random.chance(0.02)) return 'z'.repeat(random.int(20, 90)); // one over-long word
        if (random.chance(0.02)) return '😀'.repeat(random.int(1, 30));
        return random.pick(WORDS);
      });
      // A sentence starts with a capital letter: after "a." an emoji and then a lowercase word
      // continue the sentence by the Unicode rules (as "etc. and" does).
      if (!/^\p{L}/u.test(words[0])) words[0] = 'the';
      words[0] = words[0][0].toUpperCase() + words[0].slice(1);
      const sentence = words.join(random.chance(0.1) ? eol : ' ') + random.pick(['.', '!', '?', '."']);
      spans.push({ start: text.length, end: text.length + sentence.length });
      text += sentence;
    }
  }
  text += random.pick(['', eol, ' ' + eol + eol]);
  return { text, sentences: spans };
}

describe('chunkText over generated texts', () => {
  const counters: [string, (s: string) => number][] = [['words', wordTokens], ['characters', charTokens]];
  for (const [name, count] of counters) {
    test(`guarantees hold for 300 random texts (${name} tokens)`, () => {
      const random = seededRandom(name === 'words' ? 42 : 7);
      for (let i = 0; i < 300; i++) {
        const { text, sentences } = generateText(random);
        const budget = random.int(3, 60);
        const chunks = chunkText(text, budget, count);
        const where = `text #${i}, budget ${budget}: ${JSON.stringify(text.slice(0, 80))}`;
        try {
          assertValidChunks(text, chunks, budget, count);
        } catch (error) {
          throw new Error(`${where}\n${String(error)}`);
        }
        // A sentence that fits the budget is never cut: no chunk boundary falls inside it.
        for (const s of sentences) {
          if (count(text.slice(s.start, s.end)) > budget) continue;
          for (const c of chunks) {
            assert.ok(!(c.start > s.start && c.start < s.end), `${where}: a chunk starts inside ${JSON.stringify(text.slice(s.start, s.end))}`);
            assert.ok(!(c.end > s.start && c.end < s.end), `${where}: a chunk ends inside ${JSON.stringify(text.slice(s.start, s.end))}`);
          }
        }
        // Greedy: the next piece did not fit, so two neighbouring chunks together are over the budget.
        for (let k = 1; k < chunks.length; k++) {
          assert.ok(count(text.slice(chunks[k - 1].start, chunks[k].end)) > budget, `${where}: chunks ${k - 1} and ${k} would fit together`);
        }
      }
    });
  }
});
