/**
 * Remote streams are bounded (issue 12, item 6): a line or event that never
 * ends, keep-alive comments without progress, an answer that never ends, and a
 * server that ignores max_tokens. Against the local test server, in process.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { RunnerErrorCode, type GenerateParams } from '../../src/protocol';
import { ChoiceText } from '../../src/runner/server/choiceText';
import { serverGenerate, type ServerBackend, type ServerOptions } from '../../src/runner/server/openaiClient';
import { startOpenAiServer, type OpenAiTestServer, type Scenario } from './openaiServer';
import { waitFor } from './runnerHarness';

const MB = 1024 * 1024;

function expectError(code: number, pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof ResponseError, `expected a ResponseError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, pattern);
    return true;
  };
}

describe('remote stream limits', () => {
  let server: OpenAiTestServer;
  before(async () => (server = await startOpenAiServer()));
  after(() => server.close());

  const backend = (model: Scenario, timeoutMs = 2000): ServerBackend => ({ kind: 'openai-compatible', baseUrl: server.baseUrl, model, timeoutMs });
  const generate = (model: Scenario, options: ServerOptions = {}, over: Partial<GenerateParams> = {}, chunks: string[] = [], timeoutMs?: number) =>
    serverGenerate(
      backend(model, timeoutMs),
      { model: 'unused', dtype: 'auto', prompt: 'Once upon a time', maxNewTokens: 100, ...over },
      { token: new CancellationTokenSource().token, onText: (t) => chunks.push(t) },
      { retryDelaysMs: [10, 20], ...options },
    );
  const last = () => server.requests.at(-1)!;
  const closedEarly = () => waitFor(() => last().closedEarly, 'the client to close the connection', 5000);

  it('a data line that never ends fails clearly once it passes the event limit, and stops reading', async () => {
    await assert.rejects(generate('endless-line'), expectError(RunnerErrorCode.ServerBadResponse, /line or event grew past 1024 KB without ending/));
    await closedEarly();
    // The server wanted to send 32 MB; the client closed after about 1 MB (plus socket buffers).
    assert.ok(last().bytesSent < 8 * MB, `server wrote ${last().bytesSent} bytes`);
  });

  it('an event whose data lines never end fails the same way', async () => {
    await assert.rejects(generate('endless-event', { maxEventChars: 256 * 1024 }), expectError(RunnerErrorCode.ServerBadResponse, /grew past 256 KB/));
    await closedEarly();
    assert.ok(last().bytesSent < 8 * MB, `server wrote ${last().bytesSent} bytes`);
  });

  it('keep-alive comments do not hold an answer open: the idle timeout still fires', async () => {
    const chunks: string[] = [];
    const started = Date.now();
    await assert.rejects(generate('keepalive-stall', { idleTimeoutMs: 300 }, {}, chunks), expectError(RunnerErrorCode.ServerTimeout, /stopped sending for 300 ms/));
    assert.ok(Date.now() - started < 5000);
    assert.equal(chunks.join(''), 'The quick brown ');
  });

  it('keep-alive comments before the first event count against the first-byte timeout', async () => {
    await assert.rejects(generate('keepalive-only', {}, {}, [], 400), expectError(RunnerErrorCode.ServerTimeout, /did not answer within 400 ms/));
  });

  it('holds a server that ignores max_tokens to it, and closes the stream', async () => {
    const chunks: string[] = [];
    const result = await generate('ignores-max-tokens', {}, { maxNewTokens: 7 }, chunks);
    assert.equal(result.text, 'word0 word1 word2 word3 word4 word5 word6 ');
    assert.equal(result.finishReason, 'length');
    assert.equal(result.generatedTokens, 7);
    assert.equal(chunks.join(''), result.text);
    await closedEarly();
  });

  it('cuts text past max_tokens × 32 characters when a server packs many tokens into a chunk', () => {
    const choice = new ChoiceText([], 2);
    assert.equal(choice.add('a'.repeat(40)), 'a'.repeat(40));
    assert.equal(choice.add(`${'b'.repeat(23)}🙂tail`), 'b'.repeat(23));
    assert.deepEqual(choice.result(false), { text: 'a'.repeat(40) + 'b'.repeat(23), finishReason: 'length' });
    assert.equal(choice.add('more'), '');
  });

  it('an answer that never ends is stopped after the total time limit', async () => {
    await assert.rejects(generate('endless-empty', { maxStreamMs: 300 }), expectError(RunnerErrorCode.ServerTimeout, /still streaming after 0 s|still streaming after/));
    await closedEarly();
  });

  it('an answer that streams too much is stopped at the size limit', async () => {
    await assert.rejects(generate('endless-empty', { maxStreamChars: 64 * 1024 }), expectError(RunnerErrorCode.ServerBadResponse, /streamed more than 64 KB/));
    await closedEarly();
  });
});
