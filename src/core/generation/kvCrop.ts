/**
 * Pure helpers for reusing a KV cache across prompts that share a prefix.
 * A cache tensor is [batch, heads, sequence, headDim], row-major.
 */

/** Length of the common prefix of two token sequences. */
export function commonPrefixLength(a: ArrayLike<number | bigint>, b: ArrayLike<number | bigint>): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * How many cached positions a new prompt can reuse: the common prefix, but
 * never the whole prompt (the last prompt token must be fed to get logits).
 */
export function reusableLength(cached: ArrayLike<number | bigint>, prompt: ArrayLike<number | bigint>, cachedLength: number): number {
  return Math.max(0, Math.min(commonPrefixLength(cached, prompt), cachedLength, prompt.length - 1));
}

export interface TypedArrayLike extends ArrayLike<number> {
  subarray(begin: number, end?: number): ArrayLike<number>;
  set(source: ArrayLike<number>, offset?: number): void;
}

/**
 * Copies the first `keep` positions of every head into `target` (sized
 * batch*heads*keep*headDim), with block copies rather than element by element.
 */
export function cropHeads<T extends TypedArrayLike>(source: T, dims: readonly number[], keep: number, target: T): T {
  const [batch = 1, heads = 1, seq = 0, headDim = 1] = dims;
  if (keep > seq) throw new RangeError(`cannot keep ${keep} of ${seq} positions`);
  const rowsIn = seq * headDim;
  const rowsOut = keep * headDim;
  for (let bh = 0; bh < batch * heads; bh++) {
    target.set(source.subarray(bh * rowsIn, bh * rowsIn + rowsOut), bh * rowsOut);
  }
  return target;
}
