/**
 * The host's memory watch (`inkwell.runner.maxMemoryMB`) against a real runner
 * process; its timer runs on an injected clock, so no test waits for it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkMemory, startMemoryWatch } from '../../src/host/models/memoryWatch';
import { Methods, type StatusResult } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { FakeClock } from './fakeClock';
import { startTestRunner, type TestRunner } from './runnerHarness';

describe('memory watch (real runner, injected clock)', () => {
  let llama: string;
  let runner: TestRunner;
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };

  before(async () => {
    llama = await ensureFixture('tiny-llama');
    runner = startTestRunner();
  });
  after(() => runner.client.dispose());

  it('one check: restarts nothing when under the limit, off, or busy with a download', async () => {
    await runner.client.request(Methods.loadModel, { task: 'text-generation', model: llama, dtype: 'q8' });
    const pid = runner.client.pid;
    assert.equal(await checkMemory({ client: runner.client, maxMemoryMB: () => 64 * 1024, log }), false);
    assert.equal(await checkMemory({ client: runner.client, maxMemoryMB: () => 0, log }), false);
    assert.equal(await checkMemory({ client: runner.client, maxMemoryMB: () => 1, log, busy: () => true }), false);
    assert.equal(runner.client.pid, pid);
    assert.equal((await runner.client.request0(Methods.status)).loaded.length, 1);
  });

  it('the watch checks once per interval and restarts an idle runner over the limit', async () => {
    await runner.client.request0(Methods.status);
    const pid = runner.client.pid;
    const clock = new FakeClock();
    const seen: StatusResult[] = [];
    const watch = startMemoryWatch({ client: runner.client, maxMemoryMB: () => 1, log, intervalMs: 30_000, clock, onStatus: (s) => seen.push(s) });
    await clock.advance(29_999);
    assert.equal(seen.length, 0, 'no check before the interval');
    assert.equal(runner.client.pid, pid);

    await clock.advance(1);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.loaded[0]?.model, llama, 'the status it read names the loaded model');
    assert.notEqual(runner.client.pid, pid, 'restarted');
    assert.match(logs.join('\n'), /Restarting the model runner to give memory back: it uses \d+ MB, more than "inkwell\.runner\.maxMemoryMB" \(1 MB\), and is idle/);
    assert.equal((await runner.client.request0(Methods.status)).loaded.length, 0, 'models load again on next use');
    assert.equal(clock.pending, 1, 'the next check is scheduled');
    watch.dispose();
    assert.equal(clock.pending, 0, 'dispose stops the watch');
  });
});
