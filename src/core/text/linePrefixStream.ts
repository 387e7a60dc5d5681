/**
 * Formats streamed text line by line as it arrives: every line starts with
 * `prefix` (a Markdown blockquote's "> ", a code comment's "// "), blank lines
 * get `blankPrefix` ("> " trimmed to ">"). Chunks may split lines anywhere.
 */
export class LinePrefixStream {
  private atLineStart = true;
  private afterCarriageReturn = false;

  constructor(
    private readonly prefix: string,
    private readonly eol = '\n',
    private readonly blankPrefix = prefix.trimEnd(),
  ) {}

  /** Returns the formatted piece for `chunk`. */
  push(chunk: string): string {
    let out = '';
    for (const char of chunk) {
      // "\r\n" may be split across chunks: its "\n" was already handled with the "\r".
      const skip = char === '\n' && this.afterCarriageReturn;
      this.afterCarriageReturn = char === '\r';
      if (skip) continue;
      if (char === '\n' || char === '\r') {
        if (this.atLineStart) out += this.blankPrefix;
        out += this.eol;
        this.atLineStart = true;
      } else {
        if (this.atLineStart) out += this.prefix;
        this.atLineStart = false;
        out += char;
      }
    }
    return out;
  }
}

/** The whole text formatted at once (the same result as streaming it). */
export function prefixLines(text: string, prefix: string, eol = '\n'): string {
  return new LinePrefixStream(prefix, eol).push(text);
}
