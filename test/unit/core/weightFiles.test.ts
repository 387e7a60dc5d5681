import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkIndex, dataChunks, describeVariants, graphPath, resolveVariant, variantsIn } from '../../../src/core/weightFiles';

const CAUSAL = ['model'];
const SEQ2SEQ = ['encoder_model', 'decoder_model_merged'];
const onnx = (...names: string[]) => names.map((n) => `onnx/${n}`);

describe('weight files: the hub names of each precision', () => {
  it('names the file transformers.js 4.x loads for each dtype', () => {
    assert.equal(graphPath('model', 'fp32'), 'onnx/model.onnx');
    assert.equal(graphPath('model', 'q8'), 'onnx/model_quantized.onnx');
    assert.equal(graphPath('model', 'int8'), 'onnx/model_int8.onnx');
    assert.equal(graphPath('model', 'uint8'), 'onnx/model_uint8.onnx');
    assert.equal(graphPath('model', 'q4'), 'onnx/model_q4.onnx');
    assert.equal(graphPath('model', 'bnb4'), 'onnx/model_bnb4.onnx');
    assert.equal(graphPath('model', 'q4f16'), 'onnx/model_q4f16.onnx');
    assert.equal(graphPath('decoder_model_merged', 'fp16'), 'onnx/decoder_model_merged_fp16.onnx');
  });

  it('8-bit is _quantized, else int8, else uint8; 4-bit is q4, else bnb4', () => {
    assert.deepEqual(resolveVariant('q8', ['fp32', 'int8', 'uint8', 'q8']), { precision: 'q8', variant: 'q8' });
    assert.deepEqual(resolveVariant('q8', ['fp32', 'uint8', 'int8']), { precision: 'q8', variant: 'int8' });
    assert.deepEqual(resolveVariant('q8', ['uint8']), { precision: 'q8', variant: 'uint8' });
    assert.deepEqual(resolveVariant('q4', ['bnb4', 'q4f16']), { precision: 'q4', variant: 'bnb4' });
    assert.equal(resolveVariant('q4', ['q4f16', 'fp16']), undefined, 'q4f16 computes in fp16: not run on CPU');
    assert.equal(resolveVariant('q8', ['fp32', 'q4']), undefined);
  });

  it('auto takes the best precision the files really have', () => {
    assert.deepEqual(resolveVariant('auto', ['fp32', 'fp16', 'int8', 'q4', 'q4f16']), { precision: 'q8', variant: 'int8' });
    assert.deepEqual(resolveVariant('auto', ['fp32', 'fp16', 'q4', 'q4f16']), { precision: 'q4', variant: 'q4' });
    assert.deepEqual(resolveVariant('auto', ['fp32', 'fp16']), { precision: 'fp32', variant: 'fp32' });
    assert.equal(resolveVariant('auto', ['fp16', 'q4f16']), undefined);
  });

  it('a variant counts only when every graph of the task has it', () => {
    const files = onnx('encoder_model.onnx', 'decoder_model_merged.onnx', 'encoder_model_quantized.onnx', 'decoder_model_merged_quantized.onnx', 'decoder_model_merged_fp16.onnx');
    assert.deepEqual(variantsIn(files, SEQ2SEQ), ['fp32', 'q8']);
    assert.deepEqual(variantsIn(onnx('decoder_model_merged.onnx', 'decoder_model_merged_quantized.onnx'), CAUSAL), [], 'a merged decoder alone is not a causal LM in transformers.js 3+');
  });

  it('external data: exact chunk names only, gap-free from _data', () => {
    const g = 'onnx/model.onnx';
    assert.equal(chunkIndex(g, 'onnx/model.onnx_data'), 0);
    assert.equal(chunkIndex(g, 'onnx/model.onnx_data_1'), 1);
    assert.equal(chunkIndex(g, 'onnx/model.onnx_data_12'), 12);
    for (const bad of ['onnx/model.onnx_data/../../../x', 'onnx/model.onnx_data_', 'onnx/model.onnx_data_01', 'onnx/model.onnx_data.zstd', 'onnx/model.onnx_data_1/x', 'onnx/model.onnx', 'onnx/model.onnx_dat']) {
      assert.equal(chunkIndex(g, bad), undefined, bad);
    }
    assert.deepEqual(dataChunks(g, onnx('model.onnx_data_1', 'model.onnx_data', 'model.onnx_data_3', 'model_q4.onnx_data')), onnx('model.onnx_data', 'model.onnx_data_1'));
    assert.deepEqual(dataChunks(g, onnx('model.onnx_data_1')), [], 'chunk 1 without chunk 0 is not loadable');
  });

  it('says what a repository has, and why half-precision-only repositories do not run', () => {
    assert.equal(describeVariants(['fp32', 'int8', 'uint8', 'q4f16'], 'text-generation'), 'It has: q8 (int8, uint8), fp32.');
    assert.match(describeVariants(['fp16', 'q4f16'], 'text-generation'), /only half-precision weights \(fp16, q4f16\), made for GPUs.*CPU/);
    assert.match(describeVariants([], 'summarization'), /no ONNX weights for summarization/);
  });
});
