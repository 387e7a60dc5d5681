import { Tensor as OrtTensor } from 'onnxruntime-node';
import type { KvState } from './kvState';
import { AppendKv, ConcatKv, SharedKv } from './kvState';
import type { OwnedModel } from './ownedModel';
import { pickToken, type SamplerOptions } from './sampler';

/**
 * Longer prompts are fed in chunks of this many tokens: the attention scores of one
 * run grow with (new tokens x total tokens), and onnxruntime's arena keeps its
 * high-water mark, so a 2,048-token prompt in one run leaves hundreds of MB behind.
 * INKWELL_PREFILL_CHUNK overrides it (0: never chunk) for benchmarks.
 */
export function prefillChunk(): number {
  const configured = process.env['INKWELL_PREFILL_CHUNK'];
  const value = configured ? Number(configured) : NaN;
  return Number.isInteger(value) && value >= 0 ? value : 512;
}

export interface LoopOptions extends SamplerOptions {
  maxNewTokens: number;
  /** Called with prompt + generated ids after every token; true stops (stop strings, cancellation). */
  onToken: (ids: readonly number[]) => boolean;
}

/**
 * Inkwell's own decode loop: feeds the prompt ids the cache does not hold yet,
 * then one token per step, sampling from the last logits row only. The cache
 * (`kv`, its valid length already set to the reused prefix) is filled in place;
 * after the loop it covers every id but the last generated one, as after
 * transformers.js' generate(). Returns the generated ids.
 */
export async function runOwnedLoop(model: OwnedModel, promptIds: readonly number[], kv: KvState, options: LoopOptions): Promise<number[]> {
  if (kv.length >= promptIds.length) kv.truncate(promptIds.length - 1);
  const ids = [...promptIds];
  const generated: number[] = [];
  let input = promptIds.slice(kv.length);
  const chunk = prefillChunk();
  while (chunk > 0 && input.length > chunk) {
    await step(model, kv, input.slice(0, chunk));
    input = input.slice(chunk);
  }
  while (generated.length < options.maxNewTokens) {
    const logits = await step(model, kv, input);
    const next = pickToken(logits, ids, generated.length, options);
    ids.push(next);
    generated.push(next);
    if (options.onToken(ids) || options.eos.includes(next)) break;
    input = [next];
  }
  return generated;
}

/** One session.run over `input` (after the cache's valid positions); returns the last position's logits. */
async function step(model: OwnedModel, kv: KvState, input: readonly number[]): Promise<Float32Array> {
  const past = kv.length;
  const total = past + input.length;
  const feeds: Record<string, OrtTensor> = {
    input_ids: new OrtTensor('int64', BigInt64Array.from(input, BigInt), [1, input.length]),
    attention_mask: new OrtTensor('int64', new BigInt64Array(total).fill(1n), [1, total]),
  };
  if (model.positionIds) feeds['position_ids'] = new OrtTensor('int64', BigInt64Array.from(input, (_, i) => BigInt(past + i)), [1, input.length]);
  if (model.logitsToKeep) feeds['num_logits_to_keep'] = new OrtTensor('int64', BigInt64Array.from([1n]), []);
  let result: Record<string, OrtTensor>;
  if (kv instanceof AppendKv) {
    // Fetch by name: only the logits and the new positions are copied into JavaScript.
    kv.reserve(total);
    kv.bind(feeds);
    result = (await model.session.run(feeds, ['logits', ...(kv.layout.newNames ?? [])])) as Record<string, OrtTensor>;
    kv.append(result, input.length);
  } else if (kv instanceof SharedKv) {
    kv.reserve(total);
    const fetches: Record<string, OrtTensor | null> = { logits: null };
    kv.bind(feeds, fetches);
    result = (await model.session.run(feeds, fetches)) as Record<string, OrtTensor>;
    kv.length = total;
  } else if (kv instanceof ConcatKv) {
    kv.bind(feeds);
    result = (await model.session.run(feeds)) as Record<string, OrtTensor>;
    kv.accept(result);
  } else {
    throw new Error('unknown cache kind');
  }
  const logits = result['logits'];
  if (!logits) throw new Error('the model returned no logits');
  const vocab = logits.dims.at(-1) ?? 0;
  const data = logits.data as Float32Array;
  return data.subarray(data.length - vocab);
}
