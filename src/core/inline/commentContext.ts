/**
 * Is the cursor inside a comment or docstring, and how would a continuation line start?
 */
import { findCommentAt, type CommentKind } from './commentScanner';
import { commentSyntax } from '../languages';

export interface CommentContext {
  /** `line`: ends at end of line. `block`/`docstring`: may span lines. Doc line comments (`///`) are docstrings without `close`. */
  kind: CommentKind;
  /** The opening token as written: `//`, `///`, `/*`, `/**`, `"""`, `#`… */
  open: string;
  /** Closing delimiter (`*\/`, `"""`), undefined for line comments and doc line comments. */
  close?: string;
  /** True when the closing delimiter already exists after the cursor. */
  closed: boolean;
  /** What a continuation line starts with, indentation included: `"  // "`, `" * "`, `"    "`. */
  linePrefix: string;
  /** Offset of the opening token. */
  start: number;
}

const leadingWhitespace = (line: string): string => /^[ \t]*/.exec(line)?.[0] ?? '';

/** `" * "` from a star line like `"   * text"` (a closing star-slash line does not count), else undefined. */
function starPrefix(line: string): string | undefined {
  const m = /^([ \t]*)\*(?!\/)/.exec(line);
  return m ? `${m[1]}* ` : undefined;
}

function lineAt(text: string, offset: number): { start: number; text: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return { start, text: text.slice(start, end).replace(/\r$/, '') };
}

function linePrefixFor(text: string, offset: number, open: string, close: string | undefined, start: number): string {
  const opener = lineAt(text, start);
  const indent = leadingWhitespace(opener.text);
  if (close === undefined) {
    // Line comments and doc line comments: repeat the token with its spacing.
    const afterToken = /^[ \t]*/.exec(text.slice(start + open.length))?.[0] ?? '';
    return `${indent}${open}${afterToken || ' '}`;
  }
  const cursor = lineAt(text, offset);
  const onOpenerLine = cursor.start === opener.start;
  if (close === '*/') {
    if (onOpenerLine) return `${indent} * `;
    const own = starPrefix(cursor.text);
    if (own) return own;
    const previous = lineAt(text, Math.max(cursor.start - 1, 0));
    const inherited = previous.start !== opener.start ? starPrefix(previous.text) : undefined;
    return inherited ?? leadingWhitespace(cursor.text);
  }
  return onOpenerLine ? indent : leadingWhitespace(cursor.text);
}

/**
 * The comment or docstring around `offset` in a code document, or null when the cursor
 * is in code, in a string, or the language has no comment table (prose, unknown).
 */
export function commentContextAt(text: string, offset: number, languageId: string): CommentContext | null {
  const syntax = commentSyntax(languageId);
  if (!syntax) return null;
  const span = findCommentAt(text, offset, syntax);
  if (!span) return null;
  return {
    kind: span.kind,
    open: span.open,
    ...(span.close !== undefined ? { close: span.close } : {}),
    closed: span.closed,
    linePrefix: linePrefixFor(text, offset, span.open, span.close, span.start),
    start: span.start,
  };
}
