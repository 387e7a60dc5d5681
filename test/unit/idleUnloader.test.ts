/**
 * The runner's idle unloader on a real ModelStore (real transformers.js, the
 * generated tiny-llama) with an injected clock: minutes pass in one call, and
 * the checks it schedules run in order, so nothing waits on real timers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { LoadedModel } from '../../src/protocol';
import { IdleUnloader } from '../../src/runner/idleUnloader';
import { ModelStore } from '../../src/runner/modelStore';
import { RunnerSettings } from '../../src/runner/runnerSettings';
import { WorkQueue } from '../../src/runner/workQueue';
import { ensureFixture } from '../fixtures/generate';
import { FakeClock } from './fakeClock';

const MINUTE = 60_000;

describe('idle unloader (injected clock, real model store)', () => {
  let llama: string;
  let cacheDir: string;
  let clock: FakeClock;
  let settings: RunnerSettings;
  let store: ModelStore;
  let queue: WorkQueue;
  let unloader: IdleUnloader;
  let unloaded: LoadedModel[];
  let logs: string[];

  before(async () => {
    llama = await ensureFixture('tiny-llama');
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-idle-'));
  });
  after(() => rmSync(cacheDir, { recursive: true, force: true }));

  beforeEach(async () => {
    await store?.unload();
    unloader?.dispose();
    clock = new FakeClock();
    settings = new RunnerSettings();
    settings.apply({ cacheDir, localModelPath: '', offline: true, threads: 1, idleUnloadMinutes: 1 });
    store = new ModelStore(settings, () => undefined, clock);
    queue = new WorkQueue();
    unloaded = [];
    logs = [];
    store.onDidUnload((model) => unloaded.push(model));
    unloader = new IdleUnloader({ settings, store, queue, clock, log: (m) => logs.push(m) });
  });

  const loadedModels = async () => (await store.loaded()).map((m) => m.model);

  it('unloads a model unused for idleUnloadMinutes, not a second before, and says so', async () => {
    await store.get('text-generation', llama, 'q8');
    await clock.advance(MINUTE - 1_000);
    assert.deepEqual(await loadedModels(), [llama], 'still loaded after 59 s');
    await clock.advance(1_000);
    assert.deepEqual(await loadedModels(), []);
    assert.deepEqual(unloaded.map((m) => [m.task, m.model]), [['text-generation', llama]], 'the store announced the unload');
    assert.match(logs.join('\n'), /unloaded .*tiny-llama \(text-generation\), unused for 60 s/);
    // Loads again on next use.
    assert.equal((await store.get('text-generation', llama, 'q8')).kind, 'causal');
  });

  it('each use starts the minute again', async () => {
    await store.get('text-generation', llama, 'q8');
    for (let i = 0; i < 4; i++) {
      await clock.advance(45_000);
      await store.get('text-generation', llama, 'q8');
    }
    assert.deepEqual(await loadedModels(), [llama], 'used every 45 s for 3 minutes');
    await clock.advance(MINUTE);
    assert.deepEqual(await loadedModels(), []);
  });

  it('never unloads while a job runs; the next check after it does', async () => {
    await store.get('text-generation', llama, 'q8');
    let finish = (): void => undefined;
    const job = queue.run(() => new Promise<void>((resolve) => (finish = resolve)));
    await clock.advance(2 * MINUTE);
    assert.deepEqual(await loadedModels(), [llama], 'kept under a running job');
    finish();
    await job;
    await clock.advance(15_000);
    assert.deepEqual(await loadedModels(), []);
  });

  it('reads the setting at every check: 0 turns it off, a new limit applies without a restart', async () => {
    await store.get('text-generation', llama, 'q8');
    settings.apply({ ...settings.value, idleUnloadMinutes: 0 });
    await clock.advance(10 * MINUTE);
    assert.deepEqual(await loadedModels(), [llama], 'off: kept');
    settings.apply({ ...settings.value, idleUnloadMinutes: 20 });
    await clock.advance(MINUTE);
    assert.deepEqual(await loadedModels(), [llama], 'idle 11 minutes, limit 20: kept');
    settings.apply({ ...settings.value, idleUnloadMinutes: 5 });
    await clock.advance(5 * 60_000 / 4);
    assert.deepEqual(await loadedModels(), [], 'idle 12 minutes, limit now 5: unloaded at the next check');
  });

  it('dispose stops the checks', async () => {
    unloader.dispose();
    assert.equal(clock.pending, 0);
  });
});
