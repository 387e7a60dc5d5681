/**
 * Runner figures for the foundation: model load time, time to first token for
 * a 256-token prompt, ms per generated token and runner memory, on the tiny and
 * the SmolLM2-135M-sized generated models. Each run is a fresh runner process;
 * medians of RUNS runs. Prints a table and a `BENCH {json}` line.
 *
 *   npm run bench:runner            (RUNS=5 by default)
 */
import { AutoTokenizer } from '@huggingface/transformers';
import { Methods } from '../../src/protocol';
import { ensureFixture, type FixtureName } from '../fixtures/generate';
import { startTestRunner } from '../unit/runnerHarness';
import { median, printTable, round } from './stats';

const RUNS = Number(process.env.RUNS ?? 5);
const PROMPT_TOKENS = 256;
const NEW_TOKENS = 32;
const SOURCE = 'Inkwell is a writing assistant that runs small language models on your own machine. It suggests the next words as you type, summarizes long notes, and translates text while keeping code blocks intact. ';

/** A prompt of exactly `tokens` tokens for this model's tokenizer. */
async function promptOf(folder: string, tokens: number): Promise<string> {
  const tokenizer = await AutoTokenizer.from_pretrained(folder);
  const ids = tokenizer.encode(SOURCE.repeat(200), { add_special_tokens: false }).slice(0, tokens - 1);
  return tokenizer.decode(ids);
}

interface Row {
  loadMs: number;
  ttftMs: number;
  msPerToken: number;
  rssMB: number;
  promptTokens: number;
}

async function measure(name: FixtureName, dtype: 'fp32' | 'q8'): Promise<Row[]> {
  const folder = await ensureFixture(name);
  const prompt = await promptOf(folder, PROMPT_TOKENS);
  const rows: Row[] = [];
  for (let run = 0; run < RUNS; run++) {
    const runner = startTestRunner({ threads: 0 });
    try {
      const loaded = await runner.client.request(Methods.loadModel, { task: 'text-generation', model: folder, dtype });
      const r = await runner.client.request(Methods.generate, { model: folder, dtype, prompt, maxNewTokens: NEW_TOKENS, minNewTokens: NEW_TOKENS });
      const status = await runner.client.request0(Methods.status);
      rows.push({
        loadMs: loaded.loadMs,
        ttftMs: r.timings.firstTokenMs,
        msPerToken: (r.timings.totalMs - r.timings.firstTokenMs) / Math.max(1, r.generatedTokens - 1),
        rssMB: status.memory.rssMB,
        promptTokens: r.promptTokens,
      });
    } finally {
      await runner.client.dispose();
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const cases: [FixtureName, 'fp32' | 'q8'][] = [
    ['tiny-llama', 'fp32'],
    ['smollm2-135m-random', 'fp32'],
    ['smollm2-135m-random', 'q8'],
  ];
  const results: Record<string, Record<string, number>> = {};
  const table: (string | number)[][] = [];
  for (const [name, dtype] of cases) {
    const rows = await measure(name, dtype);
    const m = {
      load_ms: round(median(rows.map((r) => r.loadMs)), 0),
      ttft_ms_256: round(median(rows.map((r) => r.ttftMs)), 1),
      ms_per_token: round(median(rows.map((r) => r.msPerToken)), 2),
      runner_rss_mb: round(median(rows.map((r) => r.rssMB)), 0),
      prompt_tokens: rows[0]?.promptTokens ?? 0,
    };
    results[`${name}/${dtype}`] = m;
    table.push([`${name} (${dtype})`, m.load_ms, m.ttft_ms_256, m.ms_per_token, m.runner_rss_mb, m.prompt_tokens]);
  }
  console.log(`\nRunner figures, median of ${RUNS} fresh runner processes (generate ${NEW_TOKENS} tokens, greedy):\n`);
  printTable(['model', 'load ms', 'TTFT ms (256-token prompt)', 'ms/token', 'runner RSS MB', 'prompt tokens'], table);
  console.log(`BENCH ${JSON.stringify({ runs: RUNS, ...results })}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
