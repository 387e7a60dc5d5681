/**
 * The one string-literal rule of the declaration readers (`codeText.ts`,
 * `declarationLines.ts`, `docCommentPlan.ts`): which characters of code lie inside a
 * quoted string, backslash escapes included, so bracket and comma scanners skip them.
 */

/** Brackets that nest in every language the doc-comment commands read. */
export const OPENING_BRACKETS = '([{';
export const CLOSING_BRACKETS = ')]}';

/** A string opens at `"` or `'`. */
export const plainQuote = (text: string, i: number): boolean => text[i] === '"' || text[i] === "'";

/** Also template literals; and a `'` after a word character or `&`/`<` is a Rust lifetime (`&'a str`), not a string. */
export const declarationQuote = (text: string, i: number): boolean => {
  const c = text[i];
  return c === '"' || c === '`' || (c === "'" && !/[\w&<]/.test(text[i - 1] ?? ''));
};

/** Follows string literals through code one character at a time; the open string carries over between calls until `reset`. */
export class StringSkipper {
  private quote: string | undefined;

  constructor(private readonly opensString: (text: string, i: number) => boolean = plainQuote) {}

  /** How many characters from `i` belong to a string (its quotes and escapes included); 0 when `text[i]` is code. */
  skip(text: string, i: number): number {
    const c = text[i];
    if (this.quote !== undefined) {
      if (c === '\\') return 2;
      if (c === this.quote) this.quote = undefined;
      return 1;
    }
    if (!this.opensString(text, i)) return 0;
    this.quote = c;
    return 1;
  }

  /** Forgets an unclosed string (string literals that do not span lines). */
  reset(): void {
    this.quote = undefined;
  }
}
