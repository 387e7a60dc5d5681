/**
 * Small helpers for reading declarations as text: balanced bracket groups and
 * top-level comma splitting (strings and nested brackets respected).
 */
import { CLOSING_BRACKETS, declarationQuote, OPENING_BRACKETS, StringSkipper } from './stringSkipper';

const OPEN = `${OPENING_BRACKETS}<`;
const CLOSE = `${CLOSING_BRACKETS}>`;

/** True for a `>` that is part of an arrow (`=>`, `->`), not a closing angle bracket. */
const isArrow = (text: string, i: number) => text[i] === '>' && (text[i - 1] === '=' || text[i - 1] === '-');

/**
 * Index just past the group opening at `open`, or -1 when it never closes. Parens,
 * brackets and braces nest; a `<` group (generics) also counts angle brackets.
 */
export function groupEnd(text: string, open: number): number {
  const angles = text[open] === '<';
  let depth = 0;
  let angle = 0;
  const strings = new StringSkipper(declarationQuote);
  for (let i = open; i < text.length; i++) {
    const inString = strings.skip(text, i);
    if (inString) {
      i += inString - 1;
      continue;
    }
    const c = text[i];
    if (OPENING_BRACKETS.includes(c)) depth++;
    else if (CLOSING_BRACKETS.includes(c)) depth--;
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
  const strings = new StringSkipper(declarationQuote);
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const inString = strings.skip(text, i);
    if (inString) {
      i += inString - 1;
      continue;
    }
    const c = text[i];
    if (OPEN.includes(c)) depth++;
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
