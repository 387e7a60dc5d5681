/**
 * Splits a long text into chunks that each fit a token budget, for map-reduce
 * summarization. Pieces are cut at the largest boundary that makes them fit:
 * Markdown blocks (a code block or a table stays whole while it fits), then
 * paragraphs, then sentences, then lines, then words, then (for one over-long word)
 * characters; consecutive pieces are then packed greedily into chunks.
 *
 * Guarantees: every chunk fits (`countTokens(chunk.text) <= budget`), chunks are in
 * order and trimmed, only whitespace lies between them, and a piece that fits the
 * budget (a sentence, a paragraph) is never cut.
 */
import type { TokenEstimator } from '../text/tokenEstimate';
import { blocks, lines, paragraphs, sentences, trimSpan, words, type Span, type Splitter } from './textPieces';

export interface Chunk {
  text: string;
  /** Offset of the chunk's first character in the original text. */
  start: number;
  /** Offset just past the chunk's last character. */
  end: number;
}

const SPLITTERS: readonly Splitter[] = [blocks, paragraphs, sentences, lines, words];

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Chunks of `text` that each fit `budget` tokens by `countTokens`. Whitespace-only text gives none. */
export function chunkText(text: string, budget: number, countTokens: TokenEstimator): Chunk[] {
  if (!(budget >= 1)) throw new RangeError(`The chunk budget must be at least 1 token (got ${budget}).`);
  const fits = (span: Span) => countTokens(text.slice(span.start, span.end)) <= budget;
  const whole = trimSpan(text, { start: 0, end: text.length });
  if (!whole) return [];
  const pieces = splitToFit(text, whole, 0, fits);
  return pack(pieces, fits).map(({ start, end }) => ({ text: text.slice(start, end), start, end }));
}

/** `span` as pieces that each fit, cut at the coarsest boundary that works. */
function splitToFit(text: string, span: Span, level: number, fits: (span: Span) => boolean): Span[] {
  if (fits(span)) return [span];
  if (level >= SPLITTERS.length) return splitCharacters(text, span, fits);
  const parts = SPLITTERS[level](text, span);
  if (parts.length <= 1) return splitToFit(text, parts[0] ?? span, level + 1, fits);
  return parts.flatMap((part) => splitToFit(text, part, level + 1, fits));
}

/** A span with no whitespace to cut at: the longest prefixes that fit, never inside a surrogate pair. */
function splitCharacters(text: string, span: Span, fits: (span: Span) => boolean): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (start < span.end) {
    const end = longestFit(start, span.end, (end) => fits({ start, end }), (end) => {
      // Do not split a surrogate pair: step over its second half.
      return isHighSurrogate(text.charCodeAt(end - 1)) && end < span.end ? end + 1 : end;
    });
    if (end === start) {
      throw new RangeError(`A single character does not fit a budget of this size: ${JSON.stringify(text.slice(start, start + 2))}.`);
    }
    pieces.push({ start, end });
    start = end;
  }
  return pieces;
}

/**
 * Largest `end` in `(from, limit]` with `ok(end)`, by galloping then binary search
 * (token counts grow with the text, so this needs few calls); `from` when none is ok.
 * `snap` moves a candidate to a valid position.
 */
function longestFit(from: number, limit: number, ok: (end: number) => boolean, snap: (end: number) => number = (e) => e): number {
  let good = from;
  let step = 1;
  let bad = limit + 1;
  while (good < limit) {
    const candidate = snap(Math.min(limit, good + step));
    if (!ok(candidate)) {
      bad = candidate;
      break;
    }
    good = candidate;
    step *= 2;
  }
  while (bad - good > 1) {
    const mid = snap(good + Math.floor((bad - good) / 2));
    if (mid >= bad) break;
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/** Packs consecutive pieces greedily: each chunk takes as many pieces as fit together. */
function pack(pieces: readonly Span[], fits: (span: Span) => boolean): Span[] {
  const chunks: Span[] = [];
  let first = 0;
  while (first < pieces.length) {
    const start = pieces[first].start;
    // Index one past the last piece that fits together with `first` (at least first + 1: each piece fits alone).
    const after = longestFit(first + 1, pieces.length, (n) => fits({ start, end: pieces[n - 1].end }));
    chunks.push({ start, end: pieces[Math.max(after, first + 1) - 1].end });
    first = Math.max(after, first + 1);
  }
  return chunks;
}
