import type { DynamicCache } from '@huggingface/transformers';
import type { SamplingParams } from '../../protocol';
import type { GenerationMonitor } from '../generationMonitor';
import type { KvState } from './kvState';
import { AppendKv, ConcatKv, SharedKv } from './kvState';
import { runOwnedLoop } from './ownedLoop';
import { newKv, type OwnedModel } from './ownedModel';

/** A prefix cache entry's cache: transformers.js' DynamicCache or the owned loop's buffers. */
export type AnyCache = DynamicCache | KvState;

export function isKvState(cache: unknown): cache is KvState {
  return cache instanceof SharedKv || cache instanceof AppendKv || cache instanceof ConcatKv;
}

/**
 * Decodes with Inkwell's own loop, reusing `cache` when it is the loop's own
 * (any other cache is ignored: the prompt is fed whole). Returns the cache it
 * filled, for the prefix cache.
 */
export async function ownedDecode(model: OwnedModel, promptIds: readonly number[], sampling: SamplingParams, eos: readonly number[], monitor: GenerationMonitor, cache?: AnyCache): Promise<KvState> {
  const kv = isKvState(cache) && cache.layout === model.layout ? cache : newKv(model, promptIds.length + sampling.maxNewTokens);
  const sample = (sampling.temperature ?? 0) > 0;
  await runOwnedLoop(model, promptIds, kv, {
    maxNewTokens: sampling.maxNewTokens,
    minNewTokens: sampling.minNewTokens ?? 0,
    temperature: sample ? (sampling.temperature ?? 0) : 0,
    topK: sample ? (sampling.topK ?? 0) : 0,
    topP: sample ? (sampling.topP ?? 1) : 1,
    repetitionPenalty: sampling.repetitionPenalty ?? 1,
    eos,
    onToken: (ids) => monitor._call([ids as number[]])[0] === true,
  });
  return kv;
}
