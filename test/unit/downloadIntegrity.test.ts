import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, openSync, rmSync, statSync, utimesSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Methods, RunnerErrorCode } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { HubServer, startHubRunner, type HubRunner } from './hubServer';

const LLAMA = 'test-org/tiny-llama';
const Q8 = 'onnx/model_quantized.onnx';
type Coded = Error & { code?: number };

/** Overwrites bytes in place: same size; the mtime changes unless `keepMtime`. */
function damage(file: string, at: number, bytes: Buffer, keepMtime = false): void {
  const { atime, mtime } = statSync(file);
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, at);
  closeSync(fd);
  if (keepMtime) utimesSync(file, atime, mtime);
}

describe('cached model integrity and offline mode (real runner)', () => {
  let hub: HubServer;
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'inkwell-integrity-'));
  const cached = path.join(cacheDir, LLAMA, Q8);
  const load = (runner: HubRunner) => runner.client.request(Methods.loadModel, { task: 'text-generation', model: LLAMA, dtype: 'q8' });
  const cdnRequests = () => hub.requests.filter((r) => r === `/cdn/${LLAMA}/resolve/main/${Q8}`).length;

  before(async () => {
    hub = await HubServer.start({ [LLAMA]: await ensureFixture('tiny-llama') });
  });
  after(async () => {
    await hub.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  describe('online', () => {
    let runner: HubRunner;
    before(() => {
      runner = startHubRunner(hub, { cacheDir });
    });
    after(() => runner.client.dispose());

    it('a file changed on disk is detected before loading and fetched again', async () => {
      await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'q8' });
      assert.equal(cdnRequests(), 1);
      damage(cached, 1000, Buffer.from([0x55, 0xaa]));
      await load(runner);
      assert.equal(cdnRequests(), 2);
      assert.match(runner.logs.join('\n'), /onnx\/model_quantized\.onnx of "test-org\/tiny-llama" is damaged \(sha256 does not match the download\)/);
    });

    it('a file only touched (same content, new mtime) is re-hashed, not fetched again', async () => {
      await runner.client.request(Methods.unloadModel, {});
      const later = new Date(Date.now() + 60_000);
      utimesSync(cached, later, later);
      await load(runner);
      assert.equal(cdnRequests(), 2);
    });

    it('damage that keeps size and mtime is caught when onnxruntime rejects the file, then repaired', async () => {
      await runner.client.request(Methods.unloadModel, {});
      damage(cached, 0, Buffer.alloc(64, 0xff), true);
      await load(runner);
      assert.equal(cdnRequests(), 3);
      assert.match(runner.logs.join('\n'), /failed verification after a load error; downloading again/);
    });
  });

  describe('offline', () => {
    let runner: HubRunner;
    let requestsBefore = 0;
    before(() => {
      requestsBefore = hub.requests.length;
      runner = startHubRunner(hub, { cacheDir, offline: true });
    });
    after(() => runner.client.dispose());

    it('loads a verified download without any request', async () => {
      const loaded = await load(runner);
      assert.equal(loaded.dtype, 'q8');
      await runner.client.request(Methods.unloadModel, {});
    });

    it('a damaged file fails clearly, naming the file and the setting', async () => {
      damage(cached, 1000, Buffer.from([0x01, 0x02, 0x03]));
      await assert.rejects(load(runner), (err: Coded) => {
        assert.equal(err.code, RunnerErrorCode.ModelUnavailableOffline);
        assert.match(err.message, /onnx\/model_quantized\.onnx \(sha256 does not match the download\)/);
        assert.match(err.message, /inkwell\.offline/);
        return true;
      });
      assert.ok(!existsSync(cached), 'the damaged file was kept');
    });

    it('a model never downloaded fails naming the setting; no request at all', async () => {
      for (const request of [
        () => runner.client.request(Methods.loadModel, { task: 'summarization', model: 'test-org/tiny-bart', dtype: 'q8' }),
        () => runner.client.request(Methods.downloadModel, { task: 'summarization', model: 'test-org/tiny-bart', dtype: 'auto' }),
      ]) {
        await assert.rejects(request(), (err: Coded) => {
          assert.equal(err.code, RunnerErrorCode.ModelUnavailableOffline);
          assert.match(err.message, /offline mode is on.*"inkwell\.offline"/);
          return true;
        });
      }
      const info = await runner.client.request(Methods.modelInfo, { model: LLAMA, task: 'text-generation' });
      assert.equal(info.source, 'cache');
      assert.deepEqual(info.dtypes, ['q8', 'q4', 'fp32'], 'dtypes from the listing kept at download');
      assert.deepEqual(info.downloaded, [], 'the damaged q8 file was deleted');
      assert.deepEqual(hub.requests.slice(requestsBefore), []);
    });
  });
});
