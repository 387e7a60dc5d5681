/**
 * The load-time decoder graph edit (src/runner/decode/onnxGraphEdit.ts, editedSession.ts)
 * on generated fixtures with real onnxruntime-node sessions: the edited graph computes
 * what the original does, its new-row outputs are the last positions of present, a
 * Concat graph reads a capacity buffer only up to the valid length, transformers.js'
 * generate() is unchanged on it, external data still loads, and a graph the edit does
 * not recognise loads as it is, with a log line.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { AutoModelForCausalLM, AutoTokenizer, type PreTrainedModel } from '@huggingface/transformers';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { withDecoderEdit } from '../../src/runner/decode/editedSession';
import { editDecoderGraph, GraphEditRefused, newRowsName } from '../../src/runner/decode/onnxGraphEdit';
import { readNode } from '../../src/runner/decode/onnxMessages';
import { withProtoFile } from '../../src/runner/decode/protoFile';
import { bufferSource, spans } from '../../src/runner/decode/protobuf';
import { externalDataFormat, onnxFiles } from '../../src/runner/modelFiles';
import { ensureFixture, type FixtureName } from '../fixtures/generate';

type Variant = 'fp32' | 'q8' | 'q4' | 'int8';

async function fixtureFile(name: FixtureName, dtype: Variant): Promise<{ folder: string; file: string }> {
  const folder = await ensureFixture(name);
  return { folder, file: path.join(folder, onnxFiles('text-generation', dtype)[0]!) };
}

/** Feeds for 3 new tokens after `past` valid positions held in buffers of `capacity` positions (deterministic values). */
function feeds(session: InferenceSession, past: number, capacity: number): Record<string, Tensor> {
  const meta = (session as unknown as { inputMetadata: { name: string; shape: (number | string)[] }[] }).inputMetadata;
  const shape = meta.find((m) => m.name === 'past_key_values.0.key')!.shape;
  const [heads, headDim] = [Number(shape[1]), Number(shape[3])];
  const n = 3;
  const f: Record<string, Tensor> = {
    input_ids: new Tensor('int64', BigInt64Array.from([3n, 4n, 5n]), [1, n]),
    attention_mask: new Tensor('int64', new BigInt64Array(past + n).fill(1n), [1, past + n]),
  };
  if (session.inputNames.includes('position_ids')) f['position_ids'] = new Tensor('int64', BigInt64Array.from([0, 1, 2], (i) => BigInt(past + i)), [1, n]);
  if (session.inputNames.includes('num_logits_to_keep')) f['num_logits_to_keep'] = new Tensor('int64', BigInt64Array.from([1n]), []);
  for (const name of session.inputNames.filter((i) => i.startsWith('past_key_values.'))) {
    const data = new Float32Array(heads * capacity * headDim).fill(9); // positions past the valid ones must not be read
    const seed = name.length + (name.endsWith('key') ? 0 : 1);
    for (let h = 0; h < heads; h++) for (let p = 0; p < past; p++) for (let d = 0; d < headDim; d++) data[(h * capacity + p) * headDim + d] = Math.sin(seed + h * 3 + p + d * 0.1);
    f[name] = new Tensor('float32', data, [1, heads, capacity, headDim]);
  }
  return f;
}

/** The last `n` positions of each head of a [1, heads, total, headDim] tensor. */
function lastRows(t: Tensor, n: number): Float32Array {
  const [, heads, total, headDim] = t.dims.map(Number) as [number, number, number, number];
  const out = new Float32Array(heads * n * headDim);
  const data = t.data as Float32Array;
  for (let h = 0; h < heads; h++) out.set(data.subarray((h * total + total - n) * headDim, (h * total + total) * headDim), h * n * headDim);
  return out;
}

async function generateIds(folder: string, dtype: Variant, edited: boolean): Promise<bigint[]> {
  const external = externalDataFormat(folder, 'text-generation', dtype);
  const options = { dtype, device: 'cpu' as const, local_files_only: true, ...(external ? { use_external_data_format: external } : {}) };
  const tokenizer = await AutoTokenizer.from_pretrained(folder, options);
  const loadModel = () => AutoModelForCausalLM.from_pretrained(folder, options);
  const model: PreTrainedModel = edited ? await withDecoderEdit(path.join(folder, onnxFiles('text-generation', dtype)[0]!), loadModel) : await loadModel();
  try {
    const outputNames = (model as unknown as { sessions: Record<string, InferenceSession> }).sessions['model']!.outputNames;
    assert.equal(outputNames.includes(newRowsName(0, 'key')), edited);
    const inputs = tokenizer('Inkwell writes along with you. It runs a small model on your own machine and');
    const out = (await model.generate({ ...inputs, max_new_tokens: 12, min_new_tokens: 12, do_sample: false })) as { tolist(): bigint[][] };
    return out.tolist()[0]!;
  } finally {
    await model.dispose();
  }
}

