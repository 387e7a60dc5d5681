import { random } from '@huggingface/transformers';
import { maskTopP } from '../topP';

/** What the sampler needs of a request: the project's sampling semantics (protocol SamplingParams). */
export interface SamplerOptions {
  temperature: number;
  topK: number;
  topP: number;
  repetitionPenalty: number;
  minNewTokens: number;
  eos: readonly number[];
}

/**
 * Picks the next token from one row of logits, applying the steps in the
 * order transformers.js' generate() does: repetition penalty, minimum new
 * tokens (EOS masked), temperature, top-p (runner/topP.ts), then greedy argmax
 * or top-k multinomial sampling with transformers.js' seeded `random`.
 * `row` is modified in place.
 */
export function pickToken(row: Float32Array, ids: readonly number[], generated: number, options: SamplerOptions): number {
  if (options.repetitionPenalty !== 1) {
    for (const id of new Set(ids)) {
      const v = row[id];
      if (v === undefined) continue;
      row[id] = v < 0 ? v * options.repetitionPenalty : v / options.repetitionPenalty;
    }
  }
  if (generated < options.minNewTokens) for (const id of options.eos) if (id < row.length) row[id] = -Infinity;
  if (options.temperature <= 0) return argmax(row);
  if (options.temperature !== 1) for (let i = 0; i < row.length; i++) row[i] = row[i]! / options.temperature;
  if (options.topP < 1) maskTopP(row, options.topP);
  return sampleTopK(row, options.topK);
}

/** Index of the first largest value (as transformers.js' greedy sampler). */
export function argmax(row: Float32Array): number {
  let best = 0;
  let max = row[0] ?? -Infinity;
  for (let i = 1; i < row.length; i++) {
    if (row[i]! > max) {
      max = row[i]!;
      best = i;
    }
  }
  return best;
}

function sampleTopK(row: Float32Array, topK: number): number {
  const k = topK > 0 ? Math.min(topK, row.length) : row.length;
  const order = Array.from(row.keys()).sort((a, b) => row[b]! - row[a]!);
  const kept = order.slice(0, k);
  const max = row[kept[0]!]!;
  const weights = kept.map((id) => Math.exp(row[id]! - max));
  let total = 0;
  for (const w of weights) total += w;
  let r = random.random() * total;
  for (let i = 0; i < kept.length; i++) {
    r -= weights[i]!;
    if (r < 0) return kept[i]!;
  }
  return kept[kept.length - 1]!;
}
