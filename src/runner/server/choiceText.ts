/**
 * The text of one streamed choice: cut at stop strings as it grows, and held to
 * the request's `max_tokens` on the client, for servers that ignore it.
 */
import { StopTextTracker } from '../../core/generation/streamStops';

export interface ChoiceResult {
  text: string;
  finishReason: 'stop' | 'length' | 'cancelled';
}

/**
 * The most characters a token is counted as when holding a server to `max_tokens`
 * (real tokens average about 4; whitespace runs in code vocabularies reach ~30).
 */
export const MAX_CHARS_PER_TOKEN = 32;

export class ChoiceText {
  raw = '';
  finishReason: string | undefined;
  /** Text chunks received: one per token or more tokens per chunk on every server seen. */
  chunks = 0;
  readonly tracker: StopTextTracker;
  private readonly maxChars: number;

  constructor(
    stops: readonly string[],
    /** The request's `max_tokens`; undefined: no client-side limit. */
    private readonly maxTokens: number | undefined,
  ) {
    this.tracker = new StopTextTracker(stops);
    this.maxChars = maxTokens === undefined ? Infinity : maxTokens * MAX_CHARS_PER_TOKEN;
  }

  get ended(): boolean {
    return this.tracker.stopped || this.finishReason !== undefined;
  }

  /** True once the choice reached a stop string or its token budget: later text is ignored. */
  get complete(): boolean {
    return this.tracker.stopped || this.finishReason === 'length';
  }

  /**
   * Adds a chunk of text; returns the newly safe-to-show text. A chunk past
   * `max_tokens` chunks, or text past `max_tokens × MAX_CHARS_PER_TOKEN`
   * characters, is dropped and the choice ends with 'length'.
   */
  add(text: string): string {
    if (this.complete) return '';
    if (this.maxTokens !== undefined && this.chunks >= this.maxTokens) {
      this.finishReason = 'length';
      return '';
    }
    this.chunks++;
    let piece = text;
    const room = this.maxChars - this.raw.length;
    if (piece.length > room) {
      let cut = Math.max(0, room);
      // Never split a surrogate pair.
      if (cut > 0 && /[\uD800-\uDBFF]/.test(piece[cut - 1])) cut--;
      piece = piece.slice(0, cut);
    }
    this.raw += piece;
    const delta = this.tracker.update(this.raw);
    if (piece !== text && !this.tracker.stopped) this.finishReason = 'length';
    return delta;
  }

  /** The server's finish_reason, unless the client already ended the choice. */
  finishWith(reason: string): void {
    if (!this.complete) this.finishReason = reason;
  }

  result(cancelled: boolean): ChoiceResult {
    return { text: this.tracker.text, finishReason: this.finish(cancelled) };
  }

  /** The server's 'length' or 'stop' (other reasons count as 'stop'); 'cancelled' if it had not finished. */
  private finish(cancelled: boolean): ChoiceResult['finishReason'] {
    if (this.tracker.stopped) return 'stop';
    if (this.finishReason === 'length') return 'length';
    return this.finishReason || !cancelled ? 'stop' : 'cancelled';
  }
}
