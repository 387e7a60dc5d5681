// Writes a generated Llama fixture (test/fixtures/genaiLlama.ts) as a llama-architecture GGUF that
// llama.cpp loads: the same seeded weights (regenerated from the fixture's parameters, not parsed from
// ONNX), its byte-level BPE vocabulary and merges as tokenizer.ggml.* ("gpt2"), in F32, Q8_0 or Q4_0.
//
// Weight layout: the fixture multiplies x @ W with W [in, out]; ggml stores W^T (dims [in, out] in
// ggml order, i.e. rows of `in` values). Q and K rows are permuted per head as llama.cpp's
// convert_hf_to_gguf.py does, because llama.cpp's "llama" rope rotates interleaved pairs (2i, 2i+1)
// while the fixture's GroupQueryAttention rotates halves (i, i + headDim/2).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DAMPING, type LlamaParams } from '../../fixtures/llama';
import { unreadableByteTokens } from '../../fixtures/tokenizer';
import { randomTensor, scaleRows, transpose } from '../../fixtures/weights';
import { encodeQ4_0, encodeQ8_0 } from './ggmlBlocks';
import { GgmlType, kv, writeGguf, type GgufTensor, type GgufValue } from './gguf';

export type GgufDtype = 'F32' | 'Q8_0' | 'Q4_0';
const TYPE: Record<GgufDtype, GgmlType> = { F32: GgmlType.F32, Q8_0: GgmlType.Q8_0, Q4_0: GgmlType.Q4_0 };
/** general.file_type (enum llama_ftype): ALL_F32 0, MOSTLY_Q4_0 2, MOSTLY_Q8_0 7. */
const FILE_TYPE: Record<GgufDtype, number> = { F32: 0, Q8_0: 7, Q4_0: 2 };

/** Reorders the rows of W^T [heads * headDim, in] from rotate-half to interleaved-pair order. */
export function permuteForRope(w: Float32Array, heads: number, headDim: number, rowLength: number): Float32Array {
  const out = new Float32Array(w.length);
  const half = headDim / 2;
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < half; i++) {
      for (let t = 0; t < 2; t++) {
        const from = (h * headDim + t * half + i) * rowLength;
        out.set(w.subarray(from, from + rowLength), (h * headDim + 2 * i + t) * rowLength);
      }
    }
  }
  return out;
}

