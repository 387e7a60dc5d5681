import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { COMPLETION_LENGTHS } from '../../src/core/inline/completionLength';
import { postprocessCompletion } from '../../src/core/inline/postprocess';
import { suggestionUnit } from '../../src/core/inline/unitStop';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { Methods, RunnerErrorCode, type CompleteParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { startTestRunner, type TestRunner } from './runnerHarness';

const TEXT = 'Inkwell writes along with you. It runs a small model on your own machine and suggests the next words as you type, ';

describe('inline completion with KV-cache prefix reuse (real runner, generated model)', () => {
  let runner: TestRunner;
  let model: string;
  before(async () => {
    model = await ensureFixture('tiny-llama');
    runner = startTestRunner();
  });
  after(() => runner.client.dispose());

  const params = (prompt: string, over: Partial<CompleteParams> = {}): CompleteParams => ({
    documentId: 'file:///doc.md',
    model,
    dtype: 'fp32',
    prompt,
    n: 1,
    maxNewTokens: 12,
    minNewTokens: 12,
    ...over,
  });
  const fresh = (prompt: string) => runner.client.request(Methods.complete, params(prompt, { reuseCache: false, documentId: 'file:///other.md' }));

  it('a growing prompt reuses the cached prefix and gives the same tokens as a fresh run', async () => {
    const first = await runner.client.request(Methods.complete, params(TEXT));
    assert.equal(first.reusedTokens, 0);
    const longer = `${TEXT}and it never`;
    const reused = await runner.client.request(Methods.complete, params(longer));
    assert.ok(reused.reusedTokens > first.promptTokens / 2, `reused only ${reused.reusedTokens} of ${reused.promptTokens}`);
    assert.ok(reused.reusedTokens < reused.promptTokens);
    assert.deepEqual(reused.completions, (await fresh(longer)).completions);
  });

  it('accepting the suggestion keeps the generated tokens cached', async () => {
    const first = await runner.client.request(Methods.complete, params(TEXT));
    const accepted = TEXT + first.completions[0];
    const next = await runner.client.request(Methods.complete, params(accepted));
    assert.ok(next.reusedTokens >= first.promptTokens, `reused ${next.reusedTokens}, prompt was ${first.promptTokens}`);
    assert.deepEqual(next.completions, (await fresh(accepted)).completions);
  });

  it('a prompt that diverges early crops the cache (or starts fresh) and stays correct', async () => {
    await runner.client.request(Methods.complete, params(TEXT));
    const edited = `Quite different words. ${TEXT}`;
    const result = await runner.client.request(Methods.complete, params(edited));
    assert.ok(result.reusedTokens < 3);
    assert.deepEqual(result.completions, (await fresh(edited)).completions);
    const shorter = TEXT.slice(0, 40);
    const cropped = await runner.client.request(Methods.complete, params(shorter));
    assert.deepEqual(cropped.completions, (await fresh(shorter)).completions);
  });

  it('closing the document drops its cache', async () => {
    await runner.client.request(Methods.complete, params(TEXT));
    await runner.client.request(Methods.closeDocument, { documentId: 'file:///doc.md' });
    const after = await runner.client.request(Methods.complete, params(`${TEXT}x`));
    assert.equal(after.reusedTokens, 0);
  });

  it('returns several distinct suggestions', async () => {
    const result = await runner.client.request(Methods.complete, params(TEXT, { n: 3, seed: 1 }));
    assert.equal(result.completions.length, 3);
    assert.equal(new Set(result.completions).size, 3);
    const status = await runner.client.request0(Methods.status);
    assert.ok(status.prefixCache.documents >= 1);
  });

  it('stops decoding where the suggestion ends: the same suggestion, fewer tokens', async () => {
    let saved = 0;
    for (const length of COMPLETION_LENGTHS) {
      for (const prompt of [TEXT, `${TEXT}and`, 'Dear reader,\n\nThe tide came in early this morning.']) {
        const ctx = { prefix: prompt, suffix: '', length, comment: null };
        const over = { reuseCache: false, maxNewTokens: 24, minNewTokens: undefined };
        const full = await runner.client.request(Methods.complete, params(prompt, over));
        const stopped = await runner.client.request(Methods.complete, params(prompt, { ...over, unit: suggestionUnit(length, null, prompt) }));
        assert.equal(postprocessCompletion(stopped.completions[0]!, ctx), postprocessCompletion(full.completions[0]!, ctx), `${length}: ${JSON.stringify(full.completions[0])}`);
        assert.ok(stopped.generatedTokens <= full.generatedTokens);
        saved += full.generatedTokens - stopped.generatedTokens;
      }
    }
    assert.ok(saved > 0, 'some suggestion ended before the cap');
  });

  it('ends with finishReason done, or cancelled when cancelled mid-decode (not a partial success)', async () => {
    assert.equal((await runner.client.request(Methods.complete, params(TEXT))).finishReason, 'done');
    const source = new CancellationTokenSource();
    const pending = runner.client.request(Methods.complete, params(TEXT, { reuseCache: false, maxNewTokens: 1000, minNewTokens: 1000 }), source.token);
    // `status` is answered outside the work queue: busy means the decode is running.
    while (!(await runner.client.request0(Methods.status)).busy) await new Promise((resolve) => setTimeout(resolve, 10));
    source.cancel();
    const result = await pending;
    assert.equal(result.finishReason, 'cancelled');
    assert.ok(result.generatedTokens < 1000, `generated ${result.generatedTokens}`);
  });

  it("a model's KV caches go when the store unloads it: on request, or when another dtype replaces it", async () => {
    const documents = async () => (await runner.client.request0(Methods.status)).prefixCache.documents;
    await runner.client.request(Methods.complete, params(TEXT));
    assert.ok((await documents()) >= 1);
    await runner.client.request(Methods.unloadModel, {});
    assert.equal(await documents(), 0);

    await runner.client.request(Methods.complete, params(TEXT));
    assert.ok((await documents()) >= 1);
    await runner.client.request(Methods.loadModel, { task: 'text-generation', model, dtype: 'q8' });
    assert.equal(await documents(), 0, 'the fp32 model was replaced: its caches are dropped');
  });

  it('a model folder that does not exist fails with the typed "not downloaded" error', async () => {
    await assert.rejects(runner.client.request(Methods.complete, params(TEXT, { model: `${model}-missing` })), (err: Error & { code?: number }) => err.code === RunnerErrorCode.ModelNotDownloaded && /does not exist/.test(err.message));
  });
});
