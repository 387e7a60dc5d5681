/**
 * Line helpers shared by the post-processing filters. Completions may use `\n` or `\r\n`.
 */
import type { CommentContext } from '../commentContext';

/** Lines with their line ending kept: `"a\r\nb"` → `["a\r\n", "b"]`. */
export function splitLinesKeepEol(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A line without its `\n` or `\r\n`. */
export const stripEol = (line: string): string => line.replace(/\r?\n$/, '');

/** The line ending a line carries (`""` for the last line of a text). */
export const eolOf = (line: string): string => /\r?\n$/.exec(line)?.[0] ?? '';

/** Blank, or (inside a comment) nothing but the comment's line token, like ` *` or `///`. */
export function isBlankLine(line: string, comment: CommentContext | null): boolean {
  const content = stripEol(line).trim();
  if (content === '') return true;
  const token = comment?.linePrefix.trim();
  return !!token && content === token;
}

/** Offset of the first line break at or after `from` (before its `\r`), or `text.length`. */
export function lineBreakAt(text: string, from = 0): number {
  const nl = text.indexOf('\n', from);
  if (nl === -1) return text.length;
  return nl > from && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Length of the leading whitespace, line breaks included. */
export const leadingWhitespaceLength = (text: string): number => /^\s*/u.exec(text)?.[0].length ?? 0;

/**
 * Where the first paragraph ends: just before the line break that precedes the first blank
 * line following some content; `text.length` when there is no such blank line.
 */
export function paragraphEnd(text: string, comment: CommentContext | null): number {
  let offset = 0;
  let seenContent = false;
  let previousEnd = 0;
  for (const line of splitLinesKeepEol(text)) {
    if (isBlankLine(line, comment)) {
      if (seenContent) return previousEnd;
    } else {
      seenContent = true;
    }
    previousEnd = offset + stripEol(line).length;
    offset += line.length;
  }
  return text.length;
}

/** The text's last line (after the last `\n`), without a trailing `\r`. */
export const lastLine = (text: string): string => text.slice(text.lastIndexOf('\n') + 1).replace(/\r$/, '');
