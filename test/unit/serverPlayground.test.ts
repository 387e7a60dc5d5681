/**
 * The Playground on an OpenAI-compatible server (a loopback test server here):
 * token probabilities from `logprobs` when the server sends them, text only
 * (and `confidence: 'none'`) when it does not.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { PlaygroundParams } from '../../src/protocol';
import { serverPlayground } from '../../src/runner/server/serverPlayground';

const TOKENS = ['Hello', ' there', ',', ' friend'];

describe('Playground on an OpenAI-compatible server', () => {
  let server: Server;
  let baseUrl = '';
  const bodies: Record<string, unknown>[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as Record<string, unknown>;
        bodies.push(body);
        const withLogprobs = body['model'] === 'with-logprobs';
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const seed = Number(body['seed'] ?? 0);
        for (const [i, token] of TOKENS.entries()) {
          const text = i === 0 ? `${token}${seed}` : token;
          const logprobs = withLogprobs
            ? { tokens: [text], token_logprobs: [Math.log(0.5)], top_logprobs: [{ [text]: Math.log(0.5), ' other': Math.log(0.25) }] }
            : null;
          res.write(`data: ${JSON.stringify({ choices: [{ index: 0, text, logprobs, finish_reason: null }] })}\n\n`);
        }
        res.write(`data: ${JSON.stringify({ choices: [{ index: 0, text: '', finish_reason: 'length' }], usage: { prompt_tokens: 3, completion_tokens: 4 } })}\n\n`);
        res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const params: PlaygroundParams = { task: 'text-generation', model: 'ignored', dtype: 'auto', prompt: 'Say hi', sequences: 2, maxNewTokens: 8, temperature: 0.9, seed: 5 };
  const run = (model: string, streamed: { sequence: number; texts: string[] }[] = []) =>
    serverPlayground({ kind: 'openai-compatible', baseUrl, model, timeoutMs: 5000 }, params, {
      token: new CancellationTokenSource().token,
      onTokens: (sequence, tokens) => streamed.push({ sequence, texts: tokens.map((t) => t.text) }),
      onText: (sequence, text) => streamed.push({ sequence, texts: [text] }),
    });

  it('asks for logprobs and reads each token probability and alternatives; one seed per sequence', async () => {
    const streamed: { sequence: number; texts: string[] }[] = [];
    const result = await run('with-logprobs', streamed);
    assert.equal(result.confidence, 'server');
    assert.equal(bodies.at(-1)!['logprobs'], 5);
    assert.deepEqual(result.sequences.map((s) => s.text), ['Hello5 there, friend', 'Hello6 there, friend']);
    const first = result.sequences[0]!;
    assert.equal(first.tokens.map((t) => t.text).join(''), first.text);
    assert.ok(Math.abs(first.tokens[1]!.probability - 0.5) < 1e-9);
    assert.deepEqual(first.tokens[1]!.alternatives.map((a) => a.text), [' there', ' other']);
    assert.deepEqual(streamed.filter((s) => s.sequence === 1).flatMap((s) => s.texts).join(''), 'Hello6 there, friend');
  });

  it('a server without logprobs gives the text only and says so', async () => {
    const streamed: { sequence: number; texts: string[] }[] = [];
    const result = await run('no-logprobs', streamed);
    assert.equal(result.confidence, 'none');
    assert.equal(result.sequences.length, 2);
    assert.equal(result.sequences[0]!.text, 'Hello5 there, friend');
    assert.deepEqual(result.sequences[0]!.tokens, []);
    assert.equal(streamed.filter((s) => s.sequence === 0).flatMap((s) => s.texts).join(''), 'Hello5 there, friend');
  });
});
