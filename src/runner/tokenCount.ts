import type { Tensor } from '@huggingface/transformers';
import type { CountTokensResult } from '../protocol';
import type { Loaded } from './modelStore';
import { contextLimit } from './promptBudget';
import { inputLimit } from './seq2seq';

/** Counts tokens with the model's own tokenizer, and reports how many it reads at most. */
export function countTokens(loaded: Loaded, texts: readonly string[]): CountTokensResult {
  const tokenizer = loaded.kind === 'causal' ? loaded.tokenizer : loaded.pipe.tokenizer;
  const counts = texts.map((text) => ((tokenizer(text, { return_tensor: true }) as { input_ids: Tensor }).input_ids.dims.at(-1) ?? 0));
  if (loaded.kind !== 'causal') return { counts, limit: inputLimit(loaded) };
  return { counts, limit: contextLimit(loaded) };
}
