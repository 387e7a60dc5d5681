/**
 * An adaptive debounce for ghost text: learns how fast this person types (the gaps between
 * keystrokes that reach the provider) and, at a word boundary, waits only a little longer
 * than their usual gap instead of the fixed setting. Mid-word, and until enough gaps are
 * known, it waits the configured time. The setting stays the ceiling: never slower than before.
 *
 * The idea is Tabby's (its agent averages typing intervals and scales them by how likely a
 * suggestion is wanted at the cursor); the rule and numbers here are Inkwell's own, measured
 * with `npm run bench:editor`.
 */

export interface TypingRhythmOptions {
  /** Gaps longer than this are pauses, not typing (default 1,000 ms). */
  maxGapMs?: number;
  /** Gaps remembered (default 32). */
  window?: number;
  /** Gaps needed before adapting (default 8). */
  minGaps?: number;
  /** At a word boundary, wait this many times the median gap (default 1.25). */
  boundaryFactor?: number;
  /** Never wait less than this (default 75 ms). */
  floorMs?: number;
}

export interface DebounceQuestion {
  /** When this keystroke reached the provider (ms, any monotonic clock). */
  now: number;
  /** The configured debounce: the ceiling. */
  configuredMs: number;
  /** The text just before the cursor. */
  before: string;
}

/** Whitespace or punctuation just before the cursor: a word has just ended. */
const WORD_END = /[\s\p{P}]$/u;

export class TypingRhythm {
  private readonly gaps: number[] = [];
  private last: number | undefined;
  private readonly maxGapMs: number;
  private readonly window: number;
  private readonly minGaps: number;
  private readonly boundaryFactor: number;
  private readonly floorMs: number;

  constructor(options: TypingRhythmOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 1000;
    this.window = options.window ?? 32;
    this.minGaps = options.minGaps ?? 8;
    this.boundaryFactor = options.boundaryFactor ?? 1.25;
    this.floorMs = options.floorMs ?? 75;
  }

  /** Records a keystroke and says how long to wait before asking the model. */
  debounceMs(question: DebounceQuestion): number {
    this.record(question.now);
    const typical = this.typicalGapMs();
    if (typical === undefined || !WORD_END.test(question.before)) return question.configuredMs;
    return Math.round(Math.min(question.configuredMs, Math.max(this.floorMs, this.boundaryFactor * typical)));
  }

  /** The median gap between keystrokes, once enough are known. */
  typicalGapMs(): number | undefined {
    if (this.gaps.length < this.minGaps) return undefined;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }

  private record(now: number): void {
    if (this.last !== undefined) {
      const gap = now - this.last;
      if (gap > 0 && gap <= this.maxGapMs) {
        this.gaps.push(gap);
        if (this.gaps.length > this.window) this.gaps.shift();
      }
    }
    this.last = now;
  }
}
