/**
 * fp32 weights in external data (`model.onnx` + `model.onnx_data` + `_data_1`),
 * as large hub exports ship them: a local folder and a downloaded model both
 * load through the real runner and generate the same greedy tokens as the
 * single-file model.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Methods, type GenerateParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { writeExternalDataCopy } from './externalDataModel';
import { HubServer, startHubRunner, type HubRunner } from './hubServer';

const EXTERNAL = 'test-org/tiny-llama-external-data';

describe('external data models (real runner, real transformers.js)', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'inkwell-external-'));
  const folder = path.join(work, 'model');
  let plain = '';
  let chunks: string[] = [];
  let hub: HubServer;
  let runner: HubRunner;
  const greedy = (model: string): GenerateParams => ({ model, dtype: 'fp32', prompt: 'The quick brown fox', maxNewTokens: 12, minNewTokens: 12 });

  before(async () => {
    plain = await ensureFixture('tiny-llama');
    chunks = writeExternalDataCopy(plain, folder, 2);
    hub = await HubServer.start({ [EXTERNAL]: folder });
    runner = startHubRunner(hub, { cacheDir: path.join(work, 'cache') });
  });
  after(async () => {
    await runner.client.dispose();
    await hub.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('a local folder with external data chunks loads and matches the single-file model', async () => {
    assert.deepEqual(chunks, ['onnx/model.onnx_data', 'onnx/model.onnx_data_1']);
    const expected = await runner.client.request(Methods.generate, greedy(plain));
    const external = await runner.client.request(Methods.generate, greedy(folder));
    assert.equal(external.generatedTokens, 12);
    assert.equal(external.text, expected.text);
  });

  it('auto on a folder with only fp32 external data picks fp32 and says so', async () => {
    const loaded = await runner.client.request(Methods.loadModel, { task: 'instruction', model: folder, dtype: 'auto' });
    assert.deepEqual([loaded.dtype, loaded.variant], ['fp32', 'fp32']);
    assert.match(runner.logs.join('\n'), /auto chose fp32 \(onnx\/model\.onnx\)/);
  });

  it('a downloaded model fetches every chunk, verifies it, and loads', async () => {
    const result = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: EXTERNAL, dtype: 'auto' });
    assert.deepEqual([result.dtype, result.variant], ['fp32', 'fp32']);
    for (const chunk of chunks) assert.ok(existsSync(path.join(work, 'cache', EXTERNAL, chunk)), chunk);
    assert.deepEqual(hub.requestsFor('model.onnx_data_1'), [`/${EXTERNAL}/resolve/main/onnx/model.onnx_data_1`]);
    const expected = await runner.client.request(Methods.generate, greedy(plain));
    const downloaded = await runner.client.request(Methods.generate, greedy(EXTERNAL));
    assert.equal(downloaded.text, expected.text);
  });

  it('a missing chunk fails with a message naming it, and the runner keeps serving', async () => {
    rmSync(path.join(folder, 'onnx/model.onnx_data_1'));
    await runner.client.request(Methods.unloadModel, {});
    await assert.rejects(runner.client.request(Methods.generate, greedy(folder)), (err: Error) => {
      assert.match(err.message, /could not be loaded.*model\.onnx_data_1/);
      return true;
    });
    const ok = await runner.client.request(Methods.generate, greedy(plain));
    assert.equal(ok.generatedTokens, 12);
  });
});