function encode(values: Float32Array, dtype: GgufDtype): Uint8Array {
  if (dtype === 'Q8_0') return encodeQ8_0(values);
  if (dtype === 'Q4_0') return encodeQ4_0(values);
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

interface TokenizerJson {
  added_tokens: { id: number; content: string }[];
  model: { vocab: Record<string, number>; merges: (string | [string, string])[] };
}

function tokenizerMetadata(folder: string): { metadata: Record<string, GgufValue>; vocab: Map<string, number> } {
  const json = JSON.parse(fs.readFileSync(path.join(folder, 'tokenizer.json'), 'utf8')) as TokenizerJson;
  const config = JSON.parse(fs.readFileSync(path.join(folder, 'config.json'), 'utf8')) as Record<string, number>;
  const vocab = new Map(Object.entries(json.model.vocab));
  const tokens: string[] = [];
  for (const [token, id] of vocab) tokens[id] = token;
  const control = new Set(json.added_tokens.map((t) => t.id));
  return {
    vocab,
    metadata: {
      'tokenizer.ggml.model': kv.str('gpt2'),
      'tokenizer.ggml.pre': kv.str('gpt-2'),
      'tokenizer.ggml.tokens': kv.strings(tokens),
      'tokenizer.ggml.token_type': kv.i32s(tokens.map((_, id) => (control.has(id) ? 3 : 1))),
      'tokenizer.ggml.merges': kv.strings(json.model.merges.map((m) => (Array.isArray(m) ? m.join(' ') : m))),
      'tokenizer.ggml.bos_token_id': kv.u32(config['bos_token_id'] ?? 1),
      'tokenizer.ggml.eos_token_id': kv.u32(config['eos_token_id'] ?? 2),
      'tokenizer.ggml.padding_token_id': kv.u32(config['pad_token_id'] ?? 2),
      'tokenizer.ggml.add_bos_token': kv.bool(false),
      'tokenizer.ggml.add_eos_token': kv.bool(false),
    },
  };
}

function modelMetadata(p: LlamaParams, dtype: GgufDtype, name: string): Record<string, GgufValue> {
  return {
    'general.architecture': kv.str('llama'),
    'general.name': kv.str(name),
    'general.file_type': kv.u32(FILE_TYPE[dtype]),
    'llama.context_length': kv.u32(p.maxPositions),
    'llama.embedding_length': kv.u32(p.hidden),
    'llama.block_count': kv.u32(p.layers),
    'llama.feed_forward_length': kv.u32(p.intermediate),
    'llama.attention.head_count': kv.u32(p.heads),
    'llama.attention.head_count_kv': kv.u32(p.kvHeads),
    'llama.attention.key_length': kv.u32(p.headDim),
    'llama.attention.value_length': kv.u32(p.headDim),
    'llama.rope.dimension_count': kv.u32(p.headDim),
    'llama.rope.freq_base': kv.f32(p.ropeTheta),
    'llama.attention.layer_norm_rms_epsilon': kv.f32(p.rmsEps),
    'llama.vocab_size': kv.u32(p.vocab),
  };
}

/** The fixture's tensors in llama.cpp's names (output.weight absent: tied to token_embd). */
export function llamaTensors(p: LlamaParams, damped: readonly number[], dtype: GgufDtype): GgufTensor[] {
  const type = TYPE[dtype];
  const ones = (name: string): GgufTensor => ({ name, dims: [p.hidden], type: GgmlType.F32, data: () => encode(new Float32Array(p.hidden).fill(1), 'F32') });
  /** A fixture matrix W [inDim, outDim] (x @ W), stored as ggml dims [inDim, outDim]. */
  const matrix = (name: string, key: string, inDim: number, outDim: number, ropeHeads = 0): GgufTensor => ({
    name,
    dims: [inDim, outDim],
    type,
    data: () => {
      const wt = transpose(randomTensor(p.seed, key, inDim * outDim, p.std), inDim, outDim);
      return encode(ropeHeads ? permuteForRope(wt, ropeHeads, p.headDim, inDim) : wt, dtype);
    },
  });
  const tensors: GgufTensor[] = [
    {
      name: 'token_embd.weight',
      dims: [p.hidden, p.vocab],
      type,
      data: () => encode(scaleRows(randomTensor(p.seed, 'model.embed_tokens.weight', p.vocab * p.hidden, p.std), p.hidden, damped, DAMPING), dtype),
    },
  ];
  for (let i = 0; i < p.layers; i++) {
    const key = `model.layers.${i}`;
    const attention = p.heads * p.headDim;
    const kvWidth = p.kvHeads * p.headDim;
    tensors.push(
      ones(`blk.${i}.attn_norm.weight`),
      matrix(`blk.${i}.attn_q.weight`, `${key}.self_attn.q_proj.weight`, p.hidden, attention, p.heads),
      matrix(`blk.${i}.attn_k.weight`, `${key}.self_attn.k_proj.weight`, p.hidden, kvWidth, p.kvHeads),
      matrix(`blk.${i}.attn_v.weight`, `${key}.self_attn.v_proj.weight`, p.hidden, kvWidth),
      matrix(`blk.${i}.attn_output.weight`, `${key}.self_attn.o_proj.weight`, attention, p.hidden),
      ones(`blk.${i}.ffn_norm.weight`),
      matrix(`blk.${i}.ffn_gate.weight`, `${key}.mlp.gate_proj.weight`, p.hidden, p.intermediate),
      matrix(`blk.${i}.ffn_up.weight`, `${key}.mlp.up_proj.weight`, p.hidden, p.intermediate),
      matrix(`blk.${i}.ffn_down.weight`, `${key}.mlp.down_proj.weight`, p.intermediate, p.hidden),
    );
  }
  tensors.push(ones('output_norm.weight'));
  return tensors;
}

interface FixtureStamp {
  name: string;
  hash: string;
  spec: { family: string; params: LlamaParams };
}

/**
 * `<fixture>/gguf/model-<dtype>.gguf`, written unless a copy from the same fixture and the same
 * writer sources exists. Any generated Llama fixture (its `.fixture.json`) without a logit bias: the
 * genai and the plain graph hold the same weights.
 */
export function ggufForFixture(folder: string, dtype: GgufDtype): string {
  const stamp = JSON.parse(fs.readFileSync(path.join(folder, '.fixture.json'), 'utf8')) as FixtureStamp;
  if (stamp.spec.family !== 'llama' || stamp.spec.params.sentenceEndBias) throw new Error(`${stamp.name}: only Llama fixtures without a logit bias are converted`);
  const hash = createHash('sha256').update(stamp.hash).update(dtype);
  for (const source of ['gguf.ts', 'ggmlBlocks.ts', 'ggufFromFixture.ts']) hash.update(fs.readFileSync(path.join(__dirname, source)));
  const digest = hash.digest('hex');
  const file = path.join(folder, 'gguf', `model-${dtype}.gguf`);
  const stampFile = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(stampFile) && JSON.parse(fs.readFileSync(stampFile, 'utf8')).hash === digest) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { metadata, vocab } = tokenizerMetadata(folder);
  const tmp = `${file}.tmp-${process.pid}`;
  writeGguf(tmp, { ...modelMetadata(stamp.spec.params, dtype, stamp.name), ...metadata }, llamaTensors(stamp.spec.params, unreadableByteTokens(vocab), dtype));
  fs.renameSync(tmp, file);
  fs.writeFileSync(stampFile, `${JSON.stringify({ hash: digest })}\n`);
  return file;
}
