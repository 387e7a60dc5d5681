/**
 * The hub's other names for 8-bit weights: a repository (or local folder) whose
 * 8-bit file is `model_int8.onnx` or `model_uint8.onnx` instead of
 * `model_quantized.onnx` downloads and loads as q8 under that name; one with
 * only half-precision weights fails with a message that says why.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Methods, RunnerErrorCode, type GenerateParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { HubServer, startHubRunner, type HubRunner } from './hubServer';

const INT8 = 'test-org/tiny-llama-int8';
const HALF = 'test-org/half-precision-only';
type Coded = Error & { code?: number };

/** A copy of `source` whose onnx/ holds the given files, each copied from a file of `source`. */
function variantCopy(source: string, dest: string, files: Record<string, string>): string {
  cpSync(source, dest, { recursive: true, filter: (f) => !f.includes(`${path.sep}onnx${path.sep}`) });
  for (const [to, from] of Object.entries(files)) copyFileSync(path.join(source, 'onnx', from), path.join(dest, 'onnx', to));
  return dest;
}

describe('8-bit weights named _int8 / _uint8, and half-precision-only models (real runner)', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'inkwell-naming-'));
  let plain = '';
  let hub: HubServer;
  let runner: HubRunner;
  const greedy = (model: string, dtype: GenerateParams['dtype']): GenerateParams => ({ model, dtype, prompt: 'Once upon a time', maxNewTokens: 10, minNewTokens: 10 });

  before(async () => {
    plain = await ensureFixture('tiny-llama');
    const int8 = variantCopy(plain, path.join(work, 'int8'), { 'model.onnx': 'model.onnx', 'model_int8.onnx': 'model_quantized.onnx', 'model_uint8.onnx': 'model_quantized.onnx' });
    const half = variantCopy(plain, path.join(work, 'half'), { 'model_fp16.onnx': 'model.onnx', 'model_q4f16.onnx': 'model_q4.onnx' });
    hub = await HubServer.start({ [INT8]: int8, [HALF]: half });
    runner = startHubRunner(hub, { cacheDir: path.join(work, 'cache') });
  });
  after(async () => {
    await runner.client.dispose();
    await hub.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('q8 downloads model_int8.onnx when the repository has no model_quantized.onnx, and generates as q8 does', async () => {
    const result = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: INT8, dtype: 'q8' });
    assert.deepEqual([result.dtype, result.variant], ['q8', 'int8']);
    assert.equal(hub.requestsFor('model_uint8.onnx').length + hub.requestsFor('model.onnx').length, 0, 'only the one 8-bit file is fetched');
    const expected = await runner.client.request(Methods.generate, greedy(plain, 'q8'));
    const int8 = await runner.client.request(Methods.generate, greedy(INT8, 'q8'));
    assert.equal(int8.text, expected.text);
    const info = await runner.client.request(Methods.modelInfo, { model: INT8, task: 'text-generation' });
    assert.deepEqual([info.dtypes, info.downloaded], [['q8', 'fp32'], ['q8']]);
  });

  it('auto on a local folder picks its 8-bit file and logs which', async () => {
    const loaded = await runner.client.request(Methods.loadModel, { task: 'instruction', model: path.join(work, 'int8'), dtype: 'auto' });
    assert.deepEqual([loaded.dtype, loaded.variant], ['q8', 'int8']);
    assert.match(runner.logs.join('\n'), /auto chose q8 \(onnx\/model_int8\.onnx\)/);
  });

  it('a repository or folder with only fp16 / q4f16 weights is refused with the reason', async () => {
    const reason = /only half-precision weights \(fp16, q4f16\), made for GPUs; Inkwell runs models on the CPU/;
    for (const request of [
      () => runner.client.request(Methods.downloadModel, { task: 'text-generation', model: HALF, dtype: 'auto' }),
      () => runner.client.request(Methods.downloadModel, { task: 'text-generation', model: HALF, dtype: 'q4' }),
      () => runner.client.request(Methods.loadModel, { task: 'text-generation', model: path.join(work, 'half'), dtype: 'auto' }),
    ]) {
      await assert.rejects(request(), (err: Coded) => err.code === RunnerErrorCode.ModelNotFound && reason.test(err.message));
    }
    assert.equal(hub.requestsFor('model_fp16.onnx').length, 0);
  });
});
