import { DynamicCache, Tensor } from '@huggingface/transformers';
import { LRUCache } from 'lru-cache';
import { cropHeads, reusableLength, type TypedArrayLike } from '../core/generation/kvCrop';
import { isKvState, type AnyCache } from './decode/ownedDecode';

interface Entry {
  /** The token ids whose keys/values the cache holds, in order. */
  tokens: bigint[];
  cache: AnyCache;
  modelKey: string;
}

/** Which loaded model a cache belongs to: the model as it was loaded, and the dtype it resolved to. */
export function prefixModelKey(model: { model: string; dtype: string }): string {
  return `${model.model}|${model.dtype}`;
}

export interface Prepared {
  cache: AnyCache;
  reused: number;
}

/**
 * The KV cache of the last prompt of each document, so a new prompt that
 * starts like the last one feeds only its new tokens. transformers.js neither
 * checks nor crops a DynamicCache: we compare token ids and crop ourselves.
 * Memory is bounded in bytes across documents (least recently used goes first).
 */
export class PrefixCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      sizeCalculation: (entry) => Math.max(1, cacheBytes(entry.cache)),
    });
  }

  /** A cache to pass to generate() for `prompt`: reused (cropped) when it shares a prefix, else fresh. */
  prepare(documentId: string, modelKey: string, prompt: bigint[]): Prepared {
    const entry = this.entries.get(documentId);
    if (!entry || entry.modelKey !== modelKey) return { cache: new DynamicCache(), reused: 0 };
    const cachedLength = entry.cache.get_seq_length();
    const keep = reusableLength(entry.tokens, prompt, cachedLength);
    if (keep === 0) return { cache: new DynamicCache(), reused: 0 };
    // Inkwell's own decode loop keeps its buffers and only lowers their valid length.
    if (isKvState(entry.cache)) {
      entry.cache.truncate(keep);
      return { cache: entry.cache, reused: keep };
    }
    return { cache: keep === cachedLength ? entry.cache : cropCache(entry.cache, keep), reused: keep };
  }

  /** After generate(): `sequence` is prompt + generated ids; the cache covers its first get_seq_length() ids. */
  commit(documentId: string, modelKey: string, sequence: bigint[], cache: AnyCache): void {
    const length = cache.get_seq_length();
    this.entries.set(documentId, { tokens: sequence.slice(0, length), cache, modelKey });
  }

  drop(documentId: string): void {
    this.entries.delete(documentId);
  }

  /** Drops every document's cache made by a model (it was unloaded: its tensors must go with it). */
  dropModel(modelKey: string): void {
    const made = [...this.entries.entries()].filter(([, entry]) => entry.modelKey === modelKey);
    for (const [documentId] of made) this.entries.delete(documentId);
  }

  get totalBytes(): number {
    return this.entries.calculatedSize;
  }

  get documents(): number {
    return this.entries.size;
  }
}

function cacheBytes(cache: AnyCache): number {
  if (isKvState(cache)) return cache.byteLength;
  let bytes = 0;
  for (const value of Object.values(cache) as Tensor[]) {
    const data = value.data as { byteLength?: number };
    bytes += data.byteLength ?? 0;
  }
  return bytes;
}

/** A new cache with the first `keep` positions of every key/value tensor (block copies, not Tensor.slice). */
export function cropCache(cache: DynamicCache, keep: number): DynamicCache {
  const entries: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(cache) as [string, Tensor][]) {
    const dims = tensor.dims;
    const source = tensor.data as unknown as TypedArrayLike & { constructor: new (n: number) => TypedArrayLike };
    const size = (dims[0] ?? 1) * (dims[1] ?? 1) * keep * (dims[3] ?? 1);
    const target = cropHeads(source, dims, keep, new source.constructor(size));
    entries[name] = new Tensor(tensor.type, target as unknown as Float32Array, [dims[0] ?? 1, dims[1] ?? 1, keep, dims[3] ?? 1]);
  }
  return new DynamicCache(entries);
}
