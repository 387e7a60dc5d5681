/**
 * `text/event-stream` bodies (Server-Sent Events) as OpenAI-compatible servers
 * stream them: `data: {json}` events separated by a blank line, ending with
 * `data: [DONE]`. The parsing itself is `eventsource-parser`'s (the WHATWG rules:
 * `\n`, `\r\n` and `\r` line ends, `:` comments, multi-line data joined with `\n`);
 * a leading byte order mark is dropped here; this adds the limits a client needs against a
 * broken or hostile server, and the `[DONE]` convention.
 *
 * Feed it decoded text in chunks split anywhere (decode bytes with
 * `TextDecoder(..., { stream: true })` first, so a character cut between two
 * network chunks is kept whole).
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';

/** The payload OpenAI-compatible servers send after the last event. */
export const DONE = '[DONE]';

/**
 * The most characters one unfinished line plus one unfinished event may hold.
 * A real chunk is a few hundred bytes (a few KB with logprobs); 1 MiB leaves room
 * and keeps a server that never ends a line from filling the runner's memory.
 */
export const MAX_EVENT_CHARS = 1024 * 1024;

/** A line or an event grew past `maxEventChars` before it ended. */
export class SseLimitError extends Error {
  constructor(readonly maxEventChars: number) {
    super(`an event-stream line or event grew past ${Math.round(maxEventChars / 1024)} KB without ending`);
    this.name = 'SseLimitError';
  }
}

export interface SseOptions {
  /** Default MAX_EVENT_CHARS. */
  maxEventChars?: number;
}

export class SseParser {
  /** Set once the `[DONE]` event has been seen; later events are ignored. */
  done = false;
  /** Comments (`: keep-alive`) seen so far: they prove the connection lives, not that the answer progresses. */
  comments = 0;
  private readonly parser: EventSourceParser;
  private readonly maxEventChars: number;
  private pending: string[] = [];
  private overflow = false;
  /** The last character fed was a line end: the stream did not stop in the middle of a line. */
  private atLineEnd = true;
  private started = false;

  constructor(options: SseOptions = {}) {
    this.maxEventChars = options.maxEventChars ?? MAX_EVENT_CHARS;
    this.parser = createParser({
      maxBufferSize: this.maxEventChars,
      onEvent: (event) => this.dispatch(event.data),
      onComment: () => this.comments++,
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') this.overflow = true;
      },
    });
  }

  /** Feeds a chunk; returns the data payloads of the events it completed. Throws SseLimitError past the limit. */
  push(chunk: string): string[] {
    if (chunk.length === 0) return [];
    if (this.overflow) throw new SseLimitError(this.maxEventChars);
    if (!this.started) {
      this.started = true;
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
    }
    this.parser.feed(chunk);
    if (this.overflow) throw new SseLimitError(this.maxEventChars);
    const last = chunk[chunk.length - 1];
    this.atLineEnd = last === '\n' || last === '\r';
    return this.take();
  }

  /**
   * The body ended. An event whose blank line never came is still delivered when
   * its last line was complete (some servers omit the blank line); a stream cut in
   * the middle of a line delivers nothing more.
   */
  end(): string[] {
    if (!this.overflow && this.atLineEnd) this.parser.feed('\n');
    this.parser.reset();
    return this.take();
  }

  private take(): string[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  private dispatch(payload: string): void {
    if (this.done || payload === '') return;
    if (payload.trim() === DONE) this.done = true;
    else this.pending.push(payload);
  }
}
