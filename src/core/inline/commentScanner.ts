/**
 * Finds the comment (if any) that contains a cursor offset, by scanning the text from
 * the start and skipping string literals. A simple scanner, not a parser: it handles
 * the common cases (quotes on a line, comment tokens inside strings, nested-looking
 * tokens inside block comments) and gives up (returns null) when the cursor is inside
 * a string or in the middle of a delimiter.
 */
import type { CommentSyntax, Delimiters, StringDelimiters } from '../languages';

export type CommentKind = 'line' | 'block' | 'docstring';

export interface CommentSpan {
  kind: CommentKind;
  /** The opening token as written: `//`, `///`, `/*`, `/**`, `"""`, `#`… */
  open: string;
  /** The closing delimiter; undefined for line comments and doc line comments. */
  close?: string;
  /** True when the closing delimiter exists after the cursor. */
  closed: boolean;
  /** Offset of the opening token. */
  start: number;
}

interface BlockToken extends Delimiters {
  kind: 'block' | 'docstring';
}

interface LineToken {
  token: string;
  kind: 'line' | 'docstring';
}

const byLengthDesc = <T>(length: (t: T) => number) => (a: T, b: T) => length(b) - length(a);

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

function isAtLineStart(text: string, index: number): boolean {
  const before = text.slice(lineStartOf(text, index), index);
  // Python string prefixes (r"""…""", u"""…""") still make a docstring.
  return /^\s*[rRuU]?$/.test(before);
}

const isBoundary = (text: string, index: number, extra = ''): boolean =>
  index === 0 || /\s/.test(text[index - 1]) || extra.includes(text[index - 1]);

/** Index just after the closing quote, or -1 when the string does not close (on its line). */
function stringEnd(text: string, from: number, quote: StringDelimiters): number {
  const limit = quote.multiline ? text.length : lineEndOf(text, from);
  for (let i = from; i < limit; i++) {
    if (text[i] === '\\') {
      i++;
    } else if (text.startsWith(quote.close, i)) {
      return i + quote.close.length;
    }
  }
  return -1;
}

/** The comment span containing `offset`, or null (code, string, or inside a delimiter). */
export function findCommentAt(text: string, offset: number, syntax: CommentSyntax): CommentSpan | null {
  const blocks: BlockToken[] = [
    ...syntax.docBlock.map((d) => ({ ...d, kind: 'docstring' as const })),
    ...syntax.block.map((d) => ({ ...d, kind: 'block' as const })),
  ].sort(byLengthDesc((b) => b.open.length));
  const lines: LineToken[] = [
    ...syntax.docLine.map((token) => ({ token, kind: 'docstring' as const })),
    ...syntax.line.map((token) => ({ token, kind: 'line' as const })),
  ].sort(byLengthDesc((l) => l.token.length));
  const quotes = [...syntax.strings].sort(byLengthDesc((q) => q.open.length));
  const startChars = new Set([...blocks.map((b) => b.open[0]), ...lines.map((l) => l.token[0]), ...quotes.map((q) => q.open[0])]);
  // Jumps to the next character that may start a token (a native scan, not a JS loop).
  const nextCandidate = new RegExp(`[${[...startChars].map((c) => c.replace(/[\\\]^-]/, '\\$&')).join('')}]`, 'g');

  const matchBlock = (i: number): BlockToken | undefined =>
    blocks.find((b) => {
      if (!text.startsWith(b.open, i)) return false;
      if (b.kind === 'docstring' && syntax.docBlockAtLineStart && !isAtLineStart(text, i)) return false;
      // `/**/` is an empty block comment, not the start of a doc comment.
      const plain = blocks.find((p) => p.kind === 'block' && p.open.length < b.open.length && b.open.startsWith(p.open));
      return !(plain && text.startsWith(plain.close, i + plain.open.length));
    });

  let i = 0;
  while (i < offset) {
    if (!startChars.has(text[i])) {
      nextCandidate.lastIndex = i;
      const next = nextCandidate.exec(text);
      i = next ? next.index : text.length;
      continue;
    }
    const block = matchBlock(i);
    if (block) {
      const bodyStart = i + block.open.length;
      if (bodyStart > offset) return null;
      const closeAt = text.indexOf(block.close, bodyStart);
      if (closeAt === -1 || closeAt >= offset) {
        return { kind: block.kind, open: block.open, close: block.close, closed: closeAt !== -1, start: i };
      }
      const closeEnd = closeAt + block.close.length;
      if (closeEnd > offset) return null;
      i = closeEnd;
      continue;
    }
    const line = lines.find((l) => text.startsWith(l.token, i));
    if (line && (!syntax.lineCommentNeedsBoundary || isBoundary(text, i))) {
      if (i + line.token.length > offset) return null;
      const eol = lineEndOf(text, i);
      if (offset <= eol) return { kind: line.kind, open: line.token, closed: false, start: i };
      i = eol;
      continue;
    }
    const quote = quotes.find((q) => text.startsWith(q.open, i));
    if (quote && (!syntax.stringsNeedBoundary || isBoundary(text, i, ':[{,'))) {
      const end = stringEnd(text, i + quote.open.length, quote);
      if (end === -1) {
        // An unclosed quote: on the cursor's line the user is typing a string;
        // on an earlier line it is a stray apostrophe, so ignore it.
        if (quote.multiline || lineEndOf(text, i) >= offset) return null;
        i++;
        continue;
      }
      if (end > offset) return null;
      i = end;
      continue;
    }
    i++;
  }
  return null;
}
