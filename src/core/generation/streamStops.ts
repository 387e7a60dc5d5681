/**
 * Stop strings over streamed text: where generation must end, and how much of
 * the tail to hold back because it may be the start of a stop string.
 */

/** Index of the earliest stop string in `text`, or -1. */
export function findStop(text: string, stops: readonly string[]): number {
  let best = -1;
  for (const stop of stops) {
    if (!stop) continue;
    const at = text.indexOf(stop);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}

/**
 * Length of the longest suffix of `text` that is a proper prefix of a stop
 * string (it may turn into a stop once more text arrives), plus a trailing
 * U+FFFD, which is a UTF-8 sequence cut in the middle by the tokenizer.
 */
export function holdBackLength(text: string, stops: readonly string[]): number {
  let hold = 0;
  for (const stop of stops) {
    for (let n = Math.min(stop.length - 1, text.length); n > hold; n--) {
      if (text.endsWith(stop.slice(0, n))) {
        hold = n;
        break;
      }
    }
  }
  if (text.endsWith('\uFFFD')) hold = Math.max(hold, 1);
  return hold;
}

/**
 * Follows the growing decoded text of a generation and returns what can be
 * shown so far, never a character past a stop string.
 */
export class StopTextTracker {
  private emitted = 0;
  stopped = false;
  text = '';

  constructor(private readonly stops: readonly string[]) {}

  /** Feed the whole decoded text so far; returns the new safe delta ('' if none). */
  update(decoded: string): string {
    if (this.stopped) return '';
    const stopAt = findStop(decoded, this.stops);
    if (stopAt >= 0) {
      this.stopped = true;
      this.text = decoded.slice(0, stopAt);
    } else {
      this.text = decoded.slice(0, decoded.length - holdBackLength(decoded, this.stops));
    }
    return this.take();
  }

  /** At the end of generation: everything not yet emitted (without a partial UTF-8 tail). */
  finish(decoded: string): string {
    if (!this.stopped) this.text = decoded.replace(/\uFFFD+$/, '');
    return this.take();
  }

  private take(): string {
    if (this.text.length <= this.emitted) return '';
    const delta = this.text.slice(this.emitted);
    this.emitted = this.text.length;
    return delta;
  }
}
