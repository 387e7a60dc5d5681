import { settledUnitEnd } from '../core/inline/unitStop';
import type { CompleteParams, CompleteResult } from '../protocol';
import type { CausalLm } from './modelStore';
import type { PrefixCache } from './prefixCache';
import { decode, encode, type GenerationHooks } from './textGeneration';

/** Temperature for the extra, sampled suggestions when the first is greedy. */
const ALTERNATIVE_TEMPERATURE = 0.8;

/**
 * Inline completion: continues the prompt up to `n` times, each reusing the
 * document's KV cache (cropped to the shared prefix), and returns distinct texts.
 */
export async function complete(lm: CausalLm, modelKey: string, cache: PrefixCache, params: CompleteParams, loadMs: number, hooks: GenerationHooks): Promise<CompleteResult> {
  const started = performance.now();
  const encoded = encode(lm, params.prompt);
  const promptIds = (encoded.input_ids.tolist() as bigint[][])[0] ?? [];
  const wanted = Math.min(3, Math.max(1, Math.round(params.n)));
  const reuse = params.reuseCache !== false;
  const completions: string[] = [];
  let reusedTokens = 0;
  let generatedTokens = 0;
  let firstTokenAt = 0;
  const unit = params.unit;
  const unitEnded = unit ? (text: string) => settledUnitEnd(text, unit) >= 0 : undefined;

  for (let attempt = 0; completions.length < wanted && attempt < wanted + 2 && !hooks.token.isCancellationRequested; attempt++) {
    const prepared = reuse ? cache.prepare(params.documentId, modelKey, promptIds) : undefined;
    if (attempt === 0) reusedTokens = prepared?.reused ?? 0;
    const temperature = attempt === 0 ? params.temperature : Math.max(params.temperature ?? 0, ALTERNATIVE_TEMPERATURE);
    const seed = (params.seed ?? 0) + attempt;
    const result = await decode(lm, encoded, { ...params, temperature, seed }, { token: hooks.token, onText: attempt === 0 ? hooks.onText : () => undefined, unitEnded }, prepared?.cache);
    if (prepared) cache.commit(params.documentId, modelKey, result.sequence, prepared.cache);
    if (!firstTokenAt) firstTokenAt = result.firstTokenAt;
    generatedTokens += result.generatedTokens;
    if (result.finishReason === 'cancelled') break;
    if (!completions.includes(result.text)) completions.push(result.text);
  }
  const end = performance.now();
  return {
    completions,
    promptTokens: promptIds.length,
    reusedTokens,
    generatedTokens,
    timings: { loadMs, firstTokenMs: (firstTokenAt || end) - started, totalMs: end - started },
  };
}
