/**
 * One inline suggestion's request, from the prompt and the settings: its cache key, the
 * runner's `complete` parameters, and the finished text from what the runner returned.
 * The provider uses these for the suggestion at the cursor and for the one it prefetches.
 */
import type { CompleteParams, Dtype } from '../../protocol';
import type { CacheKeyParts } from './completionCache';
import type { CompletionLength } from './completionLength';
import { generationLimits } from './generationLimits';
import type { InlinePrompt } from './inlinePrompt';
import { postprocessCompletions } from './postprocess';
import { suggestionUnit } from './unitStop';

/** The settings a suggestion depends on (the extension's `Config` has them under these names). */
export interface RequestSettings {
  generationModel: string;
  dtype: Dtype;
  inlineLength: CompletionLength;
  inlineSuggestions: number;
}

/** The cache key: the document, the model and settings, and the whole text around the cursor. */
export function suggestionKey(documentId: string, config: RequestSettings, prompt: InlinePrompt): CacheKeyParts {
  return { documentId, modelId: config.generationModel, settings: { dtype: config.dtype, length: config.inlineLength, suggestions: config.inlineSuggestions }, prefix: prompt.before, suffix: prompt.suffix };
}

/** What the runner is asked: greedy, stopping at the end of the unit the length setting asks for. */
export function completeParams(documentId: string, config: RequestSettings, prompt: InlinePrompt): CompleteParams {
  const length = config.inlineLength;
  const limits = generationLimits(length, prompt.comment);
  return {
    documentId,
    model: config.generationModel,
    dtype: config.dtype,
    prompt: prompt.prompt,
    suffix: prompt.suffix,
    n: config.inlineSuggestions,
    maxNewTokens: limits.maxNewTokens,
    stop: limits.stop,
    temperature: 0,
    unit: suggestionUnit(length, prompt.comment, prompt.before),
  };
}

/** The runner's completions post-processed, distinct, with the document's line ending. */
export function finishSuggestions(completions: readonly string[], config: RequestSettings, prompt: InlinePrompt, eol: '\n' | '\r\n'): string[] {
  const ctx = { prefix: prompt.prefix, suffix: prompt.suffix, length: config.inlineLength, comment: prompt.comment };
  return postprocessCompletions(completions, ctx).map((c) => c.replace(/\r?\n/g, eol));
}
