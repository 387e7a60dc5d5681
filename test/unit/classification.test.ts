/**
 * The runner's classification (`inkwell/classify`) on generated BERT encoders, with the real
 * transformers.js pipelines and onnxruntime-node. The test models' heads give chosen words known
 * labels (test/fixtures/checkMarkers.ts), so these results prove the wiring, not a trained model.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { RunnerErrorCode, type ClassifyParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { startTestRunner, type TestRunner } from './runnerHarness';

describe('runner classification on generated encoders', () => {
  let runner: TestRunner;
  const models: Record<string, string> = {};

  before(async () => {
    models.sentiment = await ensureFixture('tiny-bert-sentiment');
    models.nli = await ensureFixture('tiny-bert-nli');
    models.ner = await ensureFixture('tiny-bert-ner');
    runner = startTestRunner();
  });
  after(async () => {
    await runner.client.dispose();
  });

  const classify = (params: Omit<ClassifyParams, 'dtype'> & { dtype?: ClassifyParams['dtype'] }, onProgress: (done: number, total: number) => void = () => undefined) =>
    runner.client.classify({ dtype: 'fp32', ...params }, onProgress);

  for (const dtype of ['fp32', 'q8'] as const) {
    it(`sentiment (${dtype}): sentences with a negative marker word are NEGATIVE, others POSITIVE, in order, with progress per batch`, async () => {
      const texts = ['The install is terrible.', 'The sun is warm today.', '', 'I hate waiting.', 'Good work on the new page.'];
      const progress: number[] = [];
      const { results } = await classify({ task: 'text-classification', model: models.sentiment, dtype, texts, batchSize: 2 }, (done) => progress.push(done));
      assert.deepEqual(results.map((r) => r.labels?.[0]?.label ?? 'none'), ['NEGATIVE', 'POSITIVE', 'none', 'NEGATIVE', 'POSITIVE']);
      assert.ok((results[0].labels?.[0].score ?? 0) > 0.95);
      assert.equal(results[0].labels?.length, 2, 'every label with its score');
      assert.deepEqual(progress, [2, 4, 5]);
    });
  }

  it('zero-shot: each paragraph entails the tone its words mark, against the labels asked for', async () => {
    const { results } = await classify({
      task: 'zero-shot-classification',
      model: models.nli,
      texts: ['We are gonna ship cool stuff.', 'It might maybe work, perhaps.', 'We hereby announce the release.'],
      candidateLabels: ['formal', 'casual', 'hedging', 'confident'],
    });
    assert.deepEqual(results.map((r) => r.labels?.[0].label), ['casual', 'hedging', 'formal']);
    for (const r of results) assert.ok((r.labels?.[0].score ?? 0) > 0.9 && r.labels?.length === 4);
  });

  it('token classification: entities grouped (PER, ORG, LOC) with their offsets in each text', async () => {
    const texts = ['Alice moved to Paris and works at GitHub, not Github.', 'nothing here', 'See `code` and   Acme.'];
    const { results } = await classify({ task: 'token-classification', model: models.ner, texts });
    const first = results[0].entities ?? [];
    assert.deepEqual(first.map((e) => [e.group, e.text]), [['PER', 'Alice'], ['LOC', 'Paris'], ['ORG', 'GitHub'], ['ORG', 'Github']]);
    for (const e of first) assert.equal(texts[0].slice(e.start, e.end), e.text);
    assert.deepEqual(results[1].entities, []);
    const acme = results[2].entities?.[0];
    assert.equal(acme && texts[2].slice(acme.start, acme.end), 'Acme');
  });

  it('refuses bad input with a clear message, and stops between batches when cancelled', async () => {
    await assert.rejects(classify({ task: 'zero-shot-classification', model: models.nli, texts: ['x'], candidateLabels: [] }), (err: Error & { code?: number }) => {
      assert.equal(err.code, RunnerErrorCode.InvalidParams);
      assert.match(err.message, /at least one non-empty label/);
      return true;
    });
    const source = new CancellationTokenSource();
    const texts = Array.from({ length: 400 }, (_, i) => `Sentence ${i} about GitHub and Alice.`);
    const seen: number[] = [];
    const run = runner.client.classify({ task: 'token-classification', model: models.ner, dtype: 'fp32', texts, batchSize: 4 }, (done) => {
      seen.push(done);
      if (done >= 8) source.cancel();
    }, source.token);
    await assert.rejects(run, /cancelled/i);
    assert.ok(seen.length < 100, `stopped early (${seen.length} batches ran)`);
  });
});
