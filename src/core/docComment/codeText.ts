/**
 * Small helpers for reading declarations as text: balanced bracket groups and
 * top-level comma splitting (strings and nested brackets respected).
 */

const OPEN = '([{<';
const CLOSE = ')]}>';

/** True for a `>` that is part of an arrow (`=>`, `->`), not a closing angle bracket. */
const isArrow = (text: string, i: number) => text[i] === '>' && (text[i - 1] === '=' || text[i - 1] === '-');

const startsString = (text: string, i: number) => {
  const c = text[i];
  // A `'` after a word character or `&`/`<` is a Rust lifetime (`&'a str`), not a string.
  return c === '"' || c === '`' || (c === "'" && !/[\w&<]/.test(text[i - 1] ?? ''));
};

/**
 * Index just past the group opening at `open`, or -1 when it never closes. Parens,
 * brackets and braces nest; a `<` group (generics) also counts angle brackets.
 */
export function groupEnd(text: string, open: number): number {
  const angles = text[open] === '<';
  let depth = 0;
  let angle = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (startsString(text, i)) quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (angles && c === '<') angle++;
    else if (angles && c === '>' && !isArrow(text, i)) angle--;
    else continue;
    if (depth < 0) return -1;
    if (depth === 0 && angle <= 0) return i + 1;
  }
  return -1;
}

/** Splits at commas outside brackets and strings; parts trimmed, empty parts dropped. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (startsString(text, i)) quote = c;
    else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && !isArrow(text, i)) depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The parameter list text of the `(` at `open` and the text after it, or undefined. */
export function parenGroup(text: string, open: number): { inside: string; after: string } | undefined {
  if (open < 0 || text[open] !== '(') return undefined;
  const end = groupEnd(text, open);
  if (end === -1) return undefined;
  return { inside: text.slice(open + 1, end - 1), after: text.slice(end) };
}

/** Index of the first `(` after `from` that is outside `<…>` generics (which may contain `Fn(i32)`). */
export function firstParen(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') return i;
    if (text[i] === '<') {
      const end = groupEnd(text, i);
      if (end === -1) return -1;
      i = end - 1;
    }
  }
  return -1;
}
