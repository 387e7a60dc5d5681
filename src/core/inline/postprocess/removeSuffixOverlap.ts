/**
 * Removes the end of a completion that the text right of the cursor already has:
 * completion `"world)"` before suffix `")"` becomes `"world"`. Trailing whitespace of the
 * completion and leading spaces of the suffix do not hide an overlap.
 */
import type { PostprocessFilter } from './types';

/** Length of the longest end of `text` that is also a start of `suffix`. */
export function overlapLength(text: string, suffix: string): number {
  for (let k = Math.min(text.length, suffix.length); k > 0; k--) {
    if (text.endsWith(suffix.slice(0, k))) return k;
  }
  return 0;
}

/** See the module comment. */
export const removeSuffixOverlap: PostprocessFilter = (completion, ctx) => {
  const body = completion.replace(/\s+$/u, '');
  const suffix = ctx.suffix.slice(0, body.length + 16);
  const k = Math.max(overlapLength(body, suffix), overlapLength(body, suffix.replace(/^[ \t]+/, '')));
  return k > 0 ? body.slice(0, body.length - k) : completion;
};
