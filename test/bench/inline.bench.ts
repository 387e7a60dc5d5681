/**
 * Inline-completion speed with and without KV-cache prefix reuse, on the
 * SmolLM2-135M-sized generated model: a person typing through a ~1,000-token
 * Markdown document, one word at a time, asking for a suggestion after each
 * word (STEPS times). Both modes run in the same process, interleaved, so the
 * ratio is fair on a shared machine. Prints a table and a `BENCH {json}` line.
 *
 *   npm run bench:inline        (MODEL=tiny-llama for a quick check, STEPS=50)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { choosePrefixStart, type PrefixWindow } from '../../src/core/inline/prefixWindow';
import { generationLimits } from '../../src/core/inline/generationLimits';
import { Methods, type CompleteResult } from '../../src/protocol';
import { ensureFixture, type FixtureName } from '../fixtures/generate';
import { startTestRunner } from '../unit/runnerHarness';
import { median, percentile, printTable, round } from './stats';

const STEPS = Number(process.env.STEPS ?? 50);
const MODEL = (process.env.MODEL ?? 'smollm2-135m-random') as FixtureName;
const TARGET_TOKENS = 1000;
const BUDGET = 1024;

async function documentText(folder: string): Promise<{ text: string; tokens: number }> {
  const guide = readFileSync(path.join(__dirname, '../fixtures/documents/guide.md'), 'utf8');
  const tokenizer = await AutoTokenizer.from_pretrained(folder);
  let text = guide;
  while (tokenizer.encode(text).length < TARGET_TOKENS) text += `\n${guide}`;
  const ids = tokenizer.encode(text, { add_special_tokens: false }).slice(0, TARGET_TOKENS);
  return { text: tokenizer.decode(ids), tokens: ids.length };
}

async function main(): Promise<void> {
  const folder = await ensureFixture(MODEL);
  const { text, tokens } = await documentText(folder);
  const words = text.split(/(?<=\s)/);
  const startWords = words.length - STEPS;
  const limits = generationLimits('sentence');
  const runner = startTestRunner({ threads: 0 });
  const samples: Record<'reuse' | 'fresh', CompleteResult[]> = { reuse: [], fresh: [] };
  const windows: Record<'reuse' | 'fresh', PrefixWindow | undefined> = { reuse: undefined, fresh: undefined };
  try {
    await runner.client.request(Methods.loadModel, { task: 'text-generation', model: folder, dtype: 'fp32' });
    for (let step = 0; step <= STEPS; step++) {
      const before = words.slice(0, startWords + step).join('');
      for (const mode of step % 2 === 0 ? (['reuse', 'fresh'] as const) : (['fresh', 'reuse'] as const)) {
        windows[mode] = choosePrefixStart(before, BUDGET, windows[mode]);
        const result = await runner.client.request(Methods.complete, {
          documentId: `bench-${mode}`,
          model: folder,
          dtype: 'fp32',
          prompt: before.slice(windows[mode]!.start),
          n: 1,
          maxNewTokens: 16,
          minNewTokens: 16,
          stop: limits.stop,
          temperature: 0,
          reuseCache: mode === 'reuse',
        });
        // Step 0 only fills the cache, as the first suggestion in a document does.
        if (step > 0) samples[mode].push(result);
      }
    }
    const status = await runner.client.request0(Methods.status);
    const ttft = (mode: 'reuse' | 'fresh') => samples[mode].map((r) => r.timings.firstTokenMs);
    const total = (mode: 'reuse' | 'fresh') => samples[mode].map((r) => r.timings.totalMs);
    const decode = samples.reuse.concat(samples.fresh).map((r) => (r.timings.totalMs - r.timings.firstTokenMs) / Math.max(1, r.generatedTokens - 1));
    const bench = {
      model: MODEL,
      steps: STEPS,
      prompt_tokens: round(median(samples.reuse.map((r) => r.promptTokens)), 0),
      document_tokens: tokens,
      reused_tokens_p50: round(median(samples.reuse.map((r) => r.reusedTokens)), 0),
      ttft_ms_p50_reuse: round(median(ttft('reuse'))),
      ttft_ms_p95_reuse: round(percentile(ttft('reuse'), 95)),
      ttft_ms_p50_fresh: round(median(ttft('fresh'))),
      ttft_ms_p95_fresh: round(percentile(ttft('fresh'), 95)),
      ttft_speedup_p50: round(median(ttft('fresh')) / median(ttft('reuse')), 1),
      suggestion_ms_p50_reuse: round(median(total('reuse'))),
      suggestion_ms_p50_fresh: round(median(total('fresh'))),
      decode_ms_per_token_p50: round(median(decode), 2),
      runner_rss_mb: status.memory.rssMB,
      kv_cache_mb: status.prefixCache.megabytes,
    };
    console.log(`\nTyping through a ${tokens}-token Markdown document, ${STEPS} suggestions each way (${MODEL}, fp32, 16 new tokens):\n`);
    printTable(
      ['mode', 'TTFT p50 ms', 'TTFT p95 ms', 'suggestion p50 ms', 'prompt tokens p50', 'reused tokens p50'],
      [
        ['prefix reuse', bench.ttft_ms_p50_reuse, bench.ttft_ms_p95_reuse, bench.suggestion_ms_p50_reuse, bench.prompt_tokens, bench.reused_tokens_p50],
        ['fresh', bench.ttft_ms_p50_fresh, bench.ttft_ms_p95_fresh, bench.suggestion_ms_p50_fresh, bench.prompt_tokens, 0],
      ],
    );
    console.log(`\nTTFT speed-up from reuse (p50 fresh / p50 reuse): ${bench.ttft_speedup_p50}x; decode ${bench.decode_ms_per_token_p50} ms/token; runner RSS ${bench.runner_rss_mb} MB (KV caches ${bench.kv_cache_mb} MB)`);
    console.log(`BENCH ${JSON.stringify(bench)}`);
  } finally {
    await runner.client.dispose();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
