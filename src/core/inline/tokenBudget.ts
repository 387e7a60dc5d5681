/**
 * The text on either side of the cursor cut to a token budget. Cuts happen on the far
 * side only (the start of the prefix, the end of the suffix), preferably at a line
 * boundary, never at the cursor, never inside a surrogate pair or a CRLF.
 */
import { estimateTokensByChars, type TokenEstimator } from '../text/tokenEstimate';

export const DEFAULT_MAX_SUFFIX_TOKENS = 256;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Smallest start such that `text.slice(start)` fits the budget (binary search). */
function fittingStart(text: string, budget: number, estimate: TokenEstimator): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (estimate(text.slice(mid)) <= budget) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Largest end such that `text.slice(0, end)` fits the budget (binary search). */
function fittingEnd(text: string, budget: number, estimate: TokenEstimator): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (estimate(text.slice(0, mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The last `budget` tokens of `text`, starting at a line (or else word) start when that keeps at least half. */
export function keepTail(text: string, budget: number, estimate: TokenEstimator = estimateTokensByChars): string {
  if (estimate(text) <= budget) return text;
  let start = fittingStart(text, budget, estimate);
  const latestStart = start + Math.floor((text.length - start) / 2);
  if (start > 0 && text[start - 1] !== '\n') {
    const nl = text.indexOf('\n', start);
    const space = text.slice(start).search(/[ \t]/);
    if (nl !== -1 && nl + 1 <= latestStart) start = nl + 1;
    else if (!/[ \t]/.test(text[start - 1]) && space !== -1 && start + space + 1 <= latestStart) start += space + 1;
  }
  if (text[start] === '\r' && text[start + 1] === '\n') start += 2;
  if (start < text.length && isLowSurrogate(text.charCodeAt(start))) start++;
  return text.slice(start);
}

/** The first `budget` tokens of `text`, ending after a newline (or else before a space) when that keeps at least half. */
export function keepHead(text: string, budget: number, estimate: TokenEstimator = estimateTokensByChars): string {
  if (estimate(text) <= budget) return text;
  let end = fittingEnd(text, budget, estimate);
  const earliestEnd = Math.ceil(end / 2);
  if (end < text.length && text[end - 1] !== '\n') {
    const nl = text.lastIndexOf('\n', end - 1);
    const head = text.slice(0, end);
    const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'));
    if (nl !== -1 && nl + 1 >= earliestEnd) end = nl + 1;
    else if (!/[ \t]/.test(text[end]) && space !== -1 && space >= earliestEnd) end = space;
  }
  if (end > 0 && end < text.length && (isLowSurrogate(text.charCodeAt(end)) || text.startsWith('\r\n', end - 1))) end--;
  return text.slice(0, end);
}
