// The runner ends when the process that forked it dies without a word (a closed or
// crashed VS Code window): the IPC channel closes and the runner exits by itself.
// Forked exactly as the host does it, with ELECTRON_RUN_AS_NODE.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RUNNER_PATH, waitFor } from './runnerHarness';

/** Running and not a zombie (a container's init may not reap orphans at once). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
}

describe('runner lifetime', () => {
  it('exits when its parent is killed', async () => {
    assert.ok(existsSync(RUNNER_PATH), 'run "npm run build" first');
    const parentScript = `
      const { fork } = require('node:child_process');
      const child = fork(${JSON.stringify(RUNNER_PATH)}, [], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      child.on('spawn', () => console.log(child.pid));
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    parent.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => /\d+\n/.test(out), 'the runner pid');
    const runnerPid = Number(out.trim());
    assert.ok(alive(runnerPid), 'the runner is running');
    parent.kill('SIGKILL');
    await waitFor(() => !alive(runnerPid), 'the orphaned runner to exit', 15_000);
  });
});
