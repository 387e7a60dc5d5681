/**
 * Token counts with a model's own tokenizer, and how many input tokens a model
 * reads: one place for both, for causal models and encoder-decoder pipelines.
 */
import type { PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import type { CountTokensResult } from '../protocol';
import type { Classifier } from './classification';
import type { CausalLm, Loaded, Seq2Seq } from './modelStore';

/** Tokens in `text`, special tokens included. */
export function tokenCount(tokenizer: PreTrainedTokenizer, text: string): number {
  return (tokenizer(text, { return_tensor: true }) as { input_ids: Tensor }).input_ids.dims.at(-1) ?? 0;
}

/** The smaller of the model's position table and its tokenizer's limit; `fallback` when neither says. */
function readLimit(tokenizer: PreTrainedTokenizer, config: unknown, fallback: number): number {
  const positions = (config as { max_position_embeddings?: number }).max_position_embeddings ?? Infinity;
  const limits = [positions, Number(tokenizer.model_max_length)].filter((n) => Number.isFinite(n) && n > 0);
  return limits.length > 0 ? Math.min(...limits) : fallback;
}

/** How many tokens a causal model reads (prompt and output together); 2048 when nothing says. */
export function contextLimit(lm: CausalLm): number {
  return readLimit(lm.tokenizer, lm.model.config, 2048);
}

/** The most input tokens an encoder-decoder model takes; pipelines silently truncate past it, so callers refuse instead. 1024 when nothing says. */
export function inputLimit(s2s: Pick<Seq2Seq | Classifier, 'pipe'>): number {
  return readLimit(s2s.pipe.tokenizer, s2s.pipe.model.config, 1024);
}

/** Counts tokens with the model's own tokenizer, and reports how many it reads at most. */
export function countTokens(loaded: Loaded, texts: readonly string[]): CountTokensResult {
  const tokenizer = loaded.kind === 'causal' ? loaded.tokenizer : loaded.pipe.tokenizer;
  const counts = texts.map((text) => tokenCount(tokenizer, text));
  return { counts, limit: loaded.kind === 'causal' ? contextLimit(loaded) : inputLimit(loaded) };
}
