import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { RunnerCrashedError } from '../../src/host/runnerClient';
import { Methods, RunnerErrorCode, type GenerateParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { startTestRunner, waitFor, type TestRunner } from './runnerHarness';

describe('model runner on generated models', () => {
  let runner: TestRunner;
  let llama: string;
  let bart: string;
  const scratch = mkdtempSync(path.join(tmpdir(), 'inkwell-runner-test-'));

  before(async () => {
    llama = await ensureFixture('tiny-llama');
    bart = await ensureFixture('tiny-bart');
    runner = startTestRunner();
  });
  after(async () => {
    await runner.client.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  const params = (over: Partial<GenerateParams> = {}): GenerateParams => ({
    model: llama,
    dtype: 'fp32',
    prompt: 'The quick brown fox',
    maxNewTokens: 24,
    minNewTokens: 24,
    ...over,
  });

  it('greedy generation is deterministic and readable', async () => {
    const a = await runner.client.request(Methods.generate, params());
    const b = await runner.client.request(Methods.generate, params());
    assert.equal(a.generatedTokens, 24);
    assert.ok(a.text.length > 0);
    assert.equal(a.text, b.text);
    assert.equal(a.finishReason, 'length');
    assert.ok(a.promptTokens > 0);
  });

  it('seeded sampling is reproducible, and another seed gives other text', async () => {
    const sampled = (seed: number) => runner.client.request(Methods.generate, params({ temperature: 1.2, topP: 0.95, seed, maxNewTokens: 32, minNewTokens: 32 }));
    const a = await sampled(7);
    const b = await sampled(7);
    const c = await sampled(8);
    assert.equal(a.text, b.text);
    assert.notEqual(a.text, c.text);
  });

  it('loads the q8 weights too', async () => {
    const loaded = await runner.client.request(Methods.loadModel, { task: 'text-generation', model: llama, dtype: 'q8' });
    assert.equal(loaded.dtype, 'q8');
    // The bundled runner loads the decoder graph edited (decode/editedSession.ts wraps onnxruntime-node's InferenceSession.create).
    assert.ok(runner.logs.some((l) => /model_quantized\.onnx edited to decode with a fixed-size cache/.test(l)), runner.logs.join('\n'));
    const q8 = await runner.client.request(Methods.generate, params({ dtype: 'q8' }));
    assert.equal(q8.generatedTokens, 24);
  });

  it('streams chunks in order that join to the final text', async () => {
    const chunks: string[] = [];
    const result = await runner.client.stream(Methods.generate, params({ maxNewTokens: 40, minNewTokens: 40 }), (t) => chunks.push(t));
    assert.ok(chunks.length > 3, `expected several chunks, got ${chunks.length}`);
    assert.equal(chunks.join(''), result.text);
  });

  it('stops at a stop string and never streams past it', async () => {
    const full = await runner.client.request(Methods.generate, params({ maxNewTokens: 40, minNewTokens: 40 }));
    const stop = full.text.slice(10, 12);
    assert.equal(stop.length, 2);
    const chunks: string[] = [];
    const cut = await runner.client.stream(Methods.generate, params({ maxNewTokens: 40, minNewTokens: 40, stop: [stop] }), (t) => chunks.push(t));
    assert.equal(cut.finishReason, 'stop');
    assert.equal(cut.text, full.text.slice(0, full.text.indexOf(stop)));
    assert.equal(chunks.join(''), cut.text);
  });

  it('cancel mid-generation returns within a token', async () => {
    const source = new CancellationTokenSource();
    let chunksAtCancel = -1;
    const result = await runner.client.stream(
      Methods.generate,
      params({ maxNewTokens: 400, minNewTokens: 400 }),
      () => {
        if (chunksAtCancel < 0) {
          chunksAtCancel = 1;
          source.cancel();
        }
      },
      source.token,
    );
    assert.equal(result.finishReason, 'cancelled');
    assert.ok(result.generatedTokens < 400);
    assert.ok(result.tokensAfterCancel !== undefined && result.tokensAfterCancel <= 1, `generated ${result.tokensAfterCancel} tokens after the runner saw the cancellation`);
  });

  it('chat messages go through the chat template in the instruction slot, beside the completion model', async () => {
    const messages = [
      { role: 'system' as const, content: 'You rewrite text.' },
      { role: 'user' as const, content: 'Make this friendly: The meeting is moved.' },
    ];
    const chat = await runner.client.request(Methods.generate, params({ task: 'instruction', messages, prompt: undefined }));
    const raw = await runner.client.request(Methods.generate, params({ task: 'instruction', prompt: 'Make this friendly: The meeting is moved.' }));
    assert.equal(chat.generatedTokens, 24);
    assert.ok(chat.promptTokens > raw.promptTokens, 'the template adds its role markers');
    const status = await runner.client.request0(Methods.status);
    assert.deepEqual(status.loaded.map((m) => m.task).sort(), ['instruction', 'text-generation']);
  });

  it('counts tokens with the model tokenizer and reports its input limit', async () => {
    const counted = await runner.client.request(Methods.countTokens, { task: 'summarization', model: bart, dtype: 'fp32', texts: ['one two three', 'one two three four five six seven eight'] });
    assert.equal(counted.counts.length, 2);
    assert.ok(counted.counts[1]! > counted.counts[0]!);
    assert.equal(counted.limit, 1024);
  });

  it('summarizes and translates with the encoder-decoder model', async () => {
    const text = 'Inkwell runs small language models on your own machine. It writes summaries and translations without sending text anywhere.';
    const chunks: string[] = [];
    const summary = await runner.client.stream(Methods.summarize, { model: bart, dtype: 'fp32', text, maxNewTokens: 20, minNewTokens: 8 }, (t) => chunks.push(t));
    assert.ok(summary.text.length > 0);
    assert.equal(chunks.join('').trim(), summary.text);
    const translation = await runner.client.request(Methods.translate, { model: bart, dtype: 'fp32', text, maxNewTokens: 20, minNewTokens: 8 });
    assert.ok(translation.text.length > 0);
    assert.deepEqual([summary.finishReason, translation.finishReason], ['done', 'done']);
  });

  it('a summary cancelled while it streams ends with finishReason cancelled', async () => {
    const text = 'Inkwell runs small language models on your own machine. It writes summaries and translations without sending text anywhere.';
    const source = new CancellationTokenSource();
    const result = await runner.client.stream(Methods.summarize, { model: bart, dtype: 'fp32', text, maxNewTokens: 200, minNewTokens: 200 }, () => source.cancel(), source.token);
    assert.equal(result.finishReason, 'cancelled');
  });

  it('refuses seq2seq input longer than the model reads, instead of truncating', async () => {
    const huge = 'word '.repeat(5000);
    await assert.rejects(runner.client.request(Methods.summarize, { model: bart, dtype: 'fp32', text: huge, maxNewTokens: 8 }), (err: Error & { code?: number }) => {
      assert.equal(err.code, RunnerErrorCode.InvalidParams);
      assert.match(err.message, /tokens long; this model reads at most \d+/);
      return true;
    });
  });

  it('with offline on, an unknown hub model fails naming the setting to change', async () => {
    await assert.rejects(runner.client.request(Methods.generate, params({ model: 'someone/not-downloaded-model' })), (err: Error & { code?: number }) => {
      assert.equal(err.code, RunnerErrorCode.ModelUnavailableOffline);
      assert.match(err.message, /inkwell\.offline/);
      return true;
    });
  });

  it('a corrupt model.onnx fails clearly and the runner keeps serving', async () => {
    const corrupt = path.join(scratch, 'corrupt-llama');
    cpSync(llama, corrupt, { recursive: true });
    writeFileSync(path.join(corrupt, 'onnx/model.onnx'), 'this is not an onnx file');
    await assert.rejects(runner.client.request(Methods.generate, params({ model: corrupt })), (err: Error & { code?: number }) => {
      assert.equal(err.code, RunnerErrorCode.ModelCorrupt);
      assert.match(err.message, /corrupt|not a valid ONNX/);
      return true;
    });
    const ok = await runner.client.request(Methods.generate, params());
    assert.equal(ok.generatedTokens, 24);
  });

  it('a missing tokenizer.json fails clearly and the runner keeps serving', async () => {
    const broken = path.join(scratch, 'no-tokenizer');
    cpSync(llama, broken, { recursive: true });
    rmSync(path.join(broken, 'tokenizer.json'));
    await assert.rejects(runner.client.request(Methods.generate, params({ model: broken })), /tokenizer\.json is missing/);
    const ok = await runner.client.request(Methods.generate, params());
    assert.equal(ok.generatedTokens, 24);
  });

  it('killing the runner mid-request rejects it clearly; the next request succeeds after the restart', async () => {
    let killed = false;
    const pending = runner.client.stream(Methods.generate, params({ maxNewTokens: 2000, minNewTokens: 2000 }), () => {
      const pid = runner.client.pid;
      if (!killed && pid) process.kill(pid, 'SIGKILL');
      killed = true;
    });
    await assert.rejects(pending, (err: Error) => {
      assert.ok(err instanceof RunnerCrashedError, `expected RunnerCrashedError, got ${err}`);
      assert.match(err.message, /stopped unexpectedly \(killed by SIGKILL\)/);
      return true;
    });
    const ok = await runner.client.request(Methods.generate, params());
    assert.equal(ok.generatedTokens, 24);
    await waitFor(() => runner.states.at(-1) === 'ready', 'the runner to be ready again');
    assert.ok(runner.states.includes('crashed'));
  });
});
