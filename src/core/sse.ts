/**
 * An incremental parser for `text/event-stream` bodies (Server-Sent Events), as
 * OpenAI-compatible servers stream them: `data: {json}` events separated by a
 * blank line, ending with `data: [DONE]`.
 *
 * Feed it decoded text in chunks split anywhere (decode bytes with
 * `TextDecoder(..., { stream: true })` first, so a character cut between two
 * network chunks is kept whole). Lines end in `\n`, `\r\n` or `\r`; `:` lines are
 * comments; several `data:` lines in one event are joined with `\n`; other fields
 * (`event`, `id`, `retry`) are ignored.
 */

/** The payload OpenAI-compatible servers send after the last event. */
export const DONE = '[DONE]';

export class SseParser {
  /** Set once the `[DONE]` event has been seen; later events are ignored. */
  done = false;
  private line = '';
  private data: string[] = [];
  private skipLf = false;
  private started = false;

  /** Feeds a chunk; returns the data payloads of the events it completed. */
  push(chunk: string): string[] {
    if (chunk.length === 0) return [];
    if (!this.started) {
      this.started = true;
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
    }
    const events: string[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c !== '\n' && c !== '\r') continue;
      if (c === '\n' && i === 0 && this.skipLf) {
        // The `\n` of a `\r\n` split between two chunks.
        start = 1;
        this.skipLf = false;
        continue;
      }
      this.line += chunk.slice(start, i);
      this.endLine(events);
      if (c === '\r' && chunk[i + 1] === '\n') i++;
      start = i + 1;
    }
    this.skipLf = chunk.endsWith('\r');
    this.line += chunk.slice(start);
    return events;
  }

  /**
   * The body ended. The data lines of an event that was not closed by a blank
   * line are still delivered (some servers omit the last one); a line cut in
   * the middle is dropped, as the SSE spec says.
   */
  end(): string[] {
    const events: string[] = [];
    this.line = '';
    this.dispatch(events);
    return events;
  }

  private endLine(events: string[]): void {
    const line = this.line;
    this.line = '';
    if (line === '') return this.dispatch(events);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.data.push(value);
  }

  private dispatch(events: string[]): void {
    if (this.data.length === 0) return;
    const payload = this.data.join('\n');
    this.data = [];
    if (this.done) return;
    if (payload.trim() === DONE) this.done = true;
    else events.push(payload);
  }
}
