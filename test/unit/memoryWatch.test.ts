import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkMemory, startMemoryWatch } from '../../src/host/models/memoryWatch';
import { Methods } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { startTestRunner, waitFor, type TestRunner } from './runnerHarness';

/** Polls an async condition (status requests do not count as using a model). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('runner resources (real runner)', () => {
  let llama: string;
  let runner: TestRunner;
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };

  before(async () => {
    llama = await ensureFixture('tiny-llama');
    // 0.005 minutes = 300 ms.
    runner = startTestRunner({ idleUnloadMinutes: 0.005 });
  });
  after(() => runner.client.dispose());

  it('unloads a model left idle longer than idleUnloadMinutes, and loads it again on use', async () => {
    const requestedAt = Date.now();
    await runner.client.request(Methods.loadModel, { task: 'text-generation', model: llama, dtype: 'q8' });
    await eventually(async () => (await runner.client.request0(Methods.status)).loaded.length === 0, 'the idle model to be unloaded');
    assert.ok(Date.now() - requestedAt >= 300, 'unloaded before it was idle long enough');
    assert.match(runner.logs.join('\n'), /unloaded .*tiny-llama \(text-generation\), unused for/);
    const out = await runner.client.request(Methods.generate, { model: llama, dtype: 'q8', prompt: 'Hello', maxNewTokens: 4, minNewTokens: 4 });
    assert.equal(out.generatedTokens, 4);
  });

  it('keeps a model that is in use', async () => {
    runner.settings.idleUnloadMinutes = 0.02; // 1.2 s, applied to the running runner
    await runner.client.reconfigure();
    for (let i = 0; i < 8; i++) {
      await runner.client.request(Methods.generate, { model: llama, dtype: 'q8', prompt: 'Hello', maxNewTokens: 2, minNewTokens: 2 });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    assert.equal((await runner.client.request0(Methods.status)).loaded.length, 1);
  });

  it('memory watch: restarts an idle runner over maxMemoryMB, leaves it alone under it', async () => {
    await runner.client.request0(Methods.status);
    const pid = runner.client.pid;
    assert.equal(await checkMemory({ client: runner.client, maxMemoryMB: () => 64 * 1024, log }), false);
    assert.equal(await checkMemory({ client: runner.client, maxMemoryMB: () => 0, log }), false);
    assert.equal(await checkMemory({ client: runner.client, maxMemoryMB: () => 1, log, busy: () => true }), false);
    assert.equal(runner.client.pid, pid);

    const watch = startMemoryWatch({ client: runner.client, maxMemoryMB: () => 1, log, intervalMs: 50 });
    await waitFor(() => runner.client.pid !== undefined && runner.client.pid !== pid, 'the memory watch to restart the runner');
    watch.dispose();
    assert.match(logs.join('\n'), /Restarting the model runner to give memory back: it uses \d+ MB, more than "inkwell\.runner\.maxMemoryMB" \(1 MB\), and is idle/);
    const status = await runner.client.request0(Methods.status);
    assert.equal(status.loaded.length, 0);
  });
});
