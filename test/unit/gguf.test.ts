// The GGUF writer of bench:peer (test/bench/peer/): header, metadata, tensor infos and alignment, ggml's
// Q8_0 / Q4_0 / F16 encodings, and the fixture -> llama.cpp weight layout. Needs no node-llama-cpp.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { decodeQ4_0, decodeQ8_0, encodeQ4_0, encodeQ8_0, fromHalf, Q4_0_BLOCK_BYTES, Q8_0_BLOCK_BYTES, toHalf } from '../bench/peer/ggmlBlocks';
import { GGUF_ALIGNMENT, GgmlType, kv, tensorBytes, writeGguf, type GgufTensor } from '../bench/peer/gguf';
import { llamaTensors, permuteForRope } from '../bench/peer/ggufFromFixture';
import { readGguf } from '../bench/peer/ggufReader';
import { randomTensor } from '../fixtures/weights';

const f32Bytes = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);

function roundTrip(metadata: Parameters<typeof writeGguf>[1], tensors: GgufTensor[]): { bytes: Buffer; size: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkwell-gguf-'));
  try {
    const file = path.join(dir, 'model.gguf');
    const size = writeGguf(file, metadata, tensors);
    assert.equal(statSync(file).size, size);
    return { bytes: readFileSync(file), size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('header: magic "GGUF", version 3, tensor and metadata counts', () => {
  const { bytes } = roundTrip({ 'general.architecture': kv.str('llama') }, [{ name: 'a', dims: [3], type: GgmlType.F32, data: () => f32Bytes([1, 2, 3]) }]);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'GGUF');
  assert.equal(bytes.readUInt32LE(4), 3);
  assert.equal(bytes.readBigUInt64LE(8), 1n); // tensors
  assert.equal(bytes.readBigUInt64LE(16), 2n); // general.alignment + general.architecture
});

test('metadata key/values of every type the writer uses read back unchanged', () => {
  const metadata = {
    'general.architecture': kv.str('llama'),
    'llama.block_count': kv.u32(30),
    'llama.rope.freq_base': kv.f32(100000),
    'llama.attention.layer_norm_rms_epsilon': kv.f32(1e-5),
    'tokenizer.ggml.add_bos_token': kv.bool(false),
    'tokenizer.ggml.tokens': kv.strings(['<|endoftext|>', 'Ġthe', 'é']),
    'tokenizer.ggml.token_type': kv.i32s([3, 1, -1]),
    'some.int': kv.i32(-7),
  };
  const read = readGguf(roundTrip(metadata, []).bytes);
  assert.equal(read.version, 3);
  assert.equal(read.metadata.get('general.alignment'), GGUF_ALIGNMENT);
  assert.equal(read.metadata.get('general.architecture'), 'llama');
  assert.equal(read.metadata.get('llama.block_count'), 30);
  assert.equal(read.metadata.get('llama.rope.freq_base'), 100000);
  assert.equal(read.metadata.get('llama.attention.layer_norm_rms_epsilon'), Math.fround(1e-5));
  assert.equal(read.metadata.get('tokenizer.ggml.add_bos_token'), false);
  assert.deepEqual(read.metadata.get('tokenizer.ggml.tokens'), ['<|endoftext|>', 'Ġthe', 'é']);
  assert.deepEqual(read.metadata.get('tokenizer.ggml.token_type'), [3, 1, -1]);
  assert.equal(read.metadata.get('some.int'), -7);
});

test('tensor infos: ggml dims, types, offsets aligned to 32 bytes, data where the offsets say', () => {
  const a = f32Bytes([1, 2, 3]); // 12 bytes: the next tensor must start at 32
  const q8 = encodeQ8_0(randomTensor(1, 'q8', 64, 0.2));
  const q4 = encodeQ4_0(randomTensor(1, 'q4', 96, 0.2));
  const tensors: GgufTensor[] = [
    { name: 'a', dims: [3], type: GgmlType.F32, data: () => a },
    { name: 'blk.0.attn_q.weight', dims: [32, 2], type: GgmlType.Q8_0, data: () => q8 },
    { name: 'b', dims: [32, 3], type: GgmlType.Q4_0, data: () => q4 },
  ];
  const { bytes, size } = roundTrip({}, tensors);
  const read = readGguf(bytes);
  assert.equal(read.dataStart % GGUF_ALIGNMENT, 0);
  assert.deepEqual(
    read.tensors.map((t) => [t.name, t.dims, t.type, t.offset]),
    [
      ['a', [3], GgmlType.F32, 0],
      ['blk.0.attn_q.weight', [32, 2], GgmlType.Q8_0, 32],
      ['b', [32, 3], GgmlType.Q4_0, 32 + 2 * Q8_0_BLOCK_BYTES + (32 - ((2 * Q8_0_BLOCK_BYTES) % 32))],
    ],
  );
  for (const t of read.tensors) assert.equal(t.offset % GGUF_ALIGNMENT, 0);
  assert.deepEqual([...read.tensors[0]!.data], [...a]);
  assert.deepEqual([...read.tensors[1]!.data], [...q8]);
  assert.deepEqual([...read.tensors[2]!.data], [...q4]);
  assert.equal(size % GGUF_ALIGNMENT, 0);
});

test('a tensor whose data has the wrong length is refused', () => {
  assert.throws(() => roundTrip({}, [{ name: 'x', dims: [4], type: GgmlType.F32, data: () => f32Bytes([1, 2, 3]) }]), /12 bytes of data, expected 16/);
  assert.throws(() => tensorBytes(GgmlType.Q8_0, [48, 2]), /multiple of 32/);
});

test('half precision: exact values, rounding to nearest even, subnormals, overflow', () => {
  for (const v of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, 0.0999755859375]) assert.equal(fromHalf(toHalf(v)), v);
  assert.equal(toHalf(1 + 2 ** -11), toHalf(1)); // halfway: to even
  assert.equal(toHalf(1 + 3 * 2 ** -11), toHalf(1 + 2 ** -9)); // halfway: to even (up)
  assert.equal(toHalf(1e6), 0x7c00);
  assert.equal(toHalf(-0), 0x8000);
  assert.ok(Math.abs(fromHalf(toHalf(0.1)) - 0.1) < 2 ** -13);
});

test('Q8_0 blocks: 34 bytes each, f16 scale max|x|/127, round trip within half a step (plus the f16 rounding of the scale)', () => {
  const values = randomTensor(7, 'q8', 32 * 40, 0.2);
  values[5] = -0.9; // the block's largest magnitude, negative
  const encoded = encodeQ8_0(values);
  assert.equal(encoded.length, 40 * Q8_0_BLOCK_BYTES);
  const view = new DataView(encoded.buffer);
  assert.equal(fromHalf(view.getUint16(0, true)), fromHalf(toHalf(0.9 / 127)));
  assert.equal(view.getInt8(2 + 5), -127);
  const decoded = decodeQ8_0(encoded, values.length);
  for (let b = 0; b < 40; b++) {
    const d = fromHalf(view.getUint16(b * Q8_0_BLOCK_BYTES, true));
    for (let j = 0; j < 32; j++) assert.ok(Math.abs(decoded[b * 32 + j]! - values[b * 32 + j]!) <= d / 2 + (127 * d) / 2 ** 11, `block ${b} value ${j}`);
  }
  assert.throws(() => encodeQ8_0(new Float32Array(33)), /whole number/);
});

test('Q4_0 blocks: 18 bytes each, value j in the low nibble and j + 16 in the high one, round trip within a step', () => {
  const block = Float32Array.from({ length: 32 }, (_, j) => (j - 16) / 16); // largest magnitude: -1 at j = 0
  const encoded = encodeQ4_0(block);
  assert.equal(encoded.length, Q4_0_BLOCK_BYTES);
  assert.equal(fromHalf(new DataView(encoded.buffer).getUint16(0, true)), 1 / 8); // d = max / -8 = -1 / -8
  assert.equal(encoded[2]! & 0x0f, 0); // x[0] = -1 -> -8 + 8
  assert.equal(encoded[2]! >> 4, 8); // x[16] = 0 -> 0 + 8
  assert.deepEqual([...decodeQ4_0(encoded, 32)], [...block].map((v) => Math.min(7, Math.floor(v * 8 + 0.5)) / 8));
  const values = randomTensor(9, 'q4', 32 * 50, 0.2);
  const decoded = decodeQ4_0(encodeQ4_0(values), values.length);
  for (let b = 0; b < 50; b++) {
    let max = 0;
    for (let j = 0; j < 32; j++) max = Math.max(max, Math.abs(values[b * 32 + j]!));
    for (let j = 0; j < 32; j++) assert.ok(Math.abs(decoded[b * 32 + j]! - values[b * 32 + j]!) <= max / 8 + 1e-6, `block ${b} value ${j}`);
  }
});

test('rope permutation: row 2i of a head takes row i, row 2i+1 takes row i + headDim/2', () => {
  const heads = 2;
  const headDim = 4;
  const rows = Float32Array.from({ length: heads * headDim }, (_, r) => r); // rows of length 1
  assert.deepEqual([...permuteForRope(rows, heads, headDim, 1)], [0, 2, 1, 3, 4, 6, 5, 7]);
});

test("the fixture's tensors in llama.cpp's names and ggml dims, norms in F32, weights transposed", () => {
  const p = { layers: 1, hidden: 64, intermediate: 96, heads: 4, kvHeads: 2, headDim: 16, vocab: 40, maxPositions: 64, ropeTheta: 10000, rmsEps: 1e-5, std: 0.2, seed: 3 };
  const tensors = llamaTensors(p, [], 'Q8_0');
  assert.deepEqual(
    tensors.map((t) => `${t.name} ${t.dims.join('x')} ${GgmlType[t.type]}`),
    [
      'token_embd.weight 64x40 Q8_0',
      'blk.0.attn_norm.weight 64 F32',
      'blk.0.attn_q.weight 64x64 Q8_0',
      'blk.0.attn_k.weight 64x32 Q8_0',
      'blk.0.attn_v.weight 64x32 Q8_0',
      'blk.0.attn_output.weight 64x64 Q8_0',
      'blk.0.ffn_norm.weight 64 F32',
      'blk.0.ffn_gate.weight 64x96 Q8_0',
      'blk.0.ffn_up.weight 64x96 Q8_0',
      'blk.0.ffn_down.weight 96x64 Q8_0',
      'output_norm.weight 64 F32',
    ],
  );
  // F32 ffn_down: ggml row o (length intermediate) is column o of the fixture's W [intermediate, hidden].
  const down = llamaTensors(p, [], 'F32').find((t) => t.name === 'blk.0.ffn_down.weight')!;
  const stored = new Float32Array(down.data().slice().buffer);
  const w = randomTensor(p.seed, 'model.layers.0.mlp.down_proj.weight', p.intermediate * p.hidden, p.std);
  for (const [o, i] of [[0, 0], [5, 17], [63, 95]] as const) assert.equal(stored[o * p.intermediate + i], w[i * p.hidden + o]);
});
