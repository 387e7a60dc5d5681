// The generated test models have the graphs of the real hub exports: onnxruntime-genai's builder
// (GroupQueryAttention, SkipSimplifiedLayerNormalization, no position_ids, last-token logits, MatMulNBits),
// ONNX external data, and 8-bit files named _int8 / _uint8.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { DataType } from '../fixtures/onnxBuilder';
import { defaultFixtureNames, ensureFixture, FIXTURES } from '../fixtures/generate';
import { opsOf, producer, readGraph, type GraphSummary } from './onnxGraph';

const TINY = FIXTURES['tiny-llama'].params as { layers: number; heads: number; kvHeads: number; headDim: number; vocab: number; maxPositions: number };
const pastNames = Array.from({ length: TINY.layers }, (_, i) => [`past_key_values.${i}.key`, `past_key_values.${i}.value`]).flat();

/** The int8/uint8 weight matrix a MatMulInteger node multiplies by. */
function integerWeights(g: GraphSummary): number[] {
  return g.nodes.filter((n) => n.op === 'MatMulInteger').map((n) => g.initializers.get(n.inputs[1] ?? '')?.dataType ?? -1);
}

describe('onnxruntime-genai builder shape (tiny-llama-gqa)', () => {
  let dir: string;
  before(async () => {
    dir = await ensureFixture('tiny-llama-gqa');
  });

  for (const file of ['model.onnx', 'model_q4.onnx', 'model_int8.onnx', 'model_uint8.onnx']) {
    it(`${file}: inputs and outputs as the builder names them, no position_ids, last-token logits`, () => {
      const g = readGraph(path.join(dir, 'onnx', file));
      assert.deepEqual(Object.keys(g.inputs), ['input_ids', 'attention_mask', ...pastNames]);
      assert.deepEqual(g.inputs['attention_mask'], ['batch_size', 'total_sequence_length']);
      for (const name of pastNames) assert.deepEqual(g.inputs[name], ['batch_size', TINY.kvHeads, 'past_sequence_length', TINY.headDim]);
      assert.deepEqual(g.outputs['logits'], ['batch_size', 1, TINY.vocab]);
      for (const name of pastNames.map((n) => n.replace('past_key_values', 'present'))) {
        assert.deepEqual(g.outputs[name], ['batch_size', TINY.kvHeads, 'total_sequence_length', TINY.headDim]);
      }
      assert.ok(g.opsetDomains.includes('com.microsoft'));
    });

    it(`${file}: GroupQueryAttention with rotary caches, seqlens_k and total_sequence_length from the mask`, () => {
      const g = readGraph(path.join(dir, 'onnx', file));
      const gqa = g.nodes.filter((n) => n.op === 'GroupQueryAttention');
      assert.equal(gqa.length, TINY.layers);
      for (const node of gqa) {
        assert.equal(node.domain, 'com.microsoft');
        assert.equal(node.attrs['do_rotary'], 1);
        assert.equal(node.attrs['rotary_interleaved'], 0);
        assert.equal(node.attrs['num_heads'], TINY.heads);
        assert.equal(node.attrs['kv_num_heads'], TINY.kvHeads);
        assert.equal(node.attrs['scale'], 1 / Math.sqrt(TINY.headDim));
        const [qkv, key, value, , , seqlensK, total, cos, sin] = node.inputs;
        assert.ok(qkv && key === '' && value === '', 'Q, K and V arrive packed in one input');
        assert.deepEqual([cos, sin], ['cos_cache', 'sin_cache']);
        const seqlens = producer(g, seqlensK ?? '');
        assert.equal(seqlens?.op, 'Cast');
        assert.equal(seqlens?.attrs['to'], DataType.INT32);
        const sub = producer(g, seqlens?.inputs[0] ?? '');
        assert.equal(sub?.op, 'Sub');
        assert.deepEqual(producer(g, sub?.inputs[0] ?? '')?.inputs[0], 'attention_mask'); // ReduceSum(attention_mask) - 1
        const totalCast = producer(g, total ?? '');
        assert.equal(totalCast?.attrs['to'], DataType.INT32);
        assert.equal(producer(g, producer(g, totalCast?.inputs[0] ?? '')?.inputs[0] ?? '')?.inputs[0], 'attention_mask');
      }
      for (const cache of ['cos_cache', 'sin_cache']) assert.deepEqual(g.initializers.get(cache)?.dims, [TINY.maxPositions, TINY.headDim / 2]);
    });

    it(`${file}: SimplifiedLayerNormalization then SkipSimplifiedLayerNormalization, logits from the last position only`, () => {
      const g = readGraph(path.join(dir, 'onnx', file));
      assert.equal(g.nodes.filter((n) => n.op === 'SimplifiedLayerNormalization').length, 1);
      const skip = g.nodes.filter((n) => n.op === 'SkipSimplifiedLayerNormalization');
      assert.equal(skip.length, 2 * TINY.layers);
      assert.ok(skip.every((n) => n.domain === 'com.microsoft'));
      const ops = opsOf(g);
      for (const plain of ['ReduceMean', 'Sqrt', 'Softmax', 'Cos', 'Sin']) assert.ok(!ops.has(plain), `${plain} in the graph`);
      let head = producer(g, 'logits');
      while (head && head.op !== 'Unsqueeze') head = producer(g, head.inputs[0] ?? '');
      const gather = producer(g, head?.inputs[0] ?? '');
      assert.equal(gather?.op, 'Gather');
      assert.equal(gather?.attrs['axis'], 1);
    });
  }

  it('model_q4.onnx: every MatMul is MatMulNBits, 4 bits in blocks of 32, accuracy_level 4', () => {
    const g = readGraph(path.join(dir, 'onnx', 'model_q4.onnx'));
    const nbits = g.nodes.filter((n) => n.op === 'MatMulNBits');
    assert.equal(nbits.length, TINY.layers * 5 + 1); // qkv, o, gate, up, down per layer + lm_head
    for (const n of nbits) assert.deepEqual([n.domain, n.attrs['bits'], n.attrs['block_size'], n.attrs['accuracy_level']], ['com.microsoft', 4, 32, 4]);
    assert.ok(!opsOf(g).has('MatMul'));
  });

  it('model_int8.onnx and model_uint8.onnx: DynamicQuantizeLinear + MatMulInteger with int8 / uint8 weights', () => {
    const int8 = readGraph(path.join(dir, 'onnx', 'model_int8.onnx'));
    const uint8 = readGraph(path.join(dir, 'onnx', 'model_uint8.onnx'));
    for (const g of [int8, uint8]) assert.ok(opsOf(g).has('DynamicQuantizeLinear') && !opsOf(g).has('MatMul'));
    assert.deepEqual(new Set(integerWeights(int8)), new Set([DataType.INT8]));
    assert.deepEqual(new Set(integerWeights(uint8)), new Set([DataType.UINT8]));
    assert.ok(uint8.nodes.filter((n) => n.op === 'MatMulInteger').every((n) => n.inputs.length === 4), 'uint8 weights carry zero points');
  });
});

