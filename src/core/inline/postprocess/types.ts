/**
 * The shape every post-processing filter shares.
 */
import type { CommentContext } from '../commentContext';
import type { CompletionLength } from '../completionLength';

export interface PostprocessContext {
  /** Text before the cursor (the prompt's prefix is enough: filters look at its end). */
  prefix: string;
  /** Text after the cursor (filters look at its start). */
  suffix: string;
  length: CompletionLength;
  /** The cursor's comment or docstring in code; null in prose (or in code outside comments). */
  comment: CommentContext | null;
}

/** Returns the (possibly shortened) completion, or null to drop it. */
export type PostprocessFilter = (completion: string, ctx: PostprocessContext) => string | null;
