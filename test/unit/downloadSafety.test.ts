/**
 * Downloads stay inside the cache folder, and VS Code windows sharing the cache
 * (each with its own runner process) do not corrupt or drop each other's manifest.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Methods } from '../../src/protocol';
import { MANIFEST } from '../../src/runner/download/manifest';
import { insideFolder } from '../../src/runner/download/safePath';
import { ensureFixture } from '../fixtures/generate';
import { HubServer, startHubRunner, type HubRunner } from './hubServer';

const LLAMA = 'test-org/tiny-llama';
const Q8 = 'onnx/model_quantized.onnx';
const Q4 = 'onnx/model_q4.onnx';

/** Every file under a folder, relative. */
function filesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)))
    .sort();
}

describe('downloads stay inside the cache; windows sharing it keep one valid manifest', () => {
  let hub: HubServer;
  const outer = mkdtempSync(path.join(tmpdir(), 'inkwell-safety-'));
  const cacheDir = path.join(outer, 'cache');
  const runners: HubRunner[] = [];
  const start = () => {
    const runner = startHubRunner(hub, { cacheDir });
    runners.push(runner);
    return runner;
  };

  before(async () => {
    mkdirSync(cacheDir);
    hub = await HubServer.start({ [LLAMA]: await ensureFixture('tiny-llama') });
  });
  after(async () => {
    await Promise.all(runners.map((r) => r.client.dispose()));
    await hub.close();
    rmSync(outer, { recursive: true, force: true });
  });

  it('joins a listed path to the model folder only when it stays inside', () => {
    const folder = path.join(cacheDir, LLAMA);
    assert.equal(insideFolder(folder, Q8, LLAMA), path.join(folder, Q8));
    for (const bad of ['onnx/model_quantized.onnx_data/../../../../../x', '../x', '/etc/passwd', 'onnx/../../x', '.', 'a\0b']) {
      assert.throws(() => insideFolder(folder, bad, LLAMA), /Refusing .* outside the model's folder/, bad);
    }
  });

  it('a listing entry that climbs out of the folder is neither fetched nor written', async () => {
    const escape = 'onnx/model_quantized.onnx_data/../../../../../escaped.txt';
    hub.extra.set(LLAMA, [{ path: escape, data: Buffer.from('written outside the cache\n') }]);
    try {
      const runner = start();
      const result = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'q8' });
      assert.equal(result.variant, 'q8');
      assert.ok(!existsSync(path.join(outer, 'escaped.txt')), 'a file was written outside the cache folder');
      assert.deepEqual(filesIn(outer).filter((f) => !f.startsWith(path.join('cache', 'test-org', 'tiny-llama') + path.sep)), []);
      assert.ok(!hub.requests.some((r) => r.endsWith('/escaped.txt')), 'the escaping entry was requested');
      assert.ok(filesIn(path.join(cacheDir, LLAMA)).includes(Q8));
    } finally {
      hub.extra.delete(LLAMA);
    }
  });

  it('two runner processes downloading the same model at once leave a valid manifest with both', async () => {
    await runners[0]?.client.request(Methods.deleteCachedModel, { model: LLAMA });
    const [a, b] = [runners[0] ?? start(), start()];
    await Promise.all([a.client.request0(Methods.status), b.client.request0(Methods.status)]);
    // Both read the (empty) manifest at once; the q4 file arrives well after the q8 one.
    hub.misbehave.set(`${LLAMA}/${Q8}`, { throttle: { chunkBytes: 16 * 1024, delayMs: 15 } });
    hub.misbehave.set(`${LLAMA}/${Q4}`, { throttle: { chunkBytes: 8 * 1024, delayMs: 30 } });
    try {
      const [q8, q4] = await Promise.all([
        a.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'q8' }),
        b.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'q4' }),
      ]);
      assert.deepEqual([q8.variant, q4.variant], ['q8', 'q4']);
    } finally {
      hub.misbehave.clear();
    }
    const folder = path.join(cacheDir, LLAMA);
    const manifest = JSON.parse(readFileSync(path.join(folder, MANIFEST), 'utf8')) as { files: Record<string, unknown>; tasks: string[] };
    assert.ok(manifest.files[Q8], 'the first window\'s q8 file was dropped from the manifest');
    assert.ok(manifest.files[Q4], 'the second window\'s q4 file was dropped from the manifest');
    assert.deepEqual(manifest.tasks, ['text-generation']);
    assert.ok(!filesIn(folder).some((f) => f.endsWith('.partial') || f.endsWith('.lock')), filesIn(folder).join(', '));
    const listed = (await a.client.request0(Methods.listCachedModels)).find((m) => m.model === LLAMA);
    assert.deepEqual(listed?.dtypes, ['q8', 'q4']);
    // Neither window downloads again: both precisions are verified and recorded.
    const before = hub.requests.length;
    for (const [runner, dtype] of [[b, 'q8'], [a, 'q4']] as const) {
      const again = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype });
      assert.equal(again.files, 0);
    }
    assert.equal(hub.requests.length, before);
  });

  it('a manifest lock left by a runner that was killed does not block the next download', async () => {
    const runner = runners[0] ?? start();
    await runner.client.request(Methods.deleteCachedModel, { model: LLAMA });
    const folder = path.join(cacheDir, LLAMA);
    mkdirSync(folder, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(path.join(folder, `${MANIFEST}.lock`), String(dead));
    const result = await runner.client.request(Methods.downloadModel, { task: 'text-generation', model: LLAMA, dtype: 'q8' });
    assert.equal(result.variant, 'q8');
    assert.ok(!existsSync(path.join(folder, `${MANIFEST}.lock`)));
    assert.ok(JSON.parse(readFileSync(path.join(folder, MANIFEST), 'utf8')).files[Q8]);
  });
});
