import { LogitsProcessor, type Tensor } from '@huggingface/transformers';

/**
 * Nucleus sampling: keep the smallest set of tokens whose probability adds up
 * to `topP`, mask the rest. transformers.js reads `top_p` but does not apply it.
 */
export class TopPLogitsWarper extends LogitsProcessor {
  constructor(private readonly topP: number) {
    super();
  }

  override _call(_inputIds: bigint[][], logits: Tensor): Tensor {
    const vocab = logits.dims.at(-1) ?? 0;
    const data = logits.data as Float32Array;
    for (let row = 0; row < data.length; row += vocab) maskTopP(data.subarray(row, row + vocab), this.topP);
    return logits;
  }
}

/** Masks (sets to -Infinity) every logit outside the top-p nucleus of `row`. */
export function maskTopP(row: Float32Array, topP: number): void {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  const order = Array.from(row.keys()).sort((a, b) => row[b]! - row[a]!);
  let total = 0;
  for (const v of row) total += Math.exp(v - max);
  let cumulative = 0;
  let keep = 0;
  while (keep < order.length && cumulative < topP * total) {
    cumulative += Math.exp(row[order[keep]!]! - max);
    keep++;
  }
  for (let i = Math.max(keep, 1); i < order.length; i++) row[order[i]!] = -Infinity;
}
