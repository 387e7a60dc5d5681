/**
 * Runner figures: model load time, time to first token (fresh, and reusing the
 * cached prefix with 3 more tokens), ms per generated token at CONTEXTS tokens of
 * context, and runner memory, on the tiny and the SmolLM2-135M-sized generated
 * models. Each run is a fresh runner process per decode path: Inkwell's own loop
 * ("owned") and transformers.js' generate() ("transformers", INKWELL_DECODE_LOOP),
 * interleaved; medians of RUNS runs, ratios owned / transformers.
 * Prints a table and a `BENCH {json}` line.
 *
 *   npm run bench:runner            (RUNS=5, CONTEXTS=256, LOOPS=owned,transformers by default;
 *                                     CASES=smollm2-135m-sentences/fp32,smollm2-135m-gqa/q4 to choose models)
 */
import { AutoTokenizer } from '@huggingface/transformers';
import { Methods } from '../../src/protocol';
import { DECODE_LOOP_SWITCH } from '../../src/runner/decode/ownedModel';
import { ensureFixture, type FixtureName } from '../fixtures/generate';
import { startTestRunner } from '../unit/runnerHarness';
import { median, printTable, round } from './stats';

const RUNS = Number(process.env.RUNS ?? 5);
const CONTEXTS = (process.env.CONTEXTS ?? '256').split(',').map(Number);
const LOOPS = (process.env.LOOPS ?? 'owned,transformers').split(',') as Loop[];
type Loop = 'owned' | 'transformers';
type Dtype = 'fp32' | 'q8' | 'q4';
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
  rssMB: number;
  /** Per context: fresh TTFT, reuse TTFT (+3 tokens), decode ms/token. */
  contexts: Record<number, { ttftMs: number; reuseTtftMs: number; msPerToken: number; promptTokens: number }>;
}

/** One fresh runner with the given decode path: load, then per context a fresh and a reusing completion. */
async function measureOnce(folder: string, dtype: Dtype, loop: Loop, prompts: Map<number, string>): Promise<Row> {
  if (loop === 'transformers') process.env[DECODE_LOOP_SWITCH] = 'transformers';
  else delete process.env[DECODE_LOOP_SWITCH];
  const runner = startTestRunner({ threads: 0 });
  try {
    const loaded = await runner.client.request(Methods.loadModel, { task: 'text-generation', model: folder, dtype });
    const row: Row = { loadMs: loaded.loadMs, rssMB: 0, contexts: {} };
    for (const [context, prompt] of prompts) {
      // A fresh prompt (it fills this document's prefix cache), then the same prompt 3 tokens longer, reusing it.
      const complete = (text: string, tokens: number) =>
        runner.client.request(Methods.complete, { documentId: `bench-${context}`, model: folder, dtype, prompt: text, n: 1, maxNewTokens: tokens, minNewTokens: tokens, temperature: 0 });
      const r = await complete(prompt, NEW_TOKENS);
      const reused = await complete(`${prompt} and so on`, 4);
      row.contexts[context] = {
        ttftMs: r.timings.firstTokenMs,
        reuseTtftMs: reused.timings.firstTokenMs,
        msPerToken: (r.timings.totalMs - r.timings.firstTokenMs) / Math.max(1, r.generatedTokens - 1),
        promptTokens: r.promptTokens,
      };
    }
    row.rssMB = (await runner.client.request0(Methods.status)).memory.rssMB;
    return row;
  } finally {
    delete process.env[DECODE_LOOP_SWITCH];
    await runner.client.dispose();
  }
}

async function measure(name: FixtureName, dtype: Dtype): Promise<Record<Loop, Row[]>> {
  const folder = await ensureFixture(name);
  const prompts = new Map<number, string>();
  for (const context of CONTEXTS) prompts.set(context, await promptOf(folder, context));
  const rows = { owned: [], transformers: [] } as Record<Loop, Row[]>;
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? LOOPS : [...LOOPS].reverse();
    for (const loop of order) rows[loop].push(await measureOnce(folder, dtype, loop, prompts));
  }
  return rows;
}

async function main(): Promise<void> {
  const cases = (process.env.CASES ?? 'tiny-llama/fp32,smollm2-135m-sentences/fp32,smollm2-135m-sentences/q8').split(',').map((c) => c.split('/') as [FixtureName, Dtype]);
  const results: Record<string, unknown>[] = [];
  const table: (string | number)[][] = [];
  for (const [name, dtype] of cases) {
    const rows = await measure(name, dtype);
    const figures = (loop: Loop) => {
      const r = rows[loop];
      if (r.length === 0) return undefined;
      const perContext = Object.fromEntries(
        CONTEXTS.map((c) => [
          c,
          {
            ttft_ms: round(median(r.map((x) => x.contexts[c]!.ttftMs)), 1),
            reuse_ttft_ms: round(median(r.map((x) => x.contexts[c]!.reuseTtftMs)), 1),
            ms_per_token: round(median(r.map((x) => x.contexts[c]!.msPerToken)), 2),
            prompt_tokens: r[0]!.contexts[c]!.promptTokens,
          },
        ]),
      );
      return { load_ms: round(median(r.map((x) => x.loadMs)), 0), runner_rss_mb: round(median(r.map((x) => x.rssMB)), 0), contexts: perContext };
    };
    const owned = figures('owned');
    const transformers = figures('transformers');
    const ratio = (a?: number, b?: number) => (a !== undefined && b ? round(a / b, 2) : undefined);
    results.push({ model: name, dtype, owned, transformers, rss_ratio: ratio(owned?.runner_rss_mb, transformers?.runner_rss_mb) });
    for (const c of CONTEXTS) {
      const o = owned?.contexts[c];
      const t = transformers?.contexts[c];
      table.push([
        `${name} (${dtype})`,
        c,
        `${o?.ttft_ms ?? '-'} / ${t?.ttft_ms ?? '-'}`,
        `${o?.reuse_ttft_ms ?? '-'} / ${t?.reuse_ttft_ms ?? '-'}`,
        `${o?.ms_per_token ?? '-'} / ${t?.ms_per_token ?? '-'}`,
        ratio(o?.ms_per_token, t?.ms_per_token) ?? '-',
        `${owned?.runner_rss_mb ?? '-'} / ${transformers?.runner_rss_mb ?? '-'}`,
      ]);
    }
  }
  console.log(`\nRunner figures, median of ${RUNS} fresh runner processes per path (generate ${NEW_TOKENS} tokens, greedy); owned loop / transformers.js generate():\n`);
  printTable(['model', 'context', 'TTFT ms', 'reuse TTFT ms (+3 tokens)', 'ms/token', 'decode ratio', 'runner RSS MB'], table);
  console.log(`BENCH ${JSON.stringify({ runs: RUNS, new_tokens: NEW_TOKENS, results })}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
