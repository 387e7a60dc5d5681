import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRunnerExit } from '../../../src/core/runnerExit';

describe('describeRunnerExit', () => {
  it('names the signal on Linux and macOS', () => {
    assert.equal(describeRunnerExit(null, 'SIGKILL', 'linux'), 'killed by SIGKILL');
    assert.equal(describeRunnerExit(null, 'SIGSEGV', 'darwin'), 'killed by SIGSEGV');
    assert.equal(describeRunnerExit(3, null, 'linux'), 'exit code 3');
  });

  it('never names a POSIX signal on Windows', () => {
    for (const signal of ['SIGKILL', 'SIGTERM', null]) {
      for (const code of [null, 1, 3221225477, -1073741819]) {
        const text = describeRunnerExit(code, signal, 'win32');
        assert.doesNotMatch(text, /SIG[A-Z]+/, `${code} ${signal}: ${text}`);
      }
    }
  });

  it('names Windows crash codes, signed or unsigned, in hex', () => {
    assert.equal(describeRunnerExit(3221225477, null, 'win32'), 'crashed: access violation, exit code 0xC0000005');
    assert.equal(describeRunnerExit(-1073741819, null, 'win32'), 'crashed: access violation, exit code 0xC0000005');
    assert.match(describeRunnerExit(0xc0000135, null, 'win32'), /DLL it needs was not found.*Visual C\+\+.*0xC0000135/);
    assert.match(describeRunnerExit(0xc0000017, null, 'win32'), /ran out of memory/);
    assert.equal(describeRunnerExit(0xc0001234, null, 'win32'), 'exit code 0xC0001234');
    assert.equal(describeRunnerExit(1, null, 'win32'), 'exit code 1');
    assert.equal(describeRunnerExit(null, 'SIGKILL', 'win32'), 'ended from outside');
  });
});
