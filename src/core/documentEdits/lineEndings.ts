/**
 * Generated text arrives with "\n" (sometimes "\r\n" or a lone "\r"), in chunks
 * that may split a "\r\n" or a surrogate pair anywhere. A document has one line
 * ending, and VS Code rewrites an inserted "\n" to it ("\r\n" in a CRLF
 * document) — so text must be written in the document's line ending, or the
 * edit no longer matches what was sent and its length is wrong.
 */
export type Eol = '\n' | '\r\n';

/** Every line break in `text` ("\r\n", "\r", "\n") as `eol`. */
export function withEol(text: string, eol: Eol): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

/** The same text with any line break as "\n": for comparing text across line endings. */
export function sameText(a: string, b: string): boolean {
  return withEol(a, '\n') === withEol(b, '\n');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Converts streamed chunks to a document's line ending. Holds back a trailing
 * "\r" (its "\n" may be in the next chunk) and a trailing high surrogate (its
 * low half is in the next chunk), so no edit ever splits a line break or a
 * character. `flush()` returns what is held back at the end of the stream.
 */
export class EolStream {
  private held = '';

  constructor(private readonly eol: Eol) {}

  push(chunk: string): string {
    let text = this.held + chunk;
    this.held = '';
    const last = text.charCodeAt(text.length - 1);
    if (text.endsWith('\r') || isHighSurrogate(last)) {
      this.held = text.slice(-1);
      text = text.slice(0, -1);
    }
    return withEol(text, this.eol);
  }

  flush(): string {
    const text = withEol(this.held, this.eol);
    this.held = '';
    return text;
  }
}
