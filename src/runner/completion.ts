import { collectDistinctSuggestions } from '../core/generation/distinctSuggestions';
import { settledUnitEnd } from '../core/inline/unitStop';
import type { CompleteParams, CompleteResult } from '../protocol';
import type { CausalLm } from './modelStore';
import type { PrefixCache } from './prefixCache';
import { decode, encode, type GenerationHooks } from './textGeneration';

/**
 * Inline completion: continues the prompt up to `n` times, each reusing the
 * document's KV cache (cropped to the shared prefix), and returns distinct texts.
 */
export async function complete(lm: CausalLm, modelKey: string, cache: PrefixCache, params: CompleteParams, loadMs: number, hooks: GenerationHooks): Promise<CompleteResult> {
  const started = performance.now();
  const encoded = encode(lm, params.prompt);
  const promptIds = (encoded.input_ids.tolist() as bigint[][])[0] ?? [];
  const reuse = params.reuseCache !== false;
  let reusedTokens = 0;
  let generatedTokens = 0;
  let firstTokenAt = 0;
  let cancelled = false;
  const unit = params.unit;
  const unitEnded = unit ? (text: string) => settledUnitEnd(text, unit) >= 0 : undefined;

  const completions = await collectDistinctSuggestions(params.n, params.temperature, () => hooks.token.isCancellationRequested, async ({ index, temperature }) => {
    const prepared = reuse ? cache.prepare(params.documentId, modelKey, promptIds) : undefined;
    if (index === 0) reusedTokens = prepared?.reused ?? 0;
    const seed = (params.seed ?? 0) + index;
    const result = await decode(lm, encoded, { ...params, temperature, seed }, { token: hooks.token, onText: index === 0 ? hooks.onText : () => undefined, unitEnded }, prepared?.cache);
    if (prepared) cache.commit(params.documentId, modelKey, result.sequence, result.cache ?? prepared.cache);
    if (!firstTokenAt) firstTokenAt = result.firstTokenAt;
    generatedTokens += result.generatedTokens;
    if (result.finishReason === 'cancelled') cancelled = true;
    return { texts: [result.text], cancelled: result.finishReason === 'cancelled' };
  });
  const end = performance.now();
  return {
    finishReason: cancelled || hooks.token.isCancellationRequested ? 'cancelled' : 'done',
    completions,
    promptTokens: promptIds.length,
    reusedTokens,
    generatedTokens,
    timings: { loadMs, firstTokenMs: (firstTokenAt || end) - started, totalMs: end - started },
  };
}
