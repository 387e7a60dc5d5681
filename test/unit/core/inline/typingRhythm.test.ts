import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TypingRhythm } from '../../../../src/core/inline/typingRhythm';

/** Types `text` one key every `gapMs` from `start`; returns each keystroke's debounce. */
function typeAt(rhythm: TypingRhythm, text: string, gapMs: number, start = 0, configuredMs = 250): number[] {
  return [...text].map((_, i) => rhythm.debounceMs({ now: start + i * gapMs, configuredMs, before: text.slice(0, i + 1) }));
}

describe('adaptive debounce (TypingRhythm)', () => {
  it('waits the configured time until it has heard enough keystrokes', () => {
    const waits = typeAt(new TypingRhythm(), 'the tide', 150);
    assert.deepEqual(waits, Array(8).fill(250), 'seven gaps: not enough');
  });

  it('after a word, waits a little longer than the usual gap; mid-word, the configured time', () => {
    const rhythm = new TypingRhythm();
    typeAt(rhythm, 'the tide came in', 150);
    const waits = typeAt(rhythm, ' early ', 150, 10_000);
    assert.equal(waits.at(-1), 188, 'after the space: 1.25 × 150 ms');
    assert.equal(waits[3], 250, 'mid-word: the setting');
    assert.equal(rhythm.typicalGapMs(), 150);
  });

  it('never waits longer than the setting nor shorter than the floor', () => {
    const slow = new TypingRhythm();
    typeAt(slow, 'a slow typist types ', 400);
    assert.equal(slow.debounceMs({ now: 100_000, configuredMs: 250, before: 'word ' }), 250);
    const fast = new TypingRhythm();
    typeAt(fast, 'a very fast typist ', 20);
    assert.equal(fast.debounceMs({ now: 100_000, configuredMs: 250, before: 'word.' }), 75);
  });

  it('does not count pauses (gaps over a second) as typing speed', () => {
    const rhythm = new TypingRhythm();
    for (let i = 0; i < 20; i++) rhythm.debounceMs({ now: i * 5_000, configuredMs: 250, before: 'x ' });
    assert.equal(rhythm.typicalGapMs(), undefined);
  });
});