describe('decoder graph edit (real onnxruntime-node, generated models)', () => {
  const cases: [FixtureName, Variant, boolean][] = [
    ['tiny-llama', 'fp32', true],
    ['tiny-llama', 'q4', true],
    ['tiny-llama-gqa', 'fp32', false],
    ['tiny-llama-gqa', 'int8', false],
  ];
  for (const [name, dtype, slicedPast] of cases) {
    it(`${name} (${dtype}): same logits as the original from a capacity buffer; inkwell_new.* = the last rows of present`, async () => {
      const { file } = await fixtureFile(name, dtype);
      const edit = editDecoderGraph(readFileSync(file));
      assert.equal(edit.slicedPast, slicedPast);
      const original = await InferenceSession.create(file);
      const edited = await InferenceSession.create(edit.bytes);
      try {
        assert.deepEqual(edited.inputNames, original.inputNames);
        const reference = await original.run(feeds(original, 5, 5));
        const newNames = Array.from({ length: edit.layers }, (_, i) => [newRowsName(i, 'key'), newRowsName(i, 'value')]).flat();
        const result = await edited.run(feeds(edited, 5, 12), ['logits', ...newNames]);
        assert.deepEqual(Object.keys(result).sort(), ['logits', ...newNames].sort(), 'only what was fetched comes back');
        assert.deepEqual(result['logits']!.data, reference['logits']!.data);
        for (const name of newNames) {
          const present = reference[name.replace('inkwell_new.', 'present.')]!;
          assert.deepEqual(result[name]!.dims, [1, present.dims[1], 3, present.dims[3]]);
          assert.deepEqual(result[name]!.data, lastRows(present, 3), name);
        }
        // Fed as transformers.js feeds it (exact-length past), every original output is unchanged.
        const exact = await edited.run(feeds(edited, 5, 5));
        for (const name of original.outputNames) assert.deepEqual(exact[name]!.data, reference[name]!.data, name);
      } finally {
        await Promise.all([original.release(), edited.release()]);
      }
    });
  }

  for (const [name, dtype] of [['tiny-llama', 'q8'], ['tiny-llama-gqa', 'fp32'], ['tiny-llama-external', 'fp32']] as const) {
    it(`${name} (${dtype}): transformers.js generate() on the edited graph gives the unedited tokens${name.endsWith('external') ? ' (weights in external data, model loaded from bytes)' : ''}`, async () => {
      const folder = await ensureFixture(name);
      assert.deepEqual(await generateIds(folder, dtype, true), await generateIds(folder, dtype, false));
    });
  }

  it('a graph it does not recognise loads unedited with one log line; other files and later loads are untouched', async (t) => {
    const logged = t.mock.method(console, 'error', () => undefined);
    const folder = await ensureFixture('tiny-bert-sentiment');
    const file = path.join(folder, 'onnx', 'model.onnx');
    assert.throws(() => editDecoderGraph(readFileSync(file)), GraphEditRefused);
    const create = InferenceSession.create;
    const session = await withDecoderEdit(file, () => InferenceSession.create(file));
    assert.equal(InferenceSession.create, create, 'the wrapper is removed after the load');
    const unedited = () => logged.mock.calls.map((c) => String(c.arguments[0])).filter((l) => l.includes('unedited'));
    assert.equal(unedited().length, 1);
    assert.match(unedited()[0]!, /loading model\.onnx unedited.*past_key_values/);
    assert.ok(!session.outputNames.some((n) => n.startsWith('inkwell_')));
    await session.release();

    // While a decoder loads edited, another file (an encoder here) goes through as it is, without a log line.
    const { file: decoder } = await fixtureFile('tiny-llama', 'fp32');
    const [edited, other] = await withDecoderEdit(decoder, () => Promise.all([InferenceSession.create(decoder), InferenceSession.create(file)]));
    assert.ok(edited.outputNames.includes(newRowsName(0, 'key')));
    assert.ok(!other.outputNames.some((n) => n.startsWith('inkwell_')));
    assert.equal(unedited().length, 1);
    assert.ok(logged.mock.calls.some((c) => /model\.onnx edited to decode with a fixed-size cache/.test(String(c.arguments[0]))));
    await Promise.all([edited.release(), other.release()]);
    const plain = await InferenceSession.create(decoder);
    assert.ok(!plain.outputNames.some((n) => n.startsWith('inkwell_')), 'outside withDecoderEdit the file loads as it is');
    await plain.release();
  });

  it('read from the file, the edited graph refers to the weights in it (external data) instead of copying them', async () => {
    const { folder, file } = await fixtureFile('tiny-llama', 'fp32');
    const edit = withProtoFile(file, (source) => editDecoderGraph(source, { weightsFile: path.basename(file) }));
    const size = readFileSync(file).length;
    assert.ok(edit.bytes.length < size / 4, `${edit.bytes.length} of ${size} bytes`);
    // The fixture names its cache outputs through Identity nodes (a copy of the cache per run); the edit removes them.
    const presentIdentities = (model: Uint8Array) => {
      const source = bufferSource(model);
      const graph = spans(source, 0, source.size).find((f) => f.no === 7)!;
      const nodes = spans(source, graph.payloadStart, graph.end).filter((f) => f.no === 1).map((f) => readNode(source.bytes(f.payloadStart, f.end)));
      return nodes.filter((n) => n.opType === 'Identity' && n.outputs.some((o) => o.startsWith('present.'))).length;
    };
    assert.ok(presentIdentities(readFileSync(file)) > 0);
    assert.equal(presentIdentities(edit.bytes), 0);
    const original = await InferenceSession.create(file);
    const edited = await InferenceSession.create(edit.bytes, { extra: { session: { model_external_initializers_file_folder_path: path.join(folder, 'onnx') } } });
    try {
      const [a, b] = [await original.run(feeds(original, 5, 5)), await edited.run(feeds(edited, 5, 9), ['logits'])];
      assert.deepEqual(b['logits']!.data, a['logits']!.data);
    } finally {
      await Promise.all([original.release(), edited.release()]);
    }
  });

  it('refuses an already edited graph', async () => {
    const { file } = await fixtureFile('tiny-llama', 'fp32');
    const once = editDecoderGraph(readFileSync(file)).bytes;
    assert.throws(() => editDecoderGraph(once), /already edited/);
  });
});
