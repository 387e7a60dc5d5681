/**
 * Inkwell's own decode loop (src/runner/decode/) against transformers.js' generate(),
 * on every generated fixture graph shape, with real onnxruntime-node sessions:
 * greedy output token for token, with and without prefix reuse, past a buffer growth step;
 * seeded sampling deterministic.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AutoModelForCausalLM, AutoTokenizer } from '@huggingface/transformers';
import { Tensor as OrtTensor } from 'onnxruntime-node';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { complete } from '../../src/runner/completion';
import * as path from 'node:path';
import { withDecoderEdit } from '../../src/runner/decode/editedSession';
import { CapacityKv, KV_GROWTH_STEP, SharedKv } from '../../src/runner/decode/kvState';
import { prefillChunk } from '../../src/runner/decode/ownedLoop';
import { DECODE_KV_SWITCH, DECODE_LOOP_SWITCH, ownedModel } from '../../src/runner/decode/ownedModel';
import { externalDataFormat, onnxFiles } from '../../src/runner/modelFiles';
import type { CausalLm } from '../../src/runner/modelStore';
import { PrefixCache } from '../../src/runner/prefixCache';
import { decode, encode } from '../../src/runner/textGeneration';
import type { CompleteParams, SamplingParams } from '../../src/protocol';
import { ensureFixture, type FixtureName } from '../fixtures/generate';

const TEXT = 'Inkwell writes along with you. It runs a small model on your own machine and suggests the next words as you type, ';

type Variant = 'fp32' | 'q8' | 'q4' | 'int8' | 'uint8';
type Mode = 'shared' | 'concat' | 'append';
/** Graphs edited at load (as ModelStore loads them) are driven as 'append'; unedited ones as before. */
const CASES: [FixtureName, Variant[], Mode, 'edited' | 'unedited' | 'edited, shared buffers'][] = [
  ['tiny-llama', ['fp32', 'q8', 'q4'], 'append', 'edited'],
  ['tiny-llama-gqa', ['fp32', 'q4', 'int8', 'uint8'], 'append', 'edited'],
  ['tiny-llama-external', ['fp32', 'int8', 'uint8', 'q4'], 'append', 'edited'],
  ['smollm2-135m-sentences', ['fp32', 'q8', 'q4'], 'append', 'edited'],
  ['tiny-llama', ['fp32', 'q8'], 'concat', 'unedited'],
  ['tiny-llama-gqa', ['fp32', 'q4'], 'shared', 'unedited'],
  ['tiny-llama-gqa', ['fp32', 'int8'], 'shared', 'edited, shared buffers'],
];

async function load(name: FixtureName, dtype: Variant, edited = true): Promise<CausalLm> {
  const folder = await ensureFixture(name);
  const external = externalDataFormat(folder, 'text-generation', dtype);
  const options = { dtype, device: 'cpu' as const, local_files_only: true, ...(external ? { use_external_data_format: external } : {}) };
  const tokenizer = await AutoTokenizer.from_pretrained(folder, options);
  const file = path.join(folder, onnxFiles('text-generation', dtype)[0]!);
  const loadModel = () => AutoModelForCausalLM.from_pretrained(folder, options);
  const model = edited ? await withDecoderEdit(file, loadModel) : await loadModel();
  return { kind: 'causal', tokenizer, model };
}

/** Runs `fn` with transformers.js' generate() as the decode path. */
async function withTransformers<T>(fn: () => Promise<T>): Promise<T> {
  process.env[DECODE_LOOP_SWITCH] = 'transformers';
  try {
    return await fn();
  } finally {
    delete process.env[DECODE_LOOP_SWITCH];
  }
}

const hooks = () => ({ token: new CancellationTokenSource().token, onText: () => undefined });
const greedy = (maxNewTokens: number): SamplingParams => ({ maxNewTokens, minNewTokens: maxNewTokens, temperature: 0 });

