/**
 * Finds comments by scanning the text from the start and skipping string literals: the comment
 * (if any) that contains a cursor offset (`findCommentAt`), or every comment with its body's
 * offsets (`listComments`). Both read one token scan (`scanTokens`). A simple scanner, not a
 * parser: it handles the common cases (quotes on a line, comment tokens inside strings,
 * nested-looking tokens inside block comments); `findCommentAt` gives up (returns null) when
 * the cursor is inside a string or in the middle of a delimiter.
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

/** A comment with the offsets of the text inside its delimiters. */
export interface CommentBody {
  kind: CommentKind;
  open: string;
  close?: string;
  /** False for a block comment or docstring that runs to the end of the text. */
  closed: boolean;
  /** Offset of the opening token. */
  start: number;
  /** Just past the closing delimiter (line comments: the line's end, before `\r\n`). */
  end: number;
  /** The text inside the delimiters: `[bodyStart, bodyEnd)`. */
  bodyStart: number;
  bodyEnd: number;
}

/** What the scan meets: a comment, or a string literal (`end` -1 when it does not close). */
type Token =
  | { type: 'comment'; kind: CommentKind; open: string; close?: string; start: number; bodyStart: number; bodyEnd: number; end: number; closed: boolean }
  | { type: 'string'; start: number; end: number; multiline: boolean };

interface Scanner {
  blocks: BlockToken[];
  lines: LineToken[];
  quotes: StringDelimiters[];
  startChars: Set<string>;
  nextCandidate: RegExp;
}

const scanners = new WeakMap<CommentSyntax, Scanner>();

function scannerFor(syntax: CommentSyntax): Scanner {
  const cached = scanners.get(syntax);
  if (cached) return cached;
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
  const scanner = { blocks, lines, quotes, startChars, nextCandidate };
  scanners.set(syntax, scanner);
  return scanner;
}

/**
 * Comments and string literals in text order, from the start. An unclosed single-line string
 * is reported (end -1) and then read as a stray quote (the scan goes on after it); an unclosed
 * multiline string or comment runs to the end of the text and ends the scan.
 */
function* scanTokens(text: string, syntax: CommentSyntax): Generator<Token> {
  const scanner = scannerFor(syntax);
  const { blocks, lines, quotes, startChars } = scanner;
  const nextCandidate = new RegExp(scanner.nextCandidate); // its own lastIndex: scans may interleave
  const matchBlock = (i: number): BlockToken | undefined =>
    blocks.find((b) => {
      if (!text.startsWith(b.open, i)) return false;
      if (b.kind === 'docstring' && syntax.docBlockAtLineStart && !isAtLineStart(text, i)) return false;
      // `/**/` is an empty block comment, not the start of a doc comment.
      const plain = blocks.find((p) => p.kind === 'block' && p.open.length < b.open.length && b.open.startsWith(p.open));
      return !(plain && text.startsWith(plain.close, i + plain.open.length));
    });

  let i = 0;
  while (i < text.length) {
    if (!startChars.has(text[i])) {
      nextCandidate.lastIndex = i;
      const next = nextCandidate.exec(text);
      i = next ? next.index : text.length;
      continue;
    }
    const block = matchBlock(i);
    if (block) {
      const bodyStart = i + block.open.length;
      const closeAt = text.indexOf(block.close, bodyStart);
      const closed = closeAt !== -1;
      const end = closed ? closeAt + block.close.length : text.length;
      yield { type: 'comment', kind: block.kind, open: block.open, close: block.close, start: i, bodyStart, bodyEnd: closed ? closeAt : text.length, end, closed };
      if (!closed) return;
      i = end;
      continue;
    }
    const line = lines.find((l) => text.startsWith(l.token, i));
    if (line && (!syntax.lineCommentNeedsBoundary || isBoundary(text, i))) {
      const eol = lineEndOf(text, i);
      const bodyStart = i + line.token.length;
      const bodyEnd = eol > bodyStart && text[eol - 1] === '\r' ? eol - 1 : eol;
      yield { type: 'comment', kind: line.kind, open: line.token, start: i, bodyStart, bodyEnd, end: bodyEnd, closed: false };
      i = eol;
      continue;
    }
    const quote = quotes.find((q) => text.startsWith(q.open, i));
    if (quote && (!syntax.stringsNeedBoundary || isBoundary(text, i, ':[{,'))) {
      const end = stringEnd(text, i + quote.open.length, quote);
      yield { type: 'string', start: i, end, multiline: quote.multiline };
      if (end === -1) {
        if (quote.multiline) return;
        i++;
        continue;
      }
      i = end;
      continue;
    }
    i++;
  }
}

/** The comment span containing `offset`, or null (code, string, or inside a delimiter). */
export function findCommentAt(text: string, offset: number, syntax: CommentSyntax): CommentSpan | null {
  for (const token of scanTokens(text, syntax)) {
    if (token.start >= offset) return null;
    if (token.type === 'string') {
      if (token.end === -1) {
        // An unclosed quote: on the cursor's line the user is typing a string;
        // on an earlier line it is a stray apostrophe, so ignore it.
        if (token.multiline || lineEndOf(text, token.start) >= offset) return null;
        continue;
      }
      if (token.end > offset) return null;
      continue;
    }
    if (token.bodyStart > offset) return null;
    if (token.close === undefined) {
      // A line comment (or doc line comment) holds the cursor up to its line's end.
      if (offset <= lineEndOf(text, token.start)) return { kind: token.kind, open: token.open, closed: false, start: token.start };
      continue;
    }
    if (!token.closed || token.bodyEnd >= offset) return { kind: token.kind, open: token.open, close: token.close, closed: token.closed, start: token.start };
    if (token.end > offset) return null;
  }
  return null;
}

/** Every comment in the text, in order, with the offsets of its body (code and strings skipped). */
export function listComments(text: string, syntax: CommentSyntax): CommentBody[] {
  const found: CommentBody[] = [];
  for (const token of scanTokens(text, syntax)) {
    if (token.type !== 'comment') continue;
    const { kind, open, close, closed, start, end, bodyStart, bodyEnd } = token;
    found.push(close === undefined ? { kind, open, closed, start, end, bodyStart, bodyEnd } : { kind, open, close, closed, start, end, bodyStart, bodyEnd });
  }
  return found;
}
