/**
 * How sure a model was of each token: probabilities and the most likely
 * alternatives, from one decoding step's logits. Pure, so the runner and
 * tests share it.
 */

export interface RankedToken {
  id: number;
  probability: number;
}

/** Softmax of a row of logits; -Infinity (a masked token) gets probability 0. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  const probs = new Float64Array(logits.length);
  if (max === -Infinity) return probs;
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const p = Math.exp(logits[i]! - max);
    probs[i] = p;
    total += p;
  }
  for (let i = 0; i < probs.length; i++) probs[i]! /= total;
  return probs;
}

/** The `k` most probable tokens, most probable first (ties: lower id first); zero-probability tokens are left out. */
export function topTokens(probs: ArrayLike<number>, k: number): RankedToken[] {
  const best: RankedToken[] = [];
  for (let id = 0; id < probs.length; id++) {
    const probability = probs[id]!;
    if (probability <= 0) continue;
    if (best.length === k && probability <= best[k - 1]!.probability) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.probability < probability) at--;
    best.splice(at, 0, { id, probability });
    if (best.length > k) best.pop();
  }
  return best;
}

/** A copy of `logits` with all but the `k` largest masked to -Infinity, as the top-k sampler does (k <= 0: none masked). */
export function keepTopK(logits: ArrayLike<number>, k: number): Float64Array {
  const out = Float64Array.from(logits);
  if (k <= 0 || k >= out.length) return out;
  const threshold = Array.from(out).sort((a, b) => b - a)[k - 1]!;
  let kept = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i]! > threshold) kept++;
  }
  // Keep ties at the threshold until k tokens are kept (lowest ids first).
  for (let i = 0; i < out.length; i++) {
    if (out[i]! < threshold) out[i] = -Infinity;
    else if (out[i] === threshold) {
      if (kept < k) kept++;
      else out[i] = -Infinity;
    }
  }
  return out;
}

/** One decoding step as the runner saw it, for one sequence. */
export interface StepLogits {
  /** The model's logits (temperature 1, nothing masked). */
  raw: ArrayLike<number>;
  /** The logits the sampler draws from: after temperature and top-p (top-k is applied here, as the sampler does). */
  processed: ArrayLike<number>;
  /** Greedy decoding: no sampling distribution, so the raw one is reported. */
  sampled: boolean;
  topK: number;
}

export interface TokenStats {
  /** Probability of the chosen token in the distribution it was drawn from (greedy: the raw one). */
  probability: number;
  rawProbability: number;
  /** The most likely tokens of that same distribution. */
  alternatives: RankedToken[];
}

export function tokenStats(step: StepLogits, chosen: number, alternatives = 5): TokenStats {
  const raw = softmax(step.raw);
  const drawn = step.sampled ? softmax(keepTopK(step.processed, step.topK)) : raw;
  return { probability: drawn[chosen] ?? 0, rawProbability: raw[chosen] ?? 0, alternatives: topTokens(drawn, alternatives) };
}

/** Probability from an OpenAI-style log probability (null or missing: unknown). */
export function fromLogprob(logprob: number | null | undefined): number | undefined {
  return typeof logprob === 'number' && Number.isFinite(logprob) ? Math.exp(logprob) : logprob === -Infinity ? 0 : undefined;
}

/**
 * Token pieces cut to the final text (which a stop string may have cut short):
 * pieces past its end are dropped and the last one shortened.
 */
export function clipPieces<T extends { text: string }>(pieces: readonly T[], text: string): T[] {
  const out: T[] = [];
  let at = 0;
  for (const piece of pieces) {
    if (at >= text.length) break;
    const room = text.length - at;
    out.push(piece.text.length <= room ? piece : { ...piece, text: piece.text.slice(0, room) });
    at += Math.min(piece.text.length, room);
  }
  return out;
}
