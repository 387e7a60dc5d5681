/**
 * Whitespace at the ends of a completion: trailing whitespace goes; a leading space or
 * tab goes when the cursor's line already ends in one (and has text). A leading space is
 * kept after a word ("Hello" + " world"), and indentation is kept on an empty line.
 */
import { lastLine } from './lines';
import type { PostprocessFilter } from './types';

/** See the module comment. */
export const trimTrailingSpace: PostprocessFilter = (completion, ctx) => {
  const text = completion.replace(/\s+$/u, '');
  const line = lastLine(ctx.prefix);
  return /[ \t]$/.test(line) && line.trim() !== '' ? text.replace(/^[ \t]+/, '') : text;
};
