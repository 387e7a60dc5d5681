import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { Methods, type PlaygroundParams, type PlaygroundTokensParams } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { startTestRunner, type TestRunner } from './runnerHarness';

describe('Playground generation in the runner (tiny-llama)', () => {
  let runner: TestRunner;
  let llama: string;

  before(async () => {
    llama = await ensureFixture('tiny-llama');
    runner = startTestRunner();
  });
  after(async () => {
    await runner.client.dispose();
  });

  const params = (over: Partial<PlaygroundParams> = {}): PlaygroundParams => ({
    task: 'text-generation',
    model: llama,
    dtype: 'fp32',
    prompt: 'The quick brown fox',
    maxNewTokens: 12,
    sequences: 3,
    temperature: 0.9,
    topK: 50,
    topP: 0.95,
    seed: 11,
    ...over,
  });

  it('samples 3 sequences side by side, streams their tokens, and gives each token a probability and 5 alternatives', async () => {
    const streamed: PlaygroundTokensParams[] = [];
    const result = await runner.client.playground(params(), (p) => streamed.push(p));
    assert.equal(result.confidence, 'local');
    assert.equal(result.sequences.length, 3);
    assert.ok(result.timings.firstTokenMs > 0 && result.timings.firstTokenMs <= result.timings.totalMs);
    const texts = new Set(result.sequences.map((s) => s.text));
    assert.ok(texts.size >= 2, `seeded sampling gives different sequences: ${[...texts].join(' | ')}`);
    for (const [index, sequence] of result.sequences.entries()) {
      assert.ok(sequence.generatedTokens > 0 && sequence.generatedTokens <= 12);
      assert.equal(sequence.tokens.map((t) => t.text).join(''), sequence.text, 'the tokens spell the text');
      for (const token of sequence.tokens) {
        assert.ok(token.probability > 0 && token.probability <= 1, `probability ${token.probability}`);
        assert.ok(token.rawProbability! > 0 && token.rawProbability! <= 1);
        assert.ok(token.alternatives.length > 0 && token.alternatives.length <= 5);
        for (let i = 1; i < token.alternatives.length; i++) assert.ok(token.alternatives[i - 1]!.probability >= token.alternatives[i]!.probability, 'alternatives most likely first');
        const total = token.alternatives.reduce((sum, alt) => sum + alt.probability, 0);
        assert.ok(total <= 1 + 1e-6);
        // The chosen token could be drawn, so it is at least as likely as the 5th alternative, or among them.
        assert.ok(token.probability <= token.alternatives[0]!.probability + 1e-9);
      }
      const streamedText = streamed.filter((p) => p.sequence === index).flatMap((p) => p.tokens.map((t) => t.text)).join('');
      assert.ok(streamedText.startsWith(sequence.text), 'the streamed tokens start with the final text');
    }
    // Same seed, same sequences.
    const again = await runner.client.playground(params(), () => undefined);
    assert.deepEqual(again.sequences.map((s) => s.text), result.sequences.map((s) => s.text));
  });

  it('top-k 1 makes every chosen token certain; greedy reports the raw distribution and writes what generate writes', async () => {
    const topOne = await runner.client.playground(params({ topK: 1, sequences: 2 }), () => undefined);
    for (const sequence of topOne.sequences) {
      for (const token of sequence.tokens) {
        assert.ok(Math.abs(token.probability - 1) < 1e-6, 'top-k 1 leaves one candidate');
        assert.equal(token.alternatives.length, 1);
      }
    }
    // Greedy: the chosen token is the most likely of the raw distribution, reported as it is.
    const greedy = await runner.client.playground(params({ temperature: 0, sequences: 1 }), () => undefined);
    for (const token of greedy.sequences[0]!.tokens) {
      assert.equal(token.probability, token.rawProbability);
      assert.ok(Math.abs(token.alternatives[0]!.probability - token.probability) < 1e-9, 'greedy picks the most likely token');
    }
    // The greedy text is the `generate` request's greedy text.
    const plain = await runner.client.request(Methods.generate, { model: llama, dtype: 'fp32', prompt: 'The quick brown fox', maxNewTokens: 12 });
    assert.equal(greedy.sequences[0]!.text, plain.text);
  });

  it('stop strings cut each sequence and its tokens', async () => {
    const free = await runner.client.playground(params({ sequences: 1, temperature: 0 }), () => undefined);
    const text = free.sequences[0]!.text;
    const stop = text.slice(4, 6);
    assert.ok(stop.trim().length > 0, `a stop string from the text: ${JSON.stringify(text)}`);
    const cut = await runner.client.playground(params({ sequences: 1, temperature: 0, stop: [stop] }), () => undefined);
    const sequence = cut.sequences[0]!;
    assert.equal(sequence.finishReason, 'stop');
    assert.equal(sequence.text, text.slice(0, text.indexOf(stop)));
    assert.equal(sequence.tokens.map((t) => t.text).join(''), sequence.text);
  });

  it('Stop cancels all sequences mid-generation and the runner is ready for the next run', async () => {
    const cancel = new CancellationTokenSource();
    let seen = 0;
    const result = await runner.client.playground(params({ maxNewTokens: 400, sequences: 3 }), (p) => {
      seen += p.tokens.length;
      if (seen >= 6) cancel.cancel();
    }, cancel.token);
    assert.ok(result.sequences.every((s) => s.finishReason === 'cancelled' || s.finishReason === 'eos' || s.finishReason === 'stop'));
    assert.ok(result.sequences.some((s) => s.finishReason === 'cancelled'));
    assert.ok(result.sequences.every((s) => s.generatedTokens < 400), 'stopped long before max tokens');
    const next = await runner.client.playground(params({ sequences: 2 }), () => undefined);
    assert.equal(next.sequences.length, 2);
    assert.ok(next.sequences.every((s) => s.finishReason !== 'cancelled'));
  });

  it('the instruction model gets the chat template, as the generate request does', async () => {
    const messages = [{ role: 'user' as const, content: 'Write about the sea.' }];
    const chat = await runner.client.playground(params({ task: 'instruction', prompt: undefined, messages, temperature: 0, sequences: 1 }), () => undefined);
    const plain = await runner.client.request(Methods.generate, { task: 'instruction', model: llama, dtype: 'fp32', messages, maxNewTokens: 12 });
    assert.equal(chat.sequences[0]!.text, plain.text);
    assert.ok(chat.promptTokens > 8, 'the template adds its markers to the prompt');
  });

  it('rejects 6 sequences with a clear message', async () => {
    await assert.rejects(runner.client.playground(params({ sequences: 6 }), () => undefined), /sequences must be 1 to 5/);
  });
});
