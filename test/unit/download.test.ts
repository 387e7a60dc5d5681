import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { isDownloadProgress, Methods, RunnerErrorCode, type DownloadProgressParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { HubServer, startHubRunner, type HubRunner } from './hubServer';

const LLAMA = 'test-org/tiny-llama';
const BART = 'test-org/tiny-bart';
type Coded = Error & { code?: number };

/** Every file under a folder, relative, including partial and manifest files. */
function filesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)))
    .sort();
}

describe('model downloads from a local hub (real runner, real transformers.js)', () => {
  let hub: HubServer;
  let runner: HubRunner;
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'inkwell-download-'));

  before(async () => {
    hub = await HubServer.start({ [LLAMA]: await ensureFixture('tiny-llama'), [BART]: await ensureFixture('tiny-bart') });
    runner = startHubRunner(hub, { cacheDir });
  });
  after(async () => {
    await runner.client.dispose();
    await hub.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const downloads = (model: string): DownloadProgressParams[] => runner.progress.filter(isDownloadProgress).filter((p) => p.model === model);

  it('inline suggestions and their warm-up never download: a missing model fails with zero requests', async () => {
    const before = hub.requests.length;
    const complete = runner.client.request(Methods.complete, { documentId: 'd', model: BART, dtype: 'fp32', prompt: 'Hello', n: 1, maxNewTokens: 4 });
    await assert.rejects(complete, (err: Coded) => err.code === RunnerErrorCode.ModelNotDownloaded && /not downloaded yet/.test(err.message));
    const warm = runner.client.request(Methods.loadModel, { task: 'text-generation', model: LLAMA, dtype: 'fp32', noDownload: true });
    await assert.rejects(warm, (err: Coded) => err.code === RunnerErrorCode.ModelNotDownloaded && /not downloaded yet.*Download Models/.test(err.message));
    assert.equal(hub.requests.length, before);
    assert.equal(existsSync(path.join(cacheDir, BART, 'config.json')), false);
  });

  it('downloads only what the task and dtype need, following the redirect, with progress that adds up', async () => {
    const result = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'q8' });
    assert.equal(result.dtype, 'q8');
    assert.deepEqual(filesIn(path.join(cacheDir, LLAMA)), [
      '.inkwell-manifest.json',
      'config.json',
      'generation_config.json',
      'onnx/model_quantized.onnx',
      'special_tokens_map.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    assert.equal(result.files, 6);
    assert.equal(hub.requestsFor('model.onnx').length + hub.requestsFor('model_q4.onnx').length, 0, 'other dtypes were fetched');
    assert.deepEqual(hub.requestsFor('model_quantized.onnx'), [`/${LLAMA}/resolve/main/onnx/model_quantized.onnx`, `/cdn/${LLAMA}/resolve/main/onnx/model_quantized.onnx`]);

    const events = downloads(LLAMA);
    assert.equal(events[0]?.status, 'initiate');
    assert.equal(events.at(-1)?.status, 'done');
    for (let i = 1; i < events.length; i++) assert.ok((events[i]?.overallLoaded ?? 0) >= (events[i - 1]?.overallLoaded ?? 0), 'overall progress went backwards');
    assert.equal(events.at(-1)?.overallLoaded, result.bytes);
    assert.equal(events.at(-1)?.overallTotal, result.bytes);
    const lastPerFile = new Map(events.filter((e) => e.file).map((e) => [e.file, e]));
    assert.equal(lastPerFile.size, 6);
    for (const e of lastPerFile.values()) assert.equal(e.loaded, e.total, `${e.file} did not finish`);
  });

  it('the downloaded model loads from the cache and generates, without another request', async () => {
    const before = hub.requests.length;
    const out = await runner.client.request(Methods.generate, { model: LLAMA, dtype: 'q8', prompt: 'The quick brown fox', maxNewTokens: 8, minNewTokens: 8 });
    assert.equal(out.generatedTokens, 8);
    assert.equal(hub.requests.length, before);
    const again = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'q8' });
    assert.equal(again.files, 0);
    assert.equal(hub.requests.length, before);
  });

  it('using a model that is not downloaded downloads it first, with auto choosing q8', async () => {
    const summary = await runner.client.request(Methods.summarize, { model: BART, dtype: 'auto', text: 'Inkwell runs small models on your own machine.', maxNewTokens: 8, minNewTokens: 4 });
    assert.ok(summary.text.length > 0);
    assert.ok(existsSync(path.join(cacheDir, BART, 'onnx/decoder_model_merged_quantized.onnx')));
    assert.equal(downloads(BART).at(-1)?.status, 'done');
    assert.match(runner.logs.join('\n'), /"test-org\/tiny-bart" for summarization: auto chose q8 \(onnx\/encoder_model_quantized\.onnx \+ onnx\/decoder_model_merged_quantized\.onnx\)/);
  });

  it('modelInfo gives dtypes and sizes from the hub, and what is downloaded', async () => {
    const info = await runner.client.request(Methods.modelInfo, { model: LLAMA, task: 'text-generation' });
    assert.equal(info.source, 'hub');
    assert.deepEqual(info.dtypes, ['q8', 'q4', 'fp32']);
    assert.deepEqual(info.downloaded, ['q8']);
    assert.ok((info.sizes.fp32 ?? 0) > (info.sizes.q8 ?? 0));
    const local = await runner.client.request(Methods.modelInfo, { model: BART, task: 'summarization', hub: false });
    assert.equal(local.source, 'cache');
    assert.deepEqual(local.downloaded, ['q8']);
  });

  it('a dtype the model does not ship, and an unknown model, fail clearly', async () => {
    await assert.rejects(runner.client.request(Methods.downloadModel, { task: 'summarization', model: BART, dtype: 'q4' }), (err: Coded) => {
      assert.equal(err.code, RunnerErrorCode.ModelNotFound);
      assert.match(err.message, /has no q4 weights for summarization.*It has: q8, fp32/);
      return true;
    });
    await assert.rejects(runner.client.request(Methods.downloadModel, { task: 'text-generation', model: 'test-org/no-such-model', dtype: 'auto' }), (err: Coded) => {
      assert.equal(err.code, RunnerErrorCode.ModelNotFound);
      assert.match(err.message, /"test-org\/no-such-model" was not found on 127\.0\.0\.1.*HTTP 404/);
      return true;
    });
    assert.ok(!existsSync(path.join(cacheDir, 'test-org/no-such-model', 'config.json')));
  });

  it('cancelling mid-download leaves nothing that loads; a later download completes', async () => {
    hub.misbehave.set(`${LLAMA}/onnx/model.onnx`, { throttle: { chunkBytes: 16 * 1024, delayMs: 40 } });
    const source = new CancellationTokenSource();
    const seen = runner.progress.length;
    const watcher = setInterval(() => {
      if (runner.progress.slice(seen).some((p) => isDownloadProgress(p) && p.file === 'onnx/model.onnx' && (p.loaded ?? 0) > 0)) source.cancel();
    }, 10);
    await assert.rejects(runner.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'fp32' }, source.token), (err: Coded) => {
      assert.equal(err.code, -32800);
      assert.match(err.message, /cancelled/);
      return true;
    });
    clearInterval(watcher);
    const folder = path.join(cacheDir, LLAMA);
    assert.ok(!filesIn(folder).some((f) => f === 'onnx/model.onnx' || f.endsWith('.partial')), `left behind: ${filesIn(folder).join(', ')}`);
    const info = await runner.client.request(Methods.modelInfo, { model: LLAMA, task: 'text-generation', hub: false });
    assert.deepEqual(info.downloaded, ['q8']);

    hub.misbehave.delete(`${LLAMA}/onnx/model.onnx`);
    const done = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'fp32' });
    assert.equal(done.files, 1);
    const out = await runner.client.request(Methods.generate, { model: LLAMA, dtype: 'fp32', prompt: 'Once', maxNewTokens: 4, minNewTokens: 4 });
    assert.equal(out.generatedTokens, 4);
  });

  it('a file whose sha256 does not match, or that is cut short, is fetched again', async () => {
    hub.misbehave.set(`${LLAMA}/onnx/model_q4.onnx`, { corrupt: 1 });
    const result = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'q4' });
    assert.equal(result.files, 1);
    assert.equal(hub.requestsFor('model_q4.onnx').filter((r) => r.startsWith('/cdn/')).length, 2);
    assert.match(runner.logs.join('\n'), /sha256 of onnx\/model_q4\.onnx does not match the hub's.*Retrying/);

    await runner.client.request(Methods.deleteCachedModel, { model: BART });
    hub.misbehave.set(`${BART}/onnx/encoder_model_quantized.onnx`, { cut: 1 });
    const before = hub.requests.length;
    await runner.client.request(Methods.downloadModel, { task: 'summarization', model: BART, dtype: 'q8' });
    assert.equal(hub.requests.slice(before).filter((r) => r === `/cdn/${BART}/resolve/main/onnx/encoder_model_quantized.onnx`).length, 2);
  });

  it('a file cut short every time fails with a clear error and leaves no partial file', async () => {
    hub.misbehave.set(`${BART}/onnx/encoder_model.onnx`, { cut: Infinity });
    await assert.rejects(runner.client.request(Methods.downloadModel, { task: 'summarization', model: BART, dtype: 'fp32' }), (err: Coded) => {
      assert.equal(err.code, RunnerErrorCode.DownloadFailed);
      assert.match(err.message, /encoder_model\.onnx/);
      return true;
    });
    assert.equal(hub.requestsFor('encoder_model.onnx').filter((r) => r.startsWith('/cdn/')).length, 3);
    assert.ok(!filesIn(path.join(cacheDir, BART)).some((f) => f.endsWith('.partial') || f === 'onnx/encoder_model.onnx'));
    hub.misbehave.delete(`${BART}/onnx/encoder_model.onnx`);
  });

  it('refuses to start a download the disk cannot hold', async () => {
    hub.misbehave.set(`${BART}/onnx/encoder_model.onnx`, { advertisedSize: 2 ** 50 });
    const before = hub.requests.length;
    await assert.rejects(runner.client.request(Methods.downloadModel, { task: 'summarization', model: BART, dtype: 'fp32' }), (err: Coded) => {
      assert.equal(err.code, RunnerErrorCode.DiskFull);
      assert.match(err.message, /Not enough disk space to download "test-org\/tiny-bart": it needs \d+ MB and .* has \d+ MB free/);
      return true;
    });
    assert.deepEqual(hub.requests.slice(before), [`/api/models/${BART}/tree/main`]);
    hub.misbehave.delete(`${BART}/onnx/encoder_model.onnx`);
  });

  it('lists and deletes cached models, unloading a deleted model that is loaded', async () => {
    const listed = await runner.client.request0(Methods.listCachedModels);
    const llama = listed.find((m) => m.model === LLAMA);
    assert.ok(llama, `not listed: ${JSON.stringify(listed)}`);
    assert.deepEqual(llama.dtypes, ['q8', 'q4', 'fp32']);
    assert.equal(llama.complete, true);
    assert.ok(llama.bytes > 1_000_000);
    await runner.client.request(Methods.loadModel, { task: 'text-generation', model: LLAMA, dtype: 'q8' });
    const deleted = await runner.client.request(Methods.deleteCachedModel, { model: LLAMA });
    assert.ok(deleted.bytes >= llama.bytes);
    assert.ok(!existsSync(path.join(cacheDir, LLAMA)));
    assert.ok(!(await runner.client.request0(Methods.listCachedModels)).some((m) => m.model === LLAMA));
    assert.ok(!(await runner.client.request0(Methods.status)).loaded.some((m) => m.model === LLAMA));
  });
});
