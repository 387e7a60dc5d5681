import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RestartPolicy } from '../../src/core/restartPolicy';
import { RunnerUnresponsiveError } from '../../src/host/runnerClient';
import { Methods, RunnerErrorCode } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { BACKTRACKING_INPUT, backtrackingTokenizerModel } from './badModels';
import { startTestRunner, type TestRunner } from './runnerHarness';

describe('runner watchdog, heap limit and prompt bounds (real runner process)', () => {
  let runner: TestRunner;
  let llama: string;
  let stuck: string;
  const scratch = mkdtempSync(path.join(tmpdir(), 'inkwell-watchdog-'));

  before(async () => {
    llama = await ensureFixture('tiny-llama');
    stuck = backtrackingTokenizerModel(llama, path.join(scratch, 'backtracking-llama'));
    runner = startTestRunner({}, new RestartPolicy(10, 60_000, 10, 50), { heartbeatMs: 200, unresponsiveMs: 1_500, heapLimitMB: 1024 });
  });
  after(async () => {
    await runner.client.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('starts the runner with a heap limit', async () => {
    const status = await runner.client.request0(Methods.status);
    // V8's limit is the old space plus the young generation's semispaces.
    assert.ok(status.memory.heapLimitMB >= 1024 && status.memory.heapLimitMB < 1200, `heap limit ${status.memory.heapLimitMB} MB`);
  });

  it('a request stuck in a tokenizer regex: the runner is killed, the request fails clearly, the next one works', async () => {
    const pid = runner.client.pid;
    const started = Date.now();
    await assert.rejects(runner.client.request(Methods.generate, { model: stuck, dtype: 'fp32', prompt: BACKTRACKING_INPUT, maxNewTokens: 4 }), (err: Error) => {
      assert.ok(err instanceof RunnerUnresponsiveError, String(err));
      assert.match(err.message, /stopped responding for 2 s .*restarts by itself/);
      return true;
    });
    const waited = Date.now() - started;
    assert.ok(waited < 15_000, `noticed after ${waited} ms`);
    const next = await runner.client.request(Methods.generate, { model: llama, dtype: 'fp32', prompt: 'The quick brown fox', maxNewTokens: 8, minNewTokens: 8 });
    assert.equal(next.generatedTokens, 8);
    assert.notEqual(runner.client.pid, pid, 'a new runner process');
    assert.match(runner.logs.join('\n'), /did not answer for 2 s; stopping it/);
  });

  it('a long generation that keeps answering pings is not stopped', async () => {
    const long = await runner.client.request(Methods.generate, { model: llama, dtype: 'fp32', prompt: 'Once upon a time', maxNewTokens: 600, minNewTokens: 600 });
    assert.equal(long.generatedTokens, 600);
  });

  it('bounds a plain prompt to its end and refuses an over-long conversation with a clear message', async () => {
    // Sending and tokenizing 5 MB blocks the runner for longer than the test watchdog's 1.5 s: this runner has the default.
    const patient = startTestRunner();
    after(() => patient.client.dispose());
    const huge = 'The harbour was quiet that morning. '.repeat(150_000); // 5.4 MB
    const started = Date.now();
    const continued = await patient.client.request(Methods.generate, { model: llama, dtype: 'fp32', prompt: huge, maxNewTokens: 16, minNewTokens: 16 });
    assert.ok(continued.promptTokens <= 2048 - 16, `${continued.promptTokens} prompt tokens`);
    assert.equal(continued.generatedTokens, 16);
    assert.ok(Date.now() - started < 60_000);
    await assert.rejects(
      patient.client.request(Methods.generate, { task: 'instruction', model: llama, dtype: 'fp32', messages: [{ role: 'user', content: huge }], maxNewTokens: 16 }),
      (err: Error & { code?: number }) => {
        assert.equal(err.code, RunnerErrorCode.InvalidParams);
        assert.match(err.message, /too long for the model: 5,400,\d+ characters, and it reads at most 2048 tokens/);
        return true;
      },
    );
  });
});
