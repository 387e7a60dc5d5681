// Model folders and the download cache under a user profile whose path has spaces and
// non-ASCII characters (as on Windows "C:\Users\Zoë Ångström\AppData\Roaming\Code\…"),
// settings written with `~` and quotes: the real runner, real transformers.js and
// onnxruntime-node, a local hub server. HOME points the runner's `~` at that profile.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Methods, type GenerateParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { HubServer, startHubRunner, type HubRunner } from './hubServer';

const HUB_MODEL = 'test-org/tiny-llama';

describe('a profile path with spaces and non-ASCII characters (real runner)', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'inkwell-profile-'));
  const profile = path.join(scratch, 'Zoë Ångström 家');
  const cacheDir = path.join(profile, 'AppData', 'Roaming', 'Code', 'User', 'globalStorage', 'inkwell.inkwell', 'models');
  const homeBefore = process.env['HOME'];
  let fixture: string;
  let hub: HubServer;
  let runner: HubRunner;

  before(async () => {
    fixture = await ensureFixture('tiny-llama');
    cpSync(fixture, path.join(profile, 'My Models', 'tiny-llama'), { recursive: true });
    cpSync(fixture, path.join(profile, 'My Models', 'local-org', 'tiny-llama'), { recursive: true });
    hub = await HubServer.start({ [HUB_MODEL]: fixture });
    process.env['HOME'] = profile; // the forked runner inherits it: its `~` is the profile
    runner = startHubRunner(hub, { cacheDir, localModelPath: '"~/My Models"' });
  });
  after(async () => {
    await runner?.client.dispose();
    await hub?.close();
    process.env['HOME'] = homeBefore;
    rmSync(scratch, { recursive: true, force: true });
  });

  const generate = (model: string) => {
    const params: GenerateParams = { model, dtype: 'fp32', prompt: 'The quick brown fox', maxNewTokens: 12, minNewTokens: 12 };
    return runner.client.request(Methods.generate, params).then((r) => r.text);
  };

  it('a model folder given as ~/…, and a hub-style id found in a quoted ~ local models folder, load and write the same text as the original folder', async () => {
    const reference = await generate(fixture);
    assert.ok(reference.length > 0);
    assert.equal(await generate('~/My Models/tiny-llama'), reference);
    assert.equal(await generate('local-org/tiny-llama'), reference);
    assert.equal(existsSync(path.join(cacheDir, 'local-org')), false, 'found in the local folder, not downloaded');
  });

  it('downloads into the profile, loads from there, and deletes the loaded model (unloaded first)', async () => {
    const downloaded = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: HUB_MODEL, dtype: 'q8' });
    assert.ok(downloaded.files > 0);
    assert.ok(existsSync(path.join(cacheDir, 'test-org', 'tiny-llama', 'onnx', 'model_quantized.onnx')));
    const text = await runner.client.request(Methods.generate, { model: HUB_MODEL, dtype: 'q8', prompt: 'Hello', maxNewTokens: 4, minNewTokens: 4 });
    assert.equal(text.generatedTokens, 4);
    const listed = await runner.client.request0(Methods.listCachedModels);
    assert.deepEqual(listed.map((m) => m.model), [HUB_MODEL]);
    const deleted = await runner.client.request(Methods.deleteCachedModel, { model: HUB_MODEL });
    assert.ok(deleted.bytes > 0);
    assert.equal(existsSync(path.join(cacheDir, 'test-org')), false);
    const status = await runner.client.request0(Methods.status);
    assert.deepEqual(status.loaded.filter((m) => m.model === HUB_MODEL), []);
  });
});
