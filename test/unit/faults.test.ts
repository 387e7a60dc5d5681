// Load and faults, on the real runner with generated models, writing through the
// same StreamWriter the editor uses (into a document that behaves as VS Code's does:
// test/unit/core/fakeDocument.ts). Prints the figures the data-safety issue asks for.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { withEol } from '../../src/core/documentEdits/lineEndings';
import { placeOutput, stopMessage } from '../../src/core/documentEdits/outputPlacement';
import { StreamWriter } from '../../src/core/documentEdits/streamWriter';
import { RestartPolicy } from '../../src/core/restartPolicy';
import { validateSelection } from '../../src/core/selectionValidation';
import { RunnerCrashedError, type RunnerClient } from '../../src/host/runnerClient';
import { Methods, type GenerateParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { FakeDocument } from './core/fakeDocument';
import { startTestRunner, waitFor, type TestRunner } from './runnerHarness';
import { BACKTRACKING_INPUT, backtrackingTokenizerModel } from './badModels';

const ORIGINAL = 'Dear team,\r\n\r\nThe harbour café opens at nine. 😀 שלום 中文\r\n';

/** Bytes that differ between two texts (UTF-8), counting a length difference as changed bytes. */
function changedBytes(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  let changed = Math.abs(x.length - y.length);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) changed++;
  return changed;
}

/** A writing job as the host runs it: stream into the document at its end; on an error, revert. Returns the error message, if any. */
async function job(client: RunnerClient, document: FakeDocument, params: GenerateParams, onWriter?: (writer: StreamWriter) => void): Promise<{ message?: string; writer: StreamWriter }> {
  const writer = new StreamWriter(document.port(), { start: document.text.length, end: document.text.length }, '');
  document.onChange((changes) => writer.onChanges(changes));
  const token = new CancellationTokenSource();
  writer.onStop(() => token.cancel());
  onWriter?.(writer);
  try {
    await client.stream(Methods.generate, params, (text) => writer.append(text), token.token);
    await writer.finish();
    return { message: writer.stopReason ? stopMessage('cursor', writer.stopReason) : undefined, writer };
  } catch (err) {
    const outcome = await writer.revert();
    assert.ok(outcome === 'restored' || outcome === 'closed', outcome);
    return { message: err instanceof Error ? err.message : String(err), writer };
  }
}

