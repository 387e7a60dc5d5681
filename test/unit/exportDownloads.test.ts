// The export-shaped test models download from the local hub through the runner's downloader (only the
// files the dtype needs, sha256 checked, external data included) and generate what the local folders do.
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Methods, type Dtype } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { HubServer, startHubRunner, type HubRunner } from './hubServer';

const GQA = 'test-org/tiny-llama-gqa';
const EXTERNAL = 'test-org/tiny-llama-external';
const PROMPT = 'The quick brown fox jumps over the lazy dog, and the';

function onnxFilesIn(folder: string): string[] {
  return readdirSync(path.join(folder, 'onnx')).sort();
}

describe('export-shaped models from a local hub (real runner, real downloader)', () => {
  let hub: HubServer;
  let runner: HubRunner;
  const local: Record<string, string> = {};
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'inkwell-shapes-'));
  const fetched = (model: string, file: string) => hub.requests.filter((r) => r === `/cdn/${model}/resolve/main/onnx/${file}` || r === `/${model}/resolve/main/onnx/${file}`).length;

  before(async () => {
    local[GQA] = await ensureFixture('tiny-llama-gqa');
    local[EXTERNAL] = await ensureFixture('tiny-llama-external');
    hub = await HubServer.start(local);
    runner = startHubRunner(hub, { cacheDir });
  });
  after(async () => {
    await runner.client.dispose();
    await hub.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const greedy = async (model: string, dtype: Dtype) =>
    (await runner.client.request(Methods.generate, { model, dtype, prompt: PROMPT, maxNewTokens: 16, minNewTokens: 16 })).text;

  it('the GQA q4 file downloads alone and generates what the local folder generates', async () => {
    const result = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: GQA, dtype: 'q4' });
    assert.equal(result.dtype, 'q4');
    assert.deepEqual(onnxFilesIn(path.join(cacheDir, GQA)), ['model_q4.onnx']);
    const fromCache = await greedy(GQA, 'q4');
    assert.equal(fromCache, await greedy(local[GQA] ?? '', 'q4'));
  });

  it('q8 of a repo without model_quantized.onnx fetches model_int8.onnx, and only that', async () => {
    const info = await runner.client.request(Methods.modelInfo, { model: GQA, task: 'text-generation' });
    assert.deepEqual(info.dtypes, ['q8', 'q4', 'fp32']);
    assert.ok((info.sizes.q8 ?? 0) > 0 && (info.sizes.q8 ?? 0) < (info.sizes.fp32 ?? 0));
    const loaded = await runner.client.request(Methods.loadModel, { task: 'text-generation', model: GQA, dtype: 'q8' });
    assert.equal(loaded.dtype, 'q8');
    assert.deepEqual(onnxFilesIn(path.join(cacheDir, GQA)), ['model_int8.onnx', 'model_q4.onnx']);
    assert.equal(fetched(GQA, 'model_uint8.onnx'), 0);
    assert.equal(await greedy(GQA, 'q8'), await greedy(local[GQA] ?? '', 'q8'));
  });

  it('fp32 with external data fetches model.onnx and model.onnx_data, re-fetching data whose sha256 is wrong', async () => {
    hub.misbehave.set(`${EXTERNAL}/onnx/model.onnx_data`, { corrupt: 1 });
    const result = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: EXTERNAL, dtype: 'fp32' });
    assert.equal(result.dtype, 'fp32');
    assert.deepEqual(onnxFilesIn(path.join(cacheDir, EXTERNAL)), ['model.onnx', 'model.onnx_data']);
    assert.equal(fetched(EXTERNAL, 'model.onnx_data'), 2);
    assert.match(runner.logs.join('\n'), /sha256 of onnx\/model\.onnx_data does not match the hub's.*Retrying/);
    assert.equal(await greedy(EXTERNAL, 'fp32'), await greedy(local[EXTERNAL] ?? '', 'fp32'));
  });

  it('external data damaged on disk is caught before loading and fetched again', async () => {
    await runner.client.request(Methods.unloadModel, {});
    const data = path.join(cacheDir, EXTERNAL, 'onnx/model.onnx_data');
    const fd = openSync(data, 'r+');
    writeSync(fd, Buffer.alloc(16, 0x7f), 0, 16, 4096);
    closeSync(fd);
    await runner.client.request(Methods.loadModel, { task: 'text-generation', model: EXTERNAL, dtype: 'fp32' });
    assert.equal(fetched(EXTERNAL, 'model.onnx_data'), 3);
    assert.match(runner.logs.join('\n'), /onnx\/model\.onnx_data of "test-org\/tiny-llama-external" is damaged/);
    assert.equal(await greedy(EXTERNAL, 'fp32'), await greedy(local[EXTERNAL] ?? '', 'fp32'));
  });
});
