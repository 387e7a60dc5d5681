/**
 * What to ask the model runner for, per completion length: stop strings and a
 * max_new_tokens budget. Post-processing still cuts precisely; these only keep the
 * model from generating far past what will be shown.
 */
import type { CommentContext } from './commentContext';
import type { CompletionLength } from './completionLength';

export interface GenerationLimits {
  /** Generation stops once the generated text contains one of these. */
  stop: string[];
  maxNewTokens: number;
}

const LIMITS: Readonly<Record<CompletionLength, GenerationLimits>> = {
  word: { stop: ['\n\n'], maxNewTokens: 8 },
  // The runner stops at the sentence's end (unitStop.ts): the cap is for a sentence that does not end.
  sentence: { stop: ['\n\n'], maxNewTokens: 32 },
  line: { stop: ['\n'], maxNewTokens: 48 },
  paragraph: { stop: ['\n\n'], maxNewTokens: 128 },
};

/**
 * Stop strings and token budget for a completion of `length`. Inside a line comment the
 * line ends the comment; inside a block comment or docstring its closing delimiter does.
 */
export function generationLimits(length: CompletionLength, comment?: CommentContext | null): GenerationLimits {
  const base = LIMITS[length];
  const stop = [...base.stop];
  if (comment?.kind === 'line') stop.push('\n');
  if (comment?.close) stop.push(comment.close);
  // A stop string that contains another one can never fire first: leave it out.
  const minimal = [...new Set(stop)].filter((s) => !stop.some((t) => t !== s && s.includes(t)));
  return { stop: minimal, maxNewTokens: base.maxNewTokens };
}