describe('load and faults (real runner, generated models)', () => {
  let runner: TestRunner;
  let llama: string;
  const scratch = mkdtempSync(path.join(tmpdir(), 'inkwell-faults-'));
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  const generate = (over: Partial<GenerateParams> = {}): GenerateParams => ({ model: llama, dtype: 'fp32', prompt: ORIGINAL, maxNewTokens: 2048, minNewTokens: 2048, temperature: 0, ...over });

  before(async () => {
    llama = await ensureFixture('tiny-llama');
    runner = startTestRunner({}, new RestartPolicy(50, 180_000, 10, 50));
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await runner.client.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('the runner killed mid-generation 20 times (Continue Writing and ghost text): 20 recoveries, 0 changed bytes', async () => {
    let recoveries = 0;
    let changed = 0;
    for (let round = 0; round < 20; round++) {
      const document = new FakeDocument(ORIGINAL, '\r\n');
      const writing = job(runner.client, document, generate());
      // Ghost text for the same document, queued behind the generation.
      const ghost = runner.client.request(Methods.complete, { documentId: 'faults', model: llama, dtype: 'fp32', prompt: ORIGINAL, n: 1, maxNewTokens: 16 });
      ghost.catch(() => undefined);
      await waitFor(() => document.text.length > ORIGINAL.length + 20, 'text streaming in', 60_000);
      const pid = runner.client.pid;
      assert.ok(pid);
      process.kill(pid, 'SIGKILL');
      const { message } = await writing;
      assert.match(message ?? '', /stopped unexpectedly \(killed by SIGKILL\)/);
      await assert.rejects(ghost, RunnerCrashedError);
      changed += changedBytes(document.text, ORIGINAL);
      const next = await runner.client.request(Methods.generate, generate({ maxNewTokens: 4, minNewTokens: 4 }));
      if (next.generatedTokens === 4) recoveries++;
    }
    console.log(`figure: runner killed mid-generation 20 times → ${recoveries} recoveries, ${changed} changed bytes`);
    assert.equal(recoveries, 20);
    assert.equal(changed, 0);
  });

  it('a typing storm of 100 keystrokes a second for 10 s while text streams: one job at a time, nothing lost, memory flat', async () => {
    const document = new FakeDocument(ORIGINAL, '\r\n');
    // Warm: the model loaded and the document's ghost-text cache filled once, as after the first keystrokes.
    await runner.client.request(Methods.complete, { documentId: 'storm', model: llama, dtype: 'fp32', prompt: ORIGINAL, n: 1, maxNewTokens: 8 });
    const rss: number[] = [(await runner.client.request0(Methods.status)).memory.rssMB];
    const writing = runner.client.stream(Methods.generate, generate({ maxNewTokens: 1500, minNewTokens: 1500 }), (text) => writer.append(text));
    const writer = new StreamWriter(document.port(), { start: ORIGINAL.length, end: ORIGINAL.length }, '');
    document.onChange((changes) => writer.onChanges(changes));
    const outcomes = { sent: 0, completed: 0, cancelled: 0, failed: 0 };
    const ghosts: Promise<void>[] = [];
    let previous: CancellationTokenSource | undefined;
    let typed = 0;
    const started = Date.now();
    const polling = setInterval(() => void runner.client.request0(Methods.status).then((s) => rss.push(s.memory.rssMB), () => undefined), 1000);
    for (let key = 0; key < 1000; key++) {
      const due = started + key * 10;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      // Typing elsewhere in the document (before the text being written).
      document.userEdit(typed, typed, 'k');
      typed++;
      // Ghost text, as the editor asks for it: each keystroke cancels the previous request.
      previous?.cancel();
      const source = new CancellationTokenSource();
      previous = source;
      outcomes.sent++;
      ghosts.push(
        runner.client.request(Methods.complete, { documentId: 'storm', model: llama, dtype: 'fp32', prompt: document.text.slice(0, typed), n: 1, maxNewTokens: 8 }, source.token).then(
          () => void outcomes.completed++,
          (err: Error & { code?: number }) => void (err.code === -32800 ? outcomes.cancelled++ : outcomes.failed++),
        ),
      );
    }
    const seconds = (Date.now() - started) / 1000;
    const result = await writing;
    await writer.finish();
    await Promise.all(ghosts);
    clearInterval(polling);
    const status = await runner.client.request0(Methods.status);
    rss.push(status.memory.rssMB);
    console.log(
      `figure: typing storm ${typed} keystrokes in ${seconds.toFixed(1)} s (${Math.round(typed / seconds)}/s): ghost-text requests ${outcomes.sent} sent, ${outcomes.completed} answered, ${outcomes.cancelled} cancelled, ${outcomes.failed} failed; ` +
        `at most ${status.peakJobs} generation at once; unhandled rejections host ${unhandled.length}, runner ${runner.logs.filter((l) => /Unhandled rejection/.test(l)).length}; runner RSS ${Math.min(...rss)}–${Math.max(...rss)} MB (${rss.length} samples, first ${rss[0]}, last ${rss.at(-1)})`,
    );
    assert.equal(document.text, 'k'.repeat(typed) + ORIGINAL + withEol(result.text, '\r\n'), 'every keystroke and the whole streamed text, in place');
    assert.equal(writer.stopReason, undefined);
    assert.equal(outcomes.failed, 0);
    assert.equal(status.peakJobs, 1);
    assert.deepEqual(unhandled, []);
    assert.ok(!runner.logs.some((l) => /Unhandled rejection/.test(l)));
    // Flat: the second half of the storm peaks no higher than the first half (plus noise).
    const half = Math.floor(rss.length / 2);
    const firstHalf = Math.max(...rss.slice(0, half));
    const secondHalf = Math.max(...rss.slice(half));
    console.log(`figure: runner RSS peak first half ${firstHalf} MB, second half ${secondHalf} MB`);
    assert.ok(secondHalf - firstHalf < 64, `runner memory kept growing: ${firstHalf} → ${secondHalf} MB`);
  });

  it('a bad-input corpus: a clear message for each, 0 clobbered bytes', async () => {
    const rows: [string, string, number][] = [];
    const selection = (name: string, text: string): void => {
      const check = validateSelection(text, 200_000);
      assert.equal(check.ok, false, name);
      rows.push([name, check.ok ? '' : check.message, 0]);
    };
    selection('empty', '  \r\n ');
    selection('5 MB', 'x'.repeat(5_000_000));
    selection('binary', 'PK\u0003\u0004\u0000\u0000binary');
    const readOnly = placeOutput({ target: 'replace', readOnly: true, closed: false, changedSinceRead: false });
    rows.push(['read-only', readOnly.kind === 'write' ? (readOnly.notice ?? '') : readOnly.message, 0]);

    const throughRunner = async (name: string, params: GenerateParams, client = runner.client, expected: RegExp): Promise<void> => {
      const document = new FakeDocument(ORIGINAL, '\r\n');
      const { message } = await job(client, document, params);
      assert.match(message ?? '', expected, name);
      rows.push([name, message ?? '', changedBytes(document.text, ORIGINAL)]);
    };
    const corrupt = path.join(scratch, 'corrupt');
    cpSync(llama, corrupt, { recursive: true });
    writeFileSync(path.join(corrupt, 'onnx/model.onnx'), 'not an onnx file');
    const noTokenizer = path.join(scratch, 'no-tokenizer');
    cpSync(llama, noTokenizer, { recursive: true });
    unlinkSync(path.join(noTokenizer, 'tokenizer.json'));
    await throughRunner('corrupt model', generate({ model: corrupt, maxNewTokens: 8, minNewTokens: 8 }), undefined, /corrupt|not a valid ONNX/);
    await throughRunner('missing tokenizer', generate({ model: noTokenizer, maxNewTokens: 8, minNewTokens: 8 }), undefined, /tokenizer\.json is missing/);
    await throughRunner('offline, unknown model', generate({ model: 'someone/not-downloaded-model' }), undefined, /inkwell\.offline/);
    const huge = 'The harbour was quiet. '.repeat(230_000);
    await throughRunner('5 MB conversation', generate({ task: 'instruction', messages: [{ role: 'user', content: huge }], prompt: undefined }), undefined, /too long for the model/);
    const impatient = startTestRunner({}, undefined, { heartbeatMs: 200, unresponsiveMs: 2_000 });
    try {
      const stuck = backtrackingTokenizerModel(llama, path.join(scratch, 'backtracking'));
      await throughRunner('tokenizer regex that backtracks catastrophically', generate({ model: stuck, prompt: BACKTRACKING_INPUT }), impatient.client, /stopped responding/);
    } finally {
      await impatient.client.dispose();
    }

    // RTL, CJK and emoji stream in whole; a closed document stops the generation.
    const world = new FakeDocument('مرحبا 中文 😀 — ', '\r\n');
    const written = await job(runner.client, world, generate({ prompt: world.text, maxNewTokens: 16, minNewTokens: 16 }));
    assert.equal(written.message, undefined);
    assert.ok(world.text.startsWith('مرحبا 中文 😀 — ') && !/[\ud800-\udbff](?![\udc00-\udfff])/.test(world.text));
    rows.push(['RTL, CJK, emoji', '(written, no message)', 0]);
    const closing = new FakeDocument(ORIGINAL, '\r\n');
    let closingWriter: StreamWriter | undefined;
    const closed = job(runner.client, closing, generate(), (w) => (closingWriter = w));
    await waitFor(() => closing.text.length > ORIGINAL.length, 'text streaming in');
    // What the host does on onDidCloseTextDocument.
    closing.close();
    closingWriter?.onClosed();
    const ended = await closed;
    assert.match(ended.message ?? '', /document was closed/);
    rows.push(['document closed mid-generation', ended.message ?? '', 0]);

    for (const [name, message, bytes] of rows) console.log(`figure: bad input "${name}" → ${bytes} clobbered bytes; "${message}"`);
    for (const [name, message, bytes] of rows) {
      assert.ok(message.length > 10, `a message for ${name}`);
      assert.equal(bytes, 0, name);
    }
  });
});
