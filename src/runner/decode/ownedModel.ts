import { Tensor as OrtTensor, type InferenceSession } from 'onnxruntime-node';
import type { CausalLm } from '../modelStore';
import { AppendKv, ConcatKv, SharedKv, type KvLayout, type KvState } from './kvState';
import { newRowsName } from './onnxGraphEdit';

/**
 * A causal LM whose onnxruntime session Inkwell drives itself (ownedLoop.ts):
 * the session transformers.js created, and how its cache is fed.
 * - 'shared': GroupQueryAttention-style graphs (onnxruntime-genai exports): no
 *   position_ids; the past may be a fixed-capacity buffer and the present is
 *   written into it in place when passed as the preallocated output.
 * - 'concat': Optimum-style graphs (position_ids, Concat of past and new).
 * - 'append': either kind, edited at load (onnxGraphEdit.ts): the past is a
 *   fixed-capacity buffer read up to the valid length, and each run returns only its
 *   new positions, so only those are copied back into JavaScript.
 * What onnxruntime-node 1.30 does (checked here): inputs are borrowed, not copied; a
 * preallocated CPU output is bound in place (so GroupQueryAttention sees past == present
 * and takes its share-buffer path), but the result still holds a fresh copy of every
 * fetched output: each step copies the capacity-sized cache once into JavaScript.
 */
export interface OwnedModel {
  session: InferenceSession;
  mode: 'shared' | 'concat' | 'append';
  layout: KvLayout;
  positionIds: boolean;
  logitsToKeep: boolean;
}

/** Set INKWELL_DECODE_LOOP=transformers to use transformers.js' generate() for every model (benchmarks compare both). */
export const DECODE_LOOP_SWITCH = 'INKWELL_DECODE_LOOP';
/** INKWELL_DECODE_KV=shared: GroupQueryAttention graphs share past and present buffers even when edited (benchmarks compare both). */
export const DECODE_KV_SWITCH = 'INKWELL_DECODE_KV';

const probed = new WeakMap<object, Promise<OwnedModel | undefined>>();

/** The model as Inkwell's decode loop can drive it, or undefined: use transformers.js' generate(). */
export function ownedModel(lm: CausalLm): Promise<OwnedModel | undefined> {
  if (process.env[DECODE_LOOP_SWITCH] === 'transformers') return Promise.resolve(undefined);
  let found = probed.get(lm.model);
  if (!found) {
    found = inspect(lm).catch((err: unknown) => {
      console.error(`Inkwell: decoding with transformers.js' generate() (${err instanceof Error ? err.message : String(err)}).`);
      return undefined;
    });
    probed.set(lm.model, found);
  }
  return found;
}

/** A fresh, empty cache for this model. */
export function newKv(model: OwnedModel, positions?: number): KvState {
  if (model.mode === 'append') return new AppendKv(model.layout, positions);
  return model.mode === 'shared' ? new SharedKv(model.layout, positions) : new ConcatKv(model.layout);
}

const SUPPORTED_INPUTS = /^(input_ids|attention_mask|position_ids|num_logits_to_keep|past_key_values\.\d+\.(key|value))$/;