describe('plain q4 (tiny-llama) leaves accuracy_level unset', () => {
  it('MatMulNBits without accuracy_level', async () => {
    const g = readGraph(path.join(await ensureFixture('tiny-llama'), 'onnx', 'model_q4.onnx'));
    const nbits = g.nodes.filter((n) => n.op === 'MatMulNBits');
    assert.ok(nbits.length > 0 && nbits.every((n) => !('accuracy_level' in n.attrs) && n.attrs['block_size'] === 32));
  });
});

describe('external data shape (tiny-llama-external)', () => {
  it('model.onnx keeps the graph; the weights are in model.onnx_data, back to back', async () => {
    const dir = await ensureFixture('tiny-llama-external');
    const g = readGraph(path.join(dir, 'onnx', 'model.onnx'));
    const external = [...g.initializers.values()].filter((t) => t.external).sort((a, b) => (a.external?.offset ?? 0) - (b.external?.offset ?? 0));
    assert.ok(external.length >= TINY.layers * 7 + 1, `only ${external.length} external tensors`);
    let offset = 0;
    for (const t of external) {
      assert.equal(t.external?.location, 'model.onnx_data');
      assert.equal(t.external?.offset, offset, t.name);
      assert.equal(t.external?.length, t.dims.reduce((a, b) => a * b, 1) * 4, t.name);
      offset += t.external?.length ?? 0;
    }
    assert.equal(statSync(path.join(dir, 'onnx', 'model.onnx_data')).size, offset);
    assert.ok(statSync(path.join(dir, 'onnx', 'model.onnx')).size < offset / 10);
    assert.ok('position_ids' in g.inputs && 'num_logits_to_keep' in g.inputs, 'the plain (optimum) graph');
    for (const file of ['model_int8.onnx', 'model_uint8.onnx', 'model_q4.onnx']) assert.ok(statSync(path.join(dir, 'onnx', file)).size > 0);
  });
});

describe('real-dimension GQA q4 and q8 models for benchmarks', () => {
  it('are opt-in (never generated by default or by these tests) and have SmolLM2-135M / -360M dimensions', () => {
    assert.ok(!defaultFixtureNames().some((n) => n.includes('gqa') && n.startsWith('smollm2')));
    const dims = (name: 'smollm2-135m-gqa' | 'smollm2-360m-gqa') => {
      const spec = FIXTURES[name];
      assert.equal(spec.optIn, true);
      assert.deepEqual(spec.precisions, ['q4', 'q8']);
      const p = spec.params as typeof TINY & { hidden: number; intermediate: number };
      return [p.layers, p.hidden, p.intermediate, p.heads, p.kvHeads, p.headDim, p.vocab];
    };
    assert.deepEqual(dims('smollm2-135m-gqa'), [30, 576, 1536, 9, 3, 64, 49152]);
    assert.deepEqual(dims('smollm2-360m-gqa'), [32, 960, 2560, 15, 5, 64, 49152]);
  });
});