async function tokens(lm: CausalLm, prompt: string, sampling: SamplingParams): Promise<bigint[]> {
  return (await decode(lm, encode(lm, prompt), sampling, hooks())).sequence;
}

function completeParams(prompt: string, over: Partial<CompleteParams> = {}): CompleteParams {
  return { documentId: 'doc', model: 'm', dtype: 'fp32', prompt, n: 1, maxNewTokens: 10, minNewTokens: 10, temperature: 0, ...over };
}

describe('own decode loop vs transformers.js generate() (real onnxruntime-node, generated models)', () => {
  for (const [name, dtypes, mode, graph] of CASES) {
    for (const dtype of dtypes) {
      it(`${name} (${dtype}, ${graph}): ${mode} cache, greedy tokens identical, fresh and with prefix reuse`, async () => {
        const lm = await load(name, dtype, graph !== 'unedited');
        try {
          // The cache kind is decided once per model, on its first use.
          if (graph === 'edited, shared buffers') process.env[DECODE_KV_SWITCH] = 'shared';
          const owned = await ownedModel(lm).finally(() => delete process.env[DECODE_KV_SWITCH]);
          assert.equal(owned?.mode, mode);
          const expected = await withTransformers(() => tokens(lm, TEXT, greedy(16)));
          assert.deepEqual(await tokens(lm, TEXT, greedy(16)), expected);

          // Prefix reuse through complete(): a growing prompt, the suggestion accepted, then an edit near the start.
          // Compared with transformers.js reusing its own cache the same way (quantized graphs quantize activations
          // per run, so a reused prefix is not bit-identical to a fresh prefill on either path).
          const ownCache = new PrefixCache(64 * 2 ** 20);
          const theirCache = new PrefixCache(64 * 2 ** 20);
          const both = async (prompt: string) => {
            const mine = await complete(lm, 'm', ownCache, completeParams(prompt), 0, hooks());
            const theirs = await withTransformers(() => complete(lm, 'm', theirCache, completeParams(prompt), 0, hooks()));
            assert.deepEqual(mine.completions, theirs.completions, `for ${JSON.stringify(prompt.slice(-30))}`);
            assert.equal(mine.reusedTokens, theirs.reusedTokens);
            return mine;
          };
          const first = await both(TEXT);
          const longer = `${TEXT}and it never`;
          const reused = await both(longer);
          assert.ok(reused.reusedTokens > first.promptTokens / 2, `reused ${reused.reusedTokens}`);
          const next = await both(longer + reused.completions[0]);
          assert.ok(next.reusedTokens >= reused.promptTokens);
          await both(`Other words. ${TEXT}`);
          await both(TEXT.slice(0, 40));
        } finally {
          await lm.model.dispose();
        }
      });
    }
  }

  it(`past a ${KV_GROWTH_STEP}-position growth step, reused prefixes, chunked prefill and seeded sampling (tiny-llama-gqa, tiny-llama)`, async () => {
    for (const name of ['tiny-llama-gqa', 'tiny-llama'] as const) {
      const lm = await load(name, 'fp32');
      try {
        const owned = await ownedModel(lm);
        assert.ok(owned);
        const ids = lm.tokenizer.encode(TEXT.repeat(12), { add_special_tokens: false }).slice(0, KV_GROWTH_STEP - 30);
        const long = lm.tokenizer.decode(ids);
        const promptTokens = encode(lm, long).input_ids.dims.at(-1) ?? 0;
        assert.ok(promptTokens < KV_GROWTH_STEP && promptTokens + 60 > KV_GROWTH_STEP, `prompt of ${promptTokens} tokens`);
        const expected = await withTransformers(() => tokens(lm, long, greedy(60)));
        const result = await decode(lm, encode(lm, long), greedy(60), hooks());
        assert.deepEqual(result.sequence, expected);
        assert.ok(result.cache instanceof CapacityKv && result.cache.capacity === promptTokens + 60, 'a fresh buffer holds exactly prompt + new tokens');

        const cache = new PrefixCache(64 * 2 ** 20);
        const grown = await complete(lm, 'm', cache, completeParams(long, { maxNewTokens: 60, minNewTokens: 60 }), 0, hooks());
        const extended = `${long}${grown.completions[0]} more`;
        const bytesBefore = cache.totalBytes;
        const reused = await complete(lm, 'm', cache, completeParams(extended), 0, hooks());
        assert.ok(cache.totalBytes >= (bytesBefore * (promptTokens + 60 + KV_GROWTH_STEP)) / (promptTokens + 60), 'the buffer grew by a step');
        assert.ok(reused.reusedTokens > KV_GROWTH_STEP - 40 && reused.promptTokens > KV_GROWTH_STEP, `reused ${reused.reusedTokens} of ${reused.promptTokens}`);
        const theirCache = new PrefixCache(64 * 2 ** 20);
        await withTransformers(() => complete(lm, 'm', theirCache, completeParams(long, { maxNewTokens: 60, minNewTokens: 60 }), 0, hooks()));
        const theirs = await withTransformers(() => complete(lm, 'm', theirCache, completeParams(extended), 0, hooks()));
        assert.deepEqual(reused.completions, theirs.completions);

        // A prompt longer than the prefill chunk is fed in pieces: same tokens as one transformers.js run.
        const longer = lm.tokenizer.decode(lm.tokenizer.encode(TEXT.repeat(40), { add_special_tokens: false }).slice(0, prefillChunk() * 2 + 100));
        assert.deepEqual(await tokens(lm, longer, greedy(8)), await withTransformers(() => tokens(lm, longer, greedy(8))));

        const sampled: SamplingParams = { maxNewTokens: 20, temperature: 0.9, topK: 40, topP: 0.9, seed: 7, repetitionPenalty: 1.1 };
        const a = await tokens(lm, TEXT, sampled);
        const b = await tokens(lm, TEXT, sampled);
        assert.deepEqual(a, b);
        const seeds = await Promise.all([8, 9, 10].map(async (seed) => (await tokens(lm, TEXT, { ...sampled, seed })).join()));
        assert.ok(seeds.some((s) => s !== a.join()), 'other seeds never changed the sampled text');
      } finally {
        await lm.model.dispose();
      }
    }
  });

  it('GroupQueryAttention writes the new positions into the buffer passed as past and present (past_present_share_buffer)', async () => {
    const lm = await load('tiny-llama-gqa', 'fp32', false);
    try {
      const owned = await ownedModel(lm);
      assert.equal(owned?.mode, 'shared');
      const kv = new SharedKv(owned!.layout, 16);
      const { kvHeads, headDim } = owned!.layout;
      const feeds: Record<string, OrtTensor> = {
        input_ids: new OrtTensor('int64', BigInt64Array.from([1n, 5n, 7n]), [1, 3]),
        attention_mask: new OrtTensor('int64', BigInt64Array.from([1n, 1n, 1n]), [1, 3]),
      };
      const fetches: Record<string, OrtTensor | null> = { logits: null };
      kv.bind(feeds, fetches);
      const buffer = feeds['past_key_values.0.key']!.data as Float32Array;
      buffer.fill(7);
      await owned!.session.run(feeds, fetches);
      // Written in place: the 3 new positions of each head changed, the rest of the capacity is untouched
      // (a present allocated by onnxruntime and copied back would not hold the 7s).
      for (let head = 0; head < kvHeads; head++) {
        const at = head * kv.capacity * headDim;
        assert.ok(buffer.subarray(at, at + 3 * headDim).every((v) => v !== 7), `head ${head} positions 0-2 not written`);
        assert.ok(buffer.subarray(at + 3 * headDim, at + kv.capacity * headDim).every((v) => v === 7), `head ${head} beyond position 2 touched`);
      }
    } finally {
      await lm.model.dispose();
    }
  });
});
