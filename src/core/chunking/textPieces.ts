/**
 * Splits a span of text at one kind of boundary: paragraphs (blank lines), sentences,
 * lines, words. Every piece is trimmed (starts and ends on non-whitespace), pieces are
 * in order, and only whitespace lies between them, so no text is lost.
 */
import { endOf, parseMarkdownBlocks, startOf } from '../text/markdownTree';
import { findSentenceEnd } from '../text/sentenceEnd';

/** A span `[start, end)` of the original text. */
export interface Span {
  start: number;
  end: number;
}

export type Splitter = (text: string, span: Span) => Span[];

/** The span with surrounding whitespace removed, or undefined when it is all whitespace. */
export function trimSpan(text: string, span: Span): Span | undefined {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return start < end ? { start, end } : undefined;
}

/** Cuts `span` at the separators `pattern` finds (it must be global); the separators are dropped. */
function splitAt(text: string, span: Span, pattern: RegExp): Span[] {
  const pieces: Span[] = [];
  const slice = text.slice(span.start, span.end);
  let from = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
    if (m[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    const piece = trimSpan(text, { start: span.start + from, end: span.start + m.index });
    if (piece) pieces.push(piece);
    from = m.index + m[0].length;
  }
  const last = trimSpan(text, { start: span.start + from, end: span.end });
  if (last) pieces.push(last);
  return pieces;
}

/** Paragraphs: separated by one or more blank (whitespace-only) lines. */
export const paragraphs: Splitter = (text, span) => splitAt(text, span, /\r?\n[ \t]*\r?\n\s*/g);

/**
 * Markdown blocks: the document's top-level blocks as the CommonMark parser finds
 * them, so a fenced code block, a table or a list with blank lines inside stays
 * whole. Plain text parses to paragraphs separated by blank lines.
 */
export const blocks: Splitter = (text, span) => {
  const slice = text.slice(span.start, span.end);
  return parseMarkdownBlocks(slice).children.flatMap((node) => trimSpan(text, { start: span.start + startOf(node), end: span.start + endOf(node) }) ?? []);
};

/** Lines: separated by line breaks. */
export const lines: Splitter = (text, span) => splitAt(text, span, /\r?\n\s*/g);

/** Words: separated by whitespace. */
export const words: Splitter = (text, span) => splitAt(text, span, /\s+/g);

/** Sentences, as `findSentenceEnd` sees them (abbreviations, decimals and list numbers do not end one). */
export const sentences: Splitter = (text, span) => {
  const pieces: Span[] = [];
  let start = span.start;
  while (start < span.end) {
    const rest = text.slice(start, span.end);
    const end = findSentenceEnd(rest, text.slice(Math.max(0, start - 64), start));
    const piece = trimSpan(text, { start, end: end === -1 ? span.end : start + end });
    if (piece) pieces.push(piece);
    if (end === -1) break;
    start += end;
  }
  return pieces;
};
