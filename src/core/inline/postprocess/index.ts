/**
 * The post-processing pipeline for inline completions: each filter may shorten the
 * completion or drop it (null). Order matters: the comment boundary first, then the
 * length cut, then clean-ups that look at the final text.
 */
import { dropRepeatedLine } from './dropRepeatedLine';
import { dropWhitespaceOnly } from './dropWhitespaceOnly';
import { removeSuffixOverlap } from './removeSuffixOverlap';
import { stopAtLength } from './stopAtLength';
import { stopInComment } from './stopInComment';
import { trimTrailingSpace } from './trimTrailingSpace';
import type { PostprocessContext, PostprocessFilter } from './types';
export { dropRepeatedLine, dropWhitespaceOnly, removeSuffixOverlap, stopAtLength, stopInComment, trimTrailingSpace };

/** The filters, in the order they run. */
export const DEFAULT_FILTERS: readonly PostprocessFilter[] = [
  stopInComment,
  stopAtLength,
  removeSuffixOverlap,
  dropRepeatedLine,
  trimTrailingSpace,
  dropWhitespaceOnly,
];

/** Runs `filters` in order; null as soon as one drops the completion. */
export function postprocessCompletion(
  completion: string,
  ctx: PostprocessContext,
  filters: readonly PostprocessFilter[] = DEFAULT_FILTERS,
): string | null {
  let text: string | null = completion;
  for (const filter of filters) {
    text = filter(text, ctx);
    if (text === null) return null;
  }
  return text;
}

/** Post-processes several completions; drops the dropped ones and duplicates, keeps order. */
export function postprocessCompletions(
  completions: readonly string[],
  ctx: PostprocessContext,
  filters: readonly PostprocessFilter[] = DEFAULT_FILTERS,
): string[] {
  const out: string[] = [];
  for (const completion of completions) {
    const text = postprocessCompletion(completion, ctx, filters);
    if (text !== null && !out.includes(text)) out.push(text);
  }
  return out;
}
