/**
 * Where the prompt's prefix starts. Trimming the far side to the budget on
 * every keystroke would move the start each time and defeat KV-cache reuse,
 * so the start stays put while the window is within the budget and, once it
 * overflows, jumps forward to leave room to grow (`refill` of the budget).
 */
import { estimateTokensByChars, type TokenEstimator } from '../text/tokenEstimate';
import { keepTail } from './tokenBudget';

export interface PrefixWindow {
  /** Offset in the text before the cursor where the prompt starts. */
  start: number;
  /** A little of the text at `start`, to recognise the same place next time. */
  anchor: string;
}

const ANCHOR_CHARS = 64;

export function choosePrefixStart(before: string, budget: number, previous: PrefixWindow | undefined, estimate: TokenEstimator = estimateTokensByChars, refill = 0.75): PrefixWindow {
  if (previous && previous.start <= before.length && before.startsWith(previous.anchor, previous.start) && estimate(before.slice(previous.start)) <= budget) {
    return previous;
  }
  if (estimate(before) <= budget) return { start: 0, anchor: before.slice(0, ANCHOR_CHARS) };
  // Keep `refill * budget` (at a line start when that keeps at least half), leaving room to grow.
  const start = before.length - keepTail(before, budget * refill, estimate).length;
  return { start, anchor: before.slice(start, start + ANCHOR_CHARS) };
}
