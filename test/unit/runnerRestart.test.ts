import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { RestartPolicy } from '../../src/core/restartPolicy';
import { Methods } from '../../src/protocol';
import { startTestRunner, waitFor } from './runnerHarness';

describe('runner crash policy (real runner process)', () => {
  const runner = startTestRunner({}, new RestartPolicy(3, 60_000, 10, 50));
  after(() => runner.client.dispose());

  async function killOnce(): Promise<void> {
    await runner.client.request0(Methods.status);
    const pid = runner.client.pid;
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => runner.client.pid !== pid, 'the runner to exit');
  }

  it('restarts after a crash, gives up after too many, and a manual restart recovers', async () => {
    await killOnce();
    await waitFor(() => runner.client.currentState === 'ready', 'the automatic restart');
    await killOnce();
    await waitFor(() => runner.client.currentState === 'ready', 'the second automatic restart');
    await killOnce();
    await waitFor(() => runner.client.currentState === 'gave-up', 'the policy to give up');
    assert.deepEqual(runner.gaveUp, [3]);
    assert.equal(runner.client.pid, undefined);
    await assert.rejects(runner.client.request0(Methods.status), /crashed repeatedly.*Restart Model Runner/);

    await runner.client.restart();
    const status = await runner.client.request0(Methods.status);
    assert.equal(status.busy, false);
    assert.ok(status.memory.rssMB > 0);
    assert.deepEqual(runner.gaveUp, [3]);
    assert.match(runner.logs.join('\n'), /stopped unexpectedly \(killed by SIGKILL\)/);
  });
});
