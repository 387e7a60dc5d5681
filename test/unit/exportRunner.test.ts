// The test models in the real exports' shapes load through the real runner and give the plain fixture's
// greedy tokens; prefix KV reuse (a cropped DynamicCache fed to GroupQueryAttention) matches a fresh run.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Methods, type CompleteParams, type Dtype } from '../../src/protocol';
import { ensureFixture } from '../fixtures/generate';
import { startTestRunner, type TestRunner } from './runnerHarness';

const PROMPT = 'The quick brown fox jumps over the lazy dog, and the';
const TEXT = 'Inkwell writes along with you. It runs a small model on your own machine and suggests the next words as you type, ';
const TOKENS = 24;

describe('real export shapes through the runner (greedy tokens, prefix reuse)', () => {
  let runner: TestRunner;
  const dirs: Record<'plain' | 'gqa' | 'external', string> = { plain: '', gqa: '', external: '' };
  before(async () => {
    dirs.plain = await ensureFixture('tiny-llama');
    dirs.gqa = await ensureFixture('tiny-llama-gqa');
    dirs.external = await ensureFixture('tiny-llama-external');
    runner = startTestRunner();
  });
  after(() => runner.client.dispose());

  const greedy = async (model: string, dtype: Dtype, prompt = PROMPT) => {
    const out = await runner.client.request(Methods.generate, { model, dtype, prompt, maxNewTokens: TOKENS, minNewTokens: TOKENS });
    assert.equal(out.generatedTokens, TOKENS);
    return out.text;
  };

  it('fp32 in the builder graph (GQA) and with external data gives the plain fp32 tokens exactly', async () => {
    for (const prompt of [PROMPT, TEXT]) {
      const reference = await greedy(dirs.plain, 'fp32', prompt);
      assert.equal(await greedy(dirs.gqa, 'fp32', prompt), reference, 'GQA graph');
      assert.equal(await greedy(dirs.external, 'fp32', prompt), reference, 'external data');
    }
  });

  it('8-bit weights named model_int8.onnx load as q8 and match model_quantized.onnx (same scheme)', async () => {
    const loaded = await runner.client.request(Methods.loadModel, { task: 'text-generation', model: dirs.external, dtype: 'auto' });
    assert.equal(loaded.dtype, 'q8');
    assert.equal(await greedy(dirs.external, 'q8'), await greedy(dirs.plain, 'q8'));
    assert.equal(await greedy(dirs.external, 'q4'), await greedy(dirs.plain, 'q4'));
  });

  it('a folder with only model_uint8.onnx loads it as q8', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'inkwell-uint8-'));
    try {
      cpSync(dirs.gqa, copy, { recursive: true, filter: (f) => !/model(_int8|_q4)?\.onnx$/.test(f) });
      const loaded = await runner.client.request(Methods.loadModel, { task: 'text-generation', model: copy, dtype: 'auto' });
      assert.equal(loaded.dtype, 'q8');
      const text = await greedy(copy, 'q8');
      assert.equal(await greedy(copy, 'q8'), text);
      await assert.rejects(greedy(copy, 'q4'), /has no q4 weights for text-generation.*It has: q8/);
    } finally {
      await runner.client.request(Methods.unloadModel, {});
      rmSync(copy, { recursive: true, force: true });
    }
  });

  // 8-bit files quantize activations per tensor (DynamicQuantizeLinear over every row fed at once), so
  // feeding only the new tokens rounds differently from feeding the whole prompt: reuse is close to a fresh
  // run, not identical (exportTolerance.test.ts bounds the difference). q4 (MatMulNBits) and fp32 are exact.
  it('prefix reuse on the 8-bit GQA file reuses the cached prefix', async () => {
    const params = (prompt: string): CompleteParams => ({ documentId: 'file:///gqa-q8.md', model: dirs.gqa, dtype: 'q8', prompt, n: 1, maxNewTokens: 12, minNewTokens: 12 });
    const first = await runner.client.request(Methods.complete, params(TEXT));
    const grown = await runner.client.request(Methods.complete, params(`${TEXT}and it never`));
    assert.ok(grown.reusedTokens > first.promptTokens / 2 && grown.generatedTokens === 12, `reused ${grown.reusedTokens} of ${grown.promptTokens}`);
  });

  for (const [shape, dtype] of [['gqa', 'q4'], ['gqa', 'fp32'], ['external', 'fp32']] as const) {
    it(`prefix reuse on ${shape} ${dtype} gives a fresh run's tokens (growing, accepted, diverging, shortened prompts)`, async () => {
      const documentId = `file:///${shape}-${dtype}.md`;
      const params = (prompt: string, over: Partial<CompleteParams> = {}): CompleteParams => ({ documentId, model: dirs[shape], dtype, prompt, n: 1, maxNewTokens: 12, minNewTokens: 12, ...over });
      const complete = (prompt: string) => runner.client.request(Methods.complete, params(prompt));
      const fresh = async (prompt: string) => (await runner.client.request(Methods.complete, params(prompt, { reuseCache: false, documentId: 'file:///fresh.md' }))).completions;

      const first = await complete(TEXT);
      const longer = `${TEXT}and it never`;
      const grown = await complete(longer);
      assert.ok(grown.reusedTokens > first.promptTokens / 2 && grown.reusedTokens < grown.promptTokens, `reused ${grown.reusedTokens} of ${grown.promptTokens}`);
      assert.deepEqual(grown.completions, await fresh(longer));

      const accepted = longer + grown.completions[0];
      const next = await complete(accepted);
      assert.ok(next.reusedTokens >= grown.promptTokens, `reused ${next.reusedTokens}, prompt was ${grown.promptTokens}`);
      assert.deepEqual(next.completions, await fresh(accepted));

      const shorter = TEXT.slice(0, 40); // the cache is cropped to a prefix of what it holds
      const cropped = await complete(shorter);
      assert.ok(cropped.reusedTokens > 0);
      assert.deepEqual(cropped.completions, await fresh(shorter));

      const edited = `Quite different words. ${TEXT}`;
      const diverged = await complete(edited);
      assert.ok(diverged.reusedTokens < 3);
      assert.deepEqual(diverged.completions, await fresh(edited));
    });
  }
});