async function inspect(lm: CausalLm): Promise<OwnedModel> {
  const sessions = (lm.model as unknown as { sessions?: Record<string, InferenceSession> }).sessions ?? {};
  const names = Object.keys(sessions);
  const session = sessions['model'];
  if (!session || names.length !== 1) throw new Error(`sessions ${names.join(', ')} are not one decoder graph`);
  const unsupported = session.inputNames.filter((n) => !SUPPORTED_INPUTS.test(n));
  if (unsupported.length > 0) throw new Error(`inputs ${unsupported.join(', ')} are not handled`);
  const config = lm.model.config as unknown as Record<string, number | undefined>;
  const layers = config['num_hidden_layers'] ?? 0;
  const heads = config['num_attention_heads'] ?? 0;
  const kvHeads = config['num_key_value_heads'] ?? heads;
  const headDim = config['head_dim'] ?? (config['hidden_size'] ?? 0) / Math.max(1, heads);
  const pastNames = Array.from({ length: layers }, (_, i) => [`past_key_values.${i}.key`, `past_key_values.${i}.value`]).flat();
  const presentNames = pastNames.map((n) => n.replace('past_key_values', 'present'));
  const inputs = new Set(session.inputNames);
  const outputs = new Set(session.outputNames);
  if (!inputs.has('input_ids') || !inputs.has('attention_mask') || !outputs.has('logits')) throw new Error('the graph lacks input_ids, attention_mask or logits');
  if (pastNames.some((n) => !inputs.has(n)) || presentNames.some((n) => !outputs.has(n))) throw new Error('the cache inputs/outputs do not match the config');
  if (inputs.size !== pastNames.length + 2 + Number(inputs.has('position_ids')) + Number(inputs.has('num_logits_to_keep'))) throw new Error('unexpected inputs');
  const metadata = (session as unknown as { inputMetadata?: { name: string; type?: string; shape?: (number | string)[] }[] }).inputMetadata ?? [];
  const cacheMeta = metadata.find((m) => m.name === pastNames[0]);
  if (cacheMeta?.type && cacheMeta.type !== 'float32') throw new Error(`a ${cacheMeta.type} cache is not handled`);
  if (cacheMeta?.shape && (cacheMeta.shape[1] !== kvHeads || cacheMeta.shape[3] !== headDim)) throw new Error('cache shape does not match the config');
  const newNames = pastNames.map((_, i) => newRowsName(Math.floor(i / 2), i % 2 === 0 ? 'key' : 'value'));
  const edited = newNames.every((n) => outputs.has(n));
  const layout: KvLayout = { layers, kvHeads, headDim, pastNames, presentNames, ...(edited ? { newNames } : {}) };
  const base = { session, layout, positionIds: inputs.has('position_ids'), logitsToKeep: inputs.has('num_logits_to_keep') };
  const shareWanted = !base.positionIds && process.env[DECODE_KV_SWITCH] === 'shared';
  if (edited && !shareWanted && (await readsValidPastOnly(base))) return { ...base, mode: 'append' };
  if (base.positionIds) return { ...base, mode: 'concat' };
  if (!(await sharesBuffers(session, layout))) throw new Error('the graph does not write its cache in place');
  return { ...base, mode: 'shared' };
}

/**
 * Runs one token with capacity-sized past buffers also passed as the present
 * outputs: a graph that Concats (present longer than the buffer) throws, and one
 * that does not write in place leaves the buffer empty.
 */
async function sharesBuffers(session: InferenceSession, layout: KvLayout): Promise<boolean> {
  const kv = new SharedKv(layout, 1);
  const feeds: Record<string, OrtTensor> = {
    input_ids: new OrtTensor('int64', BigInt64Array.from([0n]), [1, 1]),
    attention_mask: new OrtTensor('int64', BigInt64Array.from([1n]), [1, 1]),
  };
  const fetches: Record<string, OrtTensor | null> = { logits: null };
  kv.bind(feeds, fetches);
  try {
    const result = await session.run(feeds, fetches);
    if (result[layout.presentNames[0]!]?.dims[2] !== kv.capacity) return false;
  } catch {
    return false;
  }
  kv.length = 1;
  return kv.validRows(0).some((v) => v !== 0);
}

/**
 * One token with an empty cache, once exact and once as a capacity buffer full of
 * ones: the edited graph must give the same logits (it reads only the valid
 * positions), and return that token's key/value positions.
 */
async function readsValidPastOnly(model: Omit<OwnedModel, 'mode'>): Promise<boolean> {
  const logits = async (capacity: number) => {
    const kv = new AppendKv(model.layout, capacity);
    kv.fill(1);
    const feeds: Record<string, OrtTensor> = {
      input_ids: new OrtTensor('int64', BigInt64Array.from([0n]), [1, 1]),
      attention_mask: new OrtTensor('int64', BigInt64Array.from([1n]), [1, 1]),
    };
    if (model.positionIds) feeds['position_ids'] = new OrtTensor('int64', BigInt64Array.from([0n]), [1, 1]);
    if (model.logitsToKeep) feeds['num_logits_to_keep'] = new OrtTensor('int64', BigInt64Array.from([1n]), []);
    kv.bind(feeds);
    const result = (await model.session.run(feeds, ['logits', ...(model.layout.newNames ?? [])])) as Record<string, OrtTensor>;
    kv.append(result, 1);
    return result['logits']!.data as Float32Array;
  };
  try {
    const [exact, capacity] = [await logits(1), await logits(8)];
    return exact.length === capacity.length && exact.every((v, i) => Math.abs(v - capacity[i]!) <= 1e-4 * (1 + Math.abs(v)));
  } catch (err) {
    console.error(`Inkwell: the edited graph does not read a capacity cache (${err instanceof Error ? err.message : String(err)}).`);
    return false;
  }
}
