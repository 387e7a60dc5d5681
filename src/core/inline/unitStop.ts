/**
 * Where a suggestion will end, decided while it is being generated: the runner stops
 * decoding once the unit the length setting asks for (word, sentence, line, paragraph;
 * inside a comment, the comment's end too) is over, instead of running to the token cap
 * and letting post-processing cut the rest away. The rules are post-processing's own
 * (`lengthCut`), so stopping early never changes the suggestion shown.
 */
import type { CommentContext } from './commentContext';
import type { CompletionLength } from './completionLength';
import { lengthCut } from './postprocess/stopAtLength';

/** What the runner needs to know to stop at the end of a suggestion (sent with `complete`). */
export interface SuggestionUnit {
  length: CompletionLength;
  /** The cursor's comment or docstring in code; null in prose. */
  comment: CommentContext | null;
  /** The last characters before the cursor, so "Dr" + ". Smith" is still an abbreviation. */
  prefixTail: string;
}

/** Characters of the prefix the sentence rules look at (findSentenceEnd reads 64). */
export const UNIT_PREFIX_TAIL = 64;

export function suggestionUnit(length: CompletionLength, comment: CommentContext | null, prefix: string): SuggestionUnit {
  return { length, comment, prefixTail: prefix.slice(-UNIT_PREFIX_TAIL) };
}

/**
 * Offset in `text` (the generated text so far) where the suggestion ends, once that is
 * settled; -1 while more text could still move it. A unit's end counts only when some
 * non-space character follows it: that is the lookahead the sentence rules need to tell
 * "e.g. the" or "J. Smith" or "3.14" or "wait… then" from a real end, and the one a line
 * or paragraph needs to see what comes after its break. It costs one token past the end.
 */
export function settledUnitEnd(text: string, unit: SuggestionUnit): number {
  const end = lengthCut(text, { prefix: unit.prefixTail, suffix: '', length: unit.length, comment: unit.comment });
  if (end >= text.length) return -1;
  return /\S/u.test(text.slice(end)) ? end : -1;
}
