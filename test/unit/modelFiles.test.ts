import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dtypesIn, selectFiles } from '../../src/runner/download/fileSelection';
import { libraryDtype, onnxFiles } from '../../src/runner/modelFiles';

const configs = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

describe('8-bit weights under the hub names _quantized, _int8 and _uint8', () => {
  it('q8 prefers model_quantized.onnx, then model_int8.onnx, then model_uint8.onnx, and tells transformers.js which', () => {
    const all = ['onnx/model_quantized.onnx', 'onnx/model_int8.onnx', 'onnx/model_uint8.onnx'];
    assert.deepEqual(onnxFiles('text-generation', 'q8', all), ['onnx/model_quantized.onnx']);
    assert.equal(libraryDtype('text-generation', 'q8', all), 'q8');
    assert.deepEqual(onnxFiles('text-generation', 'q8', all.slice(1)), ['onnx/model_int8.onnx']);
    assert.equal(libraryDtype('text-generation', 'q8', all.slice(1)), 'int8');
    assert.deepEqual(onnxFiles('text-generation', 'q8', all.slice(2)), ['onnx/model_uint8.onnx']);
    assert.equal(libraryDtype('text-generation', 'q8', all.slice(2)), 'uint8');
    assert.deepEqual(onnxFiles('text-generation', 'q8'), ['onnx/model_quantized.onnx'], 'no listing: the usual name');
    assert.equal(libraryDtype('text-generation', 'q4', ['onnx/model_q4.onnx']), 'q4');
  });

  it('an encoder-decoder needs both graphs in one naming', () => {
    const mixed = ['onnx/encoder_model_int8.onnx', 'onnx/decoder_model_merged_uint8.onnx'];
    assert.deepEqual(dtypesIn(mixed, 'summarization'), []);
    const int8 = ['onnx/encoder_model_int8.onnx', 'onnx/decoder_model_merged_int8.onnx'];
    assert.deepEqual(onnxFiles('summarization', 'q8', int8), int8);
  });

  it('downloads pick the int8 file (and external data of the fp32 graph) from a listing', () => {
    const remote = [...configs, 'onnx/model.onnx', 'onnx/model.onnx_data', 'onnx/model_int8.onnx', 'onnx/model_uint8.onnx', 'onnx/model_q4.onnx'].map((p) => ({ path: p, size: 1 }));
    assert.deepEqual(dtypesIn(remote.map((f) => f.path), 'text-generation'), ['q8', 'q4', 'fp32']);
    const onnx = (dtype: 'q8' | 'fp32') => selectFiles('m', remote, 'text-generation', dtype).map((f) => f.path).filter((p) => p.startsWith('onnx/'));
    assert.deepEqual(onnx('q8'), ['onnx/model_int8.onnx']);
    assert.deepEqual(onnx('fp32'), ['onnx/model.onnx', 'onnx/model.onnx_data']);
  });
});
