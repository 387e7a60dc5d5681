/**
 * The remote backend through the real runner process and the real host
 * client, against a local server that streams like vLLM and Ollama.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { Methods, RunnerErrorCode, type BackendConfig, type GenerateParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { ANSWER, API_KEY, startOpenAiServer, words, type OpenAiTestServer, type Scenario } from './openaiServer';
import { startTestRunner, waitFor, type TestRunner } from './runnerHarness';

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function expectError(code: number, ...patterns: RegExp[]) {
  return (err: unknown) => {
    assert.ok(err instanceof ResponseError, `expected a ResponseError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    for (const pattern of patterns) assert.match(err.message, pattern);
    return true;
  };
}

describe('remote backend through the runner', () => {
  let server: OpenAiTestServer;
  let runner: TestRunner;
  before(async () => {
    server = await startOpenAiServer();
    runner = startTestRunner({ backend: { kind: 'openai-compatible', baseUrl: server.baseUrl, model: 'normal', timeoutMs: 5000 } });
    await runner.client.request0(Methods.status);
  });
  after(async () => {
    await runner.client.dispose();
    await server.close();
  });

  /** Points the running runner at another scenario (or backend). */
  async function use(model: Scenario, over: Partial<Extract<BackendConfig, { kind: 'openai-compatible' }>> = {}): Promise<void> {
    runner.settings.backend = { kind: 'openai-compatible', baseUrl: server.baseUrl, model, timeoutMs: 5000, ...over };
    await runner.client.reconfigure();
  }
  const params = (over: Partial<GenerateParams> = {}): GenerateParams => ({ model: 'local-only', dtype: 'auto', prompt: 'Once upon a time', maxNewTokens: 100, ...over });
  const generate = (over: Partial<GenerateParams> = {}) => runner.client.request(Methods.generate, params(over));
  const last = () => server.requests.at(-1)!;

  it('offline mode contacts no server and says why', async () => {
    await use('normal');
    const before = server.requests.length;
    runner.settings.offline = true;
    await runner.client.reconfigure();
    try {
      await assert.rejects(generate(), expectError(RunnerErrorCode.ServerUnreachable, /Offline mode is on \("inkwell\.offline"\)/, /inkwell\.backend/));
      await assert.rejects(runner.client.request(Methods.complete, { documentId: 'd', model: 'm', dtype: 'auto', prompt: 'x', n: 1, maxNewTokens: 4 }), /Offline mode is on/);
      assert.equal(server.requests.length, before);
    } finally {
      runner.settings.offline = false;
      await runner.client.reconfigure();
    }
  });

  it('streams chunks in order that join to the final text', async () => {
    await use('normal');
    const chunks: string[] = [];
    const result = await runner.client.stream(Methods.generate, params(), (t) => chunks.push(t));
    assert.equal(result.text, ANSWER);
    assert.deepEqual(chunks, words(ANSWER));
    assert.equal(result.finishReason, 'stop');
    assert.equal(result.generatedTokens, words(ANSWER).length);
    assert.equal(last().path, '/v1/completions');
    assert.equal(last().body['prompt'], 'Once upon a time');
    assert.equal(last().body['model'], 'normal', 'the backend model, not the local one');
  });

  it('stops at max tokens with finishReason length', async () => {
    const result = await generate({ maxNewTokens: 4 });
    assert.equal(result.text, words(ANSWER).slice(0, 4).join(''));
    assert.equal(result.finishReason, 'length');
    assert.equal(last().body['max_tokens'], 4);
  });

  it('sends chat messages to /chat/completions', async () => {
    const chunks: string[] = [];
    const result = await runner.client.stream(Methods.generate, params({ prompt: undefined, messages: [{ role: 'user', content: 'hello there' }] }), (t) => chunks.push(t));
    assert.equal(last().path, '/v1/chat/completions');
    assert.deepEqual(last().body['messages'], [{ role: 'user', content: 'hello there' }]);
    assert.equal(result.text, `You said: hello there. ${ANSWER}`);
    assert.equal(chunks.join(''), result.text);
  });

  it('honours stop strings the server ignores, and stops the server generating', async () => {
    await use('slow');
    const chunks: string[] = [];
    const result = await runner.client.stream(Methods.generate, params({ stop: ['\n\n'] }), (t) => chunks.push(t));
    assert.equal(result.text, ANSWER.slice(0, ANSWER.indexOf('\n\n')));
    assert.equal(chunks.join(''), result.text);
    assert.equal(result.finishReason, 'stop');
    assert.deepEqual(last().body['stop'], ['\n\n']);
    const request = last();
    await waitFor(() => request.closedEarly, 'the server to see the connection closed', 5000);
  });

  it('cancelling mid-stream returns quickly with the text so far and closes the connection', async () => {
    await use('slow');
    const source = new CancellationTokenSource();
    const chunks: string[] = [];
    let cancelledAt = 0;
    const result = await runner.client.stream(
      Methods.generate,
      params(),
      (t) => {
        chunks.push(t);
        if (chunks.length === 2) {
          cancelledAt = Date.now();
          source.cancel();
        }
      },
      source.token,
    );
    assert.equal(result.finishReason, 'cancelled');
    assert.ok(Date.now() - cancelledAt < 500, `returned ${Date.now() - cancelledAt} ms after the cancellation`);
    assert.ok(result.text.length < ANSWER.length);
    assert.ok(ANSWER.startsWith(result.text));
    assert.equal(chunks.join(''), result.text);
    const request = last();
    await waitFor(() => request.closedEarly, 'the server to see the connection closed', 5000);
  });

  it('sends no Authorization header without a key; a 401 says how to set one', async () => {
    await use('needs-key');
    await assert.rejects(generate(), expectError(RunnerErrorCode.ServerUnauthorized, new RegExp(`The server at ${server.baseUrl} requires an API key \\(401\\)`), /Inkwell: Set API Key/));
    assert.equal(last().headers.authorization, undefined);
    await use('needs-key', { apiKey: 'wrong' });
    await assert.rejects(generate(), expectError(RunnerErrorCode.ServerUnauthorized, /rejected the API key \(401\)/, /Inkwell: Set API Key/));
  });

  it('sends the API key as a bearer token', async () => {
    await use('needs-key', { apiKey: API_KEY });
    const result = await generate();
    assert.equal(result.text, ANSWER);
    assert.equal(last().headers.authorization, `Bearer ${API_KEY}`);
  });

  it('names the unknown model and the setting, for vLLM and Ollama', async () => {
    for (const model of ['vllm-missing', 'ollama-missing'] as const) {
      await use(model);
      await assert.rejects(generate(), expectError(RunnerErrorCode.ServerModelNotFound, new RegExp(`"${model}"`), /inkwell\.remote\.model/));
    }
  });

  it('retries a 503 and then succeeds', async () => {
    await use('flaky');
    const result = await generate();
    assert.equal(result.text, ANSWER);
    assert.equal(server.requests.filter((r) => r.body['model'] === 'flaky').length, 2);
  });

  it('gives up after three attempts at a server that stays unavailable', async () => {
    await use('always-503');
    await assert.rejects(generate(), expectError(RunnerErrorCode.ServerUnreachable, /unavailable \(503/));
    assert.equal(server.requests.filter((r) => r.body['model'] === 'always-503').length, 3);
  });

  it('times out when the server never answers', async () => {
    await use('hang', { timeoutMs: 300 });
    const started = Date.now();
    await assert.rejects(generate(), expectError(RunnerErrorCode.ServerTimeout, /did not answer within 300 ms/, /inkwell\.remote\.timeoutMs/));
    assert.ok(Date.now() - started < 3000);
  });

  it('times out when the stream stalls', async () => {
    await use('stall', { timeoutMs: 300 });
    await assert.rejects(generate(), expectError(RunnerErrorCode.ServerTimeout, /stopped sending for 300 ms/));
    const request = last();
    await waitFor(() => request.closedEarly, 'the server to see the connection closed', 5000);
  });

  it('fails clearly when the stream is cut off, without retrying', async () => {
    await use('cutoff');
    await assert.rejects(generate(), expectError(RunnerErrorCode.ServerBadResponse, /closed the stream early/));
    assert.equal(server.requests.filter((r) => r.body['model'] === 'cutoff').length, 1);
  });

  it('fails clearly on a malformed stream, quoting it', async () => {
    await use('malformed');
    await assert.rejects(generate(), expectError(RunnerErrorCode.ServerBadResponse, /not JSON/, /oops/));
  });

  it('says when nothing listens at the URL', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    await use('normal', { baseUrl });
    await assert.rejects(generate(), expectError(RunnerErrorCode.ServerUnreachable, new RegExp(`Could not connect to ${baseUrl} \\(connection refused\\)\\. Is the server running\\?`)));
  });

  it('says when the base URL lacks the API path', async () => {
    await use('normal', { baseUrl: server.baseUrl.replace(/\/v1$/, '') });
    await assert.rejects(generate(), expectError(RunnerErrorCode.ServerBadResponse, /no \/completions endpoint \(404\)/, /\/v1/));
  });

  it('completes with distinct suggestions', async () => {
    await use('normal');
    const result = await runner.client.request(Methods.complete, { model: 'local-only', dtype: 'auto', documentId: 'file:///a.md', prompt: 'Once upon a time', n: 2, maxNewTokens: 5, seed: 4 });
    assert.equal(result.completions.length, 2);
    assert.equal(result.completions[0], words(ANSWER).slice(0, 5).join(''));
    assert.notEqual(result.completions[0], result.completions[1]);
    assert.equal(result.reusedTokens, 0);
  });

  it('a stream whose line never ends fails clearly, and runner memory stays flat', async (t) => {
    await use('endless-line');
    const memory = async () => (await runner.client.request0(Methods.status)).memory;
    const before = await memory();
    for (let i = 0; i < 5; i++) await assert.rejects(generate(), expectError(RunnerErrorCode.ServerBadResponse, /grew past 1024 KB without ending/));
    const after = await memory();
    t.diagnostic(`runner memory before ${before.rssMB} MB rss / ${before.heapUsedMB} MB heap, after 5 endless lines ${after.rssMB} / ${after.heapUsedMB} MB`);
    // Without the limit each request would buffer the server's 32 MB line.
    assert.ok(after.heapUsedMB - before.heapUsedMB < 32, `heap grew from ${before.heapUsedMB} to ${after.heapUsedMB} MB`);
  });

  it('local generation still works when the backend is local', async () => {
    const llama = await ensureFixture('tiny-llama');
    runner.settings.backend = { kind: 'local' };
    await runner.client.reconfigure();
    const before = server.requests.length;
    const result = await generate({ model: llama, dtype: 'fp32', maxNewTokens: 8, minNewTokens: 8 });
    assert.equal(result.generatedTokens, 8);
    assert.ok(result.timings.loadMs > 0);
    assert.equal(server.requests.length, before, 'nothing was sent to the server');
  });
});
