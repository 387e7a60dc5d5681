import { Tensor as OrtTensor } from 'onnxruntime-node';
import { cropHeads, type TypedArrayLike } from '../../core/generation/kvCrop';

/** Positions added to a growing KV buffer at a time. */
export const KV_GROWTH_STEP = 256;

/** The cache's geometry, from the model's config and session. */
export interface KvLayout {
  layers: number;
  kvHeads: number;
  headDim: number;
  /** past_key_values.{i}.key|value, in the same order as `presentNames`. */
  pastNames: string[];
  presentNames: string[];
  /** The edited graph's outputs holding each run's new positions (onnxGraphEdit.ts), same order; absent when unedited. */
  newNames?: string[];
}

/**
 * The key/value cache of one sequence as Inkwell's own decode loop keeps it.
 * `length` positions are valid; reusing a prefix only lowers it.
 */
export interface KvState {
  readonly kind: 'shared' | 'concat' | 'append';
  readonly layout: KvLayout;
  length: number;
  /** Keep the first `keep` positions (no copy for the shared buffers). */
  truncate(keep: number): void;
  get_seq_length(): number;
  readonly byteLength: number;
}

/**
 * Fixed-capacity buffers [1, kvHeads, capacity, headDim], fed whole as the past
 * inputs; the first `length` positions of each head are valid. Capacity grows in
 * KV_GROWTH_STEP steps.
 */
export abstract class CapacityKv implements KvState {
  abstract readonly kind: 'shared' | 'append';
  length = 0;
  capacity = 0;
  protected buffers: Float32Array[] = [];
  protected tensors: OrtTensor[] = [];

  constructor(readonly layout: KvLayout, initialPositions = KV_GROWTH_STEP) {
    this.reserve(initialPositions);
  }

  /**
   * Makes room for `total` positions, copying the valid ones into bigger buffers if needed:
   * the first time exactly `total` (the caller sizes it for prompt + new tokens), later at
   * least KV_GROWTH_STEP more.
   */
  reserve(total: number): void {
    if (total <= this.capacity) return;
    const capacity = this.capacity === 0 ? total : Math.max(total, this.capacity + KV_GROWTH_STEP);
    const { kvHeads, headDim } = this.layout;
    const next = this.layout.pastNames.map((_, i) => {
      const grown = new Float32Array(kvHeads * capacity * headDim);
      const old = this.buffers[i];
      if (old && this.length > 0) {
        for (let h = 0; h < kvHeads; h++) {
          const from = h * this.capacity * headDim;
          grown.set(old.subarray(from, from + this.length * headDim), h * capacity * headDim);
        }
      }
      return grown;
    });
    this.buffers = next;
    this.capacity = capacity;
    this.tensors = next.map((data) => new OrtTensor('float32', data, [1, kvHeads, capacity, headDim]));
  }

  truncate(keep: number): void {
    this.length = Math.max(0, Math.min(keep, this.length));
  }

  /** Fills every position with `value` (probes: a graph that reads only valid positions never sees it). */
  fill(value: number): void {
    for (const buffer of this.buffers) buffer.fill(value);
  }

  get_seq_length(): number {
    return this.length;
  }

  get byteLength(): number {
    return this.buffers.reduce((sum, b) => sum + b.byteLength, 0);
  }

  /** Key/value of one layer entry as [kvHeads, length, headDim] rows (tests compare caches). */
  validRows(index: number): Float32Array {
    const { kvHeads, headDim } = this.layout;
    const out = new Float32Array(kvHeads * this.length * headDim);
    const data = this.buffers[index]!;
    for (let h = 0; h < kvHeads; h++) out.set(data.subarray(h * this.capacity * headDim, (h * this.capacity + this.length) * headDim), h * this.length * headDim);
    return out;
  }
}

/**
 * Capacity buffers for graphs whose attention (com.microsoft GroupQueryAttention)
 * writes the new positions into the past buffer when the same memory is passed as past
 * input and present output (past_present_share_buffer). onnxruntime-node still copies
 * the whole present back into a new JavaScript buffer every step.
 */
export class SharedKv extends CapacityKv {
  readonly kind = 'shared' as const;

  /** The same tensors serve as past inputs and as preallocated present outputs. */
  bind(feeds: Record<string, OrtTensor>, fetches: Record<string, OrtTensor | null>): void {
    this.layout.pastNames.forEach((name, i) => {
      feeds[name] = this.tensors[i]!;
      fetches[this.layout.presentNames[i]!] = this.tensors[i]!;
    });
  }
}

/**
 * Capacity buffers for graphs edited at load (onnxGraphEdit.ts): the past is read
 * up to the valid length only, and each run returns just its new positions
 * (`newNames`, [1, kvHeads, n, headDim]), which are written into the buffers here.
 */
export class AppendKv extends CapacityKv {
  readonly kind = 'append' as const;

  bind(feeds: Record<string, OrtTensor>): void {
    this.layout.pastNames.forEach((name, i) => (feeds[name] = this.tensors[i]!));
  }

  /** Writes a run's `added` new positions (outputs named as layout.newNames) after the valid ones. */
  append(outputs: Record<string, OrtTensor>, added: number): void {
    const { kvHeads, headDim, newNames } = this.layout;
    if (!newNames || this.length + added > this.capacity) throw new Error('no room for the new positions');
    const rows = added * headDim;
    newNames.forEach((name, i) => {
      const data = outputs[name]?.data as Float32Array | undefined;
      if (!data || data.length !== kvHeads * rows) throw new Error(`the model returned no ${added} positions in ${name}`);
      const buffer = this.buffers[i]!;
      for (let h = 0; h < kvHeads; h++) buffer.set(data.subarray(h * rows, (h + 1) * rows), (h * this.capacity + this.length) * headDim);
    });
    this.length += added;
  }
}

/**
 * Exact-length tensors for graphs that Concat the past with the new positions
 * (Optimum exports): each run's present outputs become the next past inputs.
 */
export class ConcatKv implements KvState {
  readonly kind = 'concat' as const;
  length = 0;
  private tensors: OrtTensor[];

  constructor(readonly layout: KvLayout) {
    this.tensors = layout.pastNames.map(() => new OrtTensor('float32', new Float32Array(0), [1, layout.kvHeads, 0, layout.headDim]));
  }

  bind(feeds: Record<string, OrtTensor>): void {
    this.layout.pastNames.forEach((name, i) => (feeds[name] = this.tensors[i]!));
  }

  /** Takes the run's present outputs as the cache. */
  accept(outputs: Record<string, OrtTensor>): void {
    this.tensors = this.layout.presentNames.map((name) => {
      const t = outputs[name];
      if (!t) throw new Error(`the model did not return ${name}`);
      return t;
    });
    this.length = this.tensors[0]?.dims[2] ?? 0;
  }

  truncate(keep: number): void {
    if (keep >= this.length) return;
    const { kvHeads, headDim } = this.layout;
    this.tensors = this.tensors.map((t) => {
      const source = t.data as Float32Array;
      const target = cropHeads(source as unknown as TypedArrayLike, t.dims, keep, new Float32Array(kvHeads * keep * headDim) as unknown as TypedArrayLike);
      return new OrtTensor('float32', target as unknown as Float32Array, [1, kvHeads, keep, headDim]);
    });
    this.length = keep;
  }

  get_seq_length(): number {
    return this.length;
  }

  get byteLength(): number {
    return this.tensors.reduce((sum, t) => sum + (t.data as Float32Array).byteLength, 0);
  }

  validRows(index: number): Float32Array {
    return this.tensors[index]!.data as Float32Array;
  }
}
