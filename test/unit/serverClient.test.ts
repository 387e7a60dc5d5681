/**
 * The OpenAI-compatible client called directly (in this process) against the
 * local test server: protocol details that are simpler to check here than
 * through the runner (see server.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { RunnerErrorCode, type CompleteParams, type GenerateParams } from '../../src/protocol';
import { REQUEST_CANCELLED } from '../../src/runner/errors';
import { serverComplete, serverGenerate, type ServerBackend, type ServerOptions } from '../../src/runner/server/openaiClient';
import { ANSWER, startOpenAiServer, words, type OpenAiTestServer, type Scenario } from './openaiServer';

const FAST: ServerOptions = { retryDelaysMs: [10, 20] };

describe('OpenAI-compatible client', () => {
  let server: OpenAiTestServer;
  before(async () => (server = await startOpenAiServer()));
  after(() => server.close());

  const backend = (model: Scenario, over: Partial<ServerBackend> = {}): ServerBackend => ({ kind: 'openai-compatible', baseUrl: server.baseUrl, model, timeoutMs: 2000, ...over });
  const generate = (model: Scenario, over: Partial<GenerateParams> = {}, chunks: string[] = [], token = new CancellationTokenSource().token) =>
    serverGenerate(backend(model), { model: 'unused', dtype: 'auto', prompt: 'Once upon a time', maxNewTokens: 100, ...over }, { token, onText: (t) => chunks.push(t) }, FAST);
  const complete = (model: Scenario, over: Partial<CompleteParams & { suffix: string }> = {}) =>
    serverComplete(backend(model), { model: 'unused', dtype: 'auto', documentId: 'doc', prompt: 'Once upon a time', n: 1, maxNewTokens: 100, ...over }, { token: new CancellationTokenSource().token, onText: () => undefined }, FAST);
  const last = () => server.requests.at(-1)!;
  const count = (model: string) => server.requests.filter((r) => r.body['model'] === model).length;

  it('decodes characters split between bytes, CRLF line ends and comments', async () => {
    const chunks: string[] = [];
    const result = await generate('split-bytes', { maxNewTokens: 14 }, chunks);
    assert.equal(result.text, words(ANSWER).slice(0, 14).join(''));
    assert.equal(chunks.join(''), result.text);
    assert.match(result.text, /Café ☕ in Zürich 🙂/);
    assert.equal(result.finishReason, 'length');
  });

  it('sends the OpenAI fields and only the headers it needs', async () => {
    await generate('normal', { temperature: 0.5, topP: 0.9, seed: 3, stop: ['a', 'b', 'c', 'd', 'e', ''], topK: 5, repetitionPenalty: 1.2 });
    const { body, headers, path } = last();
    assert.equal(path, '/v1/completions');
    assert.deepEqual(body, {
      model: 'normal',
      prompt: 'Once upon a time',
      max_tokens: 100,
      temperature: 0.5,
      top_p: 0.9,
      stop: ['a', 'b', 'c', 'd'],
      seed: 3,
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.equal(headers['user-agent'], 'inkwell');
    assert.equal(headers.authorization, undefined);
    assert.deepEqual(Object.keys(headers).sort(), ['accept', 'connection', 'content-length', 'content-type', 'host', 'user-agent']);
  });

  it('takes token counts from usage, or estimates them when the server sends none', async () => {
    const withUsage = await generate('normal', { maxNewTokens: 5 });
    assert.equal(withUsage.generatedTokens, 5);
    assert.equal(withUsage.promptTokens, words(JSON.stringify('Once upon a time')).length);
    const without = await generate('no-stream-options', { maxNewTokens: 5 });
    assert.equal(without.generatedTokens, 5, 'one token per text chunk');
    assert.equal(without.promptTokens, Math.ceil('Once upon a time'.length / 4));
    assert.equal(without.timings.loadMs, 0);
    assert.ok(without.timings.firstTokenMs > 0 && without.timings.firstTokenMs <= without.timings.totalMs);
  });

  it('drops stream_options after a server rejects it, and remembers that', async () => {
    const before = count('no-stream-options');
    await generate('no-stream-options', { maxNewTokens: 3 });
    assert.equal(count('no-stream-options') - before, 1, 'already known from the previous test');
    assert.equal('stream_options' in last().body, false);
  });

  it('accepts a stream that ends after finish_reason without [DONE]', async () => {
    const result = await generate('no-done');
    assert.equal(result.text, ANSWER);
    assert.equal(result.finishReason, 'stop');
  });

  it('accepts an answer that was not streamed', async () => {
    const chunks: string[] = [];
    const result = await generate('json', {}, chunks);
    assert.equal(result.text, ANSWER);
    assert.equal(chunks.join(''), ANSWER);
  });

  it('fails on an answer that is not an event stream', async () => {
    await assert.rejects(generate('html'), (err: ResponseError<void>) => err.code === RunnerErrorCode.ServerBadResponse && /text\/html instead of an event stream/.test(err.message));
  });

  it('fails on a stream that ends early, without retrying once text arrived', async () => {
    const before = count('ends-early');
    await assert.rejects(generate('ends-early'), (err: ResponseError<void>) => {
      assert.equal(err.code, RunnerErrorCode.ServerBadResponse);
      assert.match(err.message, /closed the stream early/);
      return true;
    });
    assert.equal(count('ends-early') - before, 1);
  });

  it('fails on a chunk without choices, quoting it', async () => {
    await assert.rejects(generate('no-choices'), (err: ResponseError<void>) => err.code === RunnerErrorCode.ServerBadResponse && /no "choices".*text_completion/.test(err.message));
  });

  it('sends a suffix for fill-in-the-middle, and drops it for servers without', async () => {
    const withSuffix = await complete('normal', { suffix: ' the end.' });
    assert.equal(last().body['suffix'], ' the end.');
    assert.equal(withSuffix.completions[0], `${ANSWER} [before  the end.]`);
    const fallback = await complete('no-suffix', { suffix: ' the end.' });
    assert.equal(fallback.completions[0], ANSWER);
    assert.equal('suffix' in last().body, false);
  });

  it('asks for n completions in one request when sampling', async () => {
    const before = count('normal');
    const result = await complete('normal', { n: 3, temperature: 0.7, seed: 1 });
    assert.equal(count('normal') - before, 1);
    assert.equal(last().body['n'], 3);
    assert.deepEqual(result.completions, [0, 1, 2].map((i) => `Variant 1.${i}: ${ANSWER}`));
    assert.equal(result.reusedTokens, 0);
  });

  it('greedy first, then sampled alternatives; one request each when the server ignores n', async () => {
    const greedy = await complete('normal', { n: 3, seed: 1 });
    assert.deepEqual(greedy.completions, [ANSWER, `Variant 2.0: ${ANSWER}`, `Variant 2.1: ${ANSWER}`]);
    const before = count('ignores-n');
    const result = await complete('ignores-n', { n: 3, seed: 1 });
    assert.equal(new Set(result.completions).size, 3);
    assert.equal(result.completions[0], ANSWER);
    assert.equal(count('ignores-n') - before, 3);
  });

  it('rejects a base URL that is not http(s) or a missing model', async () => {
    const token = new CancellationTokenSource().token;
    const params: GenerateParams = { model: 'unused', dtype: 'auto', prompt: 'x', maxNewTokens: 1 };
    await assert.rejects(serverGenerate(backend('normal', { baseUrl: 'localhost:8000' }), params, { token, onText: () => undefined }), /not an http\(s\) URL/);
    await assert.rejects(serverGenerate(backend('normal', { model: ' ' }), params, { token, onText: () => undefined }), /Set inkwell.remote.model/);
  });

  it('removes a trailing slash from the base URL', async () => {
    const token = new CancellationTokenSource().token;
    await serverGenerate(backend('normal', { baseUrl: `${server.baseUrl}/` }), { model: 'unused', dtype: 'auto', prompt: 'x', maxNewTokens: 1 }, { token, onText: () => undefined });
    assert.equal(last().path, '/v1/completions');
  });

  it('a request cancelled before it starts fails as it does locally', async () => {
    const source = new CancellationTokenSource();
    source.cancel();
    await assert.rejects(generate('normal', {}, [], source.token), (err: ResponseError<void>) => err.code === REQUEST_CANCELLED);
  });

  it('cancelling during a retry wait returns at once', async () => {
    const source = new CancellationTokenSource();
    const started = Date.now();
    const pending = serverGenerate(backend('always-503'), { model: 'unused', dtype: 'auto', prompt: 'x', maxNewTokens: 1 }, { token: source.token, onText: () => undefined }, { retryDelaysMs: [5000] });
    setTimeout(() => source.cancel(), 100);
    const result = await pending;
    assert.equal(result.finishReason, 'cancelled');
    assert.ok(Date.now() - started < 2000);
  });
});
