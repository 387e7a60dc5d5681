/**
 * Inkwell vs llama.cpp on the same weights, prompt and machine, in one run. Inkwell: the real runner
 * process answering `complete` (ghost text) on the generated SmolLM2-sized GQA fixtures (q4 =
 * MatMulNBits, q8 = MatMulInteger). llama.cpp: node-llama-cpp 3.21.1 (prebuilt CPU build) in its own
 * process on a GGUF written from the same fixture (Q4_0, Q8_0). Both use THREADS threads. Each run
 * starts fresh processes, the two sides alternate (A,B then B,A), figures are medians over RUNS runs.
 *
 *   npm run bench:peer                        (135M and 360M, q4 and q8; RUNS=3)
 *   BENCH_PEER_QUICK=1 npm run bench:peer     (135M q8 only)
 *
 * Prints a table and, last, `BENCH {json}`: one result per model, dtype and context, each ratio
 * Inkwell ÷ llama.cpp (below 1: Inkwell faster or lighter).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import { ensureFixture, type FixtureName } from '../../fixtures/generate';
import { median, printTable, round } from '../stats';
import { ggufForFixture, type GgufDtype } from './ggufFromFixture';
import { ensurePeerInstall } from './peerInstall';
import { LLAMA_CONTEXT_SIZE, runInkwell, runLlamaCpp, startLlamaCpp, type Prompts, type RunPlan, type RunSample } from './peerRuns';

const QUICK = process.env.BENCH_PEER_QUICK === '1';
const RUNS = Number(process.env.RUNS ?? 3);
const THREADS = 2;
const NEW_TOKENS = 32;
const CONTEXTS = [256, 1024];
const FLAT_CONTEXT = 2048;
const GGUF_OF: Record<'q4' | 'q8', GgufDtype> = { q4: 'Q4_0', q8: 'Q8_0' };
const CASES: [FixtureName, 'q4' | 'q8'][] = QUICK
  ? [['smollm2-135m-gqa', 'q8']]
  : [
      ['smollm2-135m-gqa', 'q4'],
      ['smollm2-135m-gqa', 'q8'],
      ['smollm2-360m-gqa', 'q4'],
      ['smollm2-360m-gqa', 'q8'],
    ];

/** The Markdown guide, repeated as needed: prompts of exactly N tokens, and grown by 3. */
function prompts(tokenizer: PreTrainedTokenizer): Prompts {
  const guide = readFileSync(path.join(__dirname, '../../fixtures/documents/guide.md'), 'utf8');
  let text = guide;
  while (tokenizer.encode(text).length < FLAT_CONTEXT + 8) text += `\n${guide}`;
  const ids = tokenizer.encode(text, { add_special_tokens: false });
  const at = new Map<number, string>();
  const grown = new Map<number, string>();
  for (const n of [...CONTEXTS, FLAT_CONTEXT]) {
    at.set(n, tokenizer.decode(ids.slice(0, n)));
    grown.set(n, tokenizer.decode(ids.slice(0, n + 3)));
  }
  return { at, grown, warmUp: tokenizer.decode(ids.slice(0, 16)) };
}

/** How many leading tokens of llama.cpp's greedy continuation Inkwell's text starts with. */
function agreeingTokens(tokenizer: PreTrainedTokenizer, inkwellText: string, llamaTokens: number[]): number {
  let k = 0;
  while (k < llamaTokens.length && inkwellText.startsWith(tokenizer.decode(llamaTokens.slice(0, k + 1)))) k++;
  return k;
}

/** The prompt's token ids on both sides must be the same, or nothing here compares like with like. */
async function checkSameModel(folder: string, gguf: string, tokenizer: PreTrainedTokenizer, p: Prompts, dtype: 'fp32' | 'q4' | 'q8'): Promise<string> {
  const llama = await startLlamaCpp();
  try {
    // At fp32 llama.cpp keeps its KV cache in F32 too (its default F16 cache alone changes random models' greedy text).
    const kvCacheType = dtype === 'fp32' ? 'F32' : undefined;
    await llama.request({ kind: 'load', modelPath: gguf, contextSize: LLAMA_CONTEXT_SIZE, threads: THREADS, kvCacheType }, 'loaded');
    const text = p.at.get(CONTEXTS[CONTEXTS.length - 1]!)!;
    const theirs = (await llama.request({ kind: 'tokenize', text }, 'tokens')).tokens;
    const ours = tokenizer.encode(text, { add_special_tokens: false });
    if (theirs.join() !== ours.join()) throw new Error(`${path.basename(folder)}: llama.cpp tokenizes the prompt differently (${theirs.length} vs ${ours.length} tokens)`);
    const short = p.at.get(CONTEXTS[0]!)!;
    const generated = await llama.request({ kind: 'generate', text: short, newTokens: 8, reuse: false }, 'generated');
    const inkwell = await runInkwell(folder, dtype, { contexts: [CONTEXTS[0]!], newTokens: 8, threads: THREADS, flatContext: CONTEXTS[0]!, prompts: p });
    const agree = agreeingTokens(tokenizer, inkwell.contexts.get(CONTEXTS[0]!)!.text, generated.tokens);
    return `${path.basename(folder)} ${dtype}: prompt token ids identical (${ours.length}); greedy continuation agrees for ${agree}/8 tokens`;
  } finally {
    await llama.stop();
  }
}

interface Figures {
  load_ms: number;
  fresh_ttft_ms: number;
  reuse_ttft_ms: number;
  decode_ms_per_token: number;
  rss_growth_mb: number;
  peak_growth_mb: number;
  prompt_tokens: number;
  reused_tokens: number;
}

function figures(samples: RunSample[], context: number): Figures {
  const at = (pick: (s: RunSample) => number, digits = 1) => round(median(samples.map(pick)), digits);
  const c = (s: RunSample) => s.contexts.get(context)!;
  return {
    load_ms: at((s) => s.loadMs, 0),
    fresh_ttft_ms: at((s) => c(s).freshTtftMs),
    reuse_ttft_ms: at((s) => c(s).reuseTtftMs),
    decode_ms_per_token: at((s) => c(s).decodeMsPerToken, 2),
    rss_growth_mb: at((s) => s.rssGrowthMB, 0),
    peak_growth_mb: at((s) => s.peakGrowthMB, 0),
    prompt_tokens: at((s) => c(s).promptTokens, 0),
    reused_tokens: at((s) => c(s).reusedTokens, 0),
  };
}

async function main(): Promise<void> {
  const install = ensurePeerInstall();
  console.log(`node-llama-cpp builds installed: ${install.builds.join(', ')} (${round(install.megabytes, 0)} MB in test/bench/peer/node_modules)`);
  const results: Record<string, unknown>[] = [];
  const checks: string[] = [];
  const table: (string | number)[][] = [];

  // Correctness first: the tiny GQA fixture at fp32 against its F32 GGUF (same weights, no quantization).
  const tiny = await ensureFixture('tiny-llama-gqa');
  const tinyTokenizer = await AutoTokenizer.from_pretrained(tiny);
  checks.push(await checkSameModel(tiny, ggufForFixture(tiny, 'F32'), tinyTokenizer, prompts(tinyTokenizer), 'fp32'));
  console.log(checks[0]);
  if (!QUICK) {
    // The SmolLM2-135M-sized weights at fp32 (the plain-graph fixture holds the same seeded weights as the GQA one).
    const full = await ensureFixture('smollm2-135m-random');
    const fullTokenizer = await AutoTokenizer.from_pretrained(full);
    checks.push(await checkSameModel(full, ggufForFixture(full, 'F32'), fullTokenizer, prompts(fullTokenizer), 'fp32'));
    console.log(checks[1]);
  }

  for (const [name, dtype] of CASES) {
    const folder = await ensureFixture(name);
    const gguf = ggufForFixture(folder, GGUF_OF[dtype]);
    const tokenizer = await AutoTokenizer.from_pretrained(folder);
    const p = prompts(tokenizer);
    checks.push(await checkSameModel(folder, gguf, tokenizer, p, dtype));
    console.log(checks[checks.length - 1]);
    const plan: RunPlan = { contexts: CONTEXTS, newTokens: NEW_TOKENS, threads: THREADS, flatContext: FLAT_CONTEXT, prompts: p };
    const inkwell: RunSample[] = [];
    const llama: RunSample[] = [];
    const decodeTokens = (tokens: number[]) => tokenizer.decode(tokens);
    for (let run = 0; run < RUNS; run++) {
      const sides = [async () => inkwell.push(await runInkwell(folder, dtype, plan)), async () => llama.push(await runLlamaCpp(gguf, plan, decodeTokens))];
      for (const side of run % 2 === 0 ? sides : sides.reverse()) await side();
      console.log(`  ${name} ${dtype}: run ${run + 1}/${RUNS} done`);
    }
    const flat = median(inkwell.map((s) => s.decodeFlatMsPerToken ?? NaN));
    const flatBase = median(inkwell.map((s) => s.contexts.get(CONTEXTS[0]!)!.decodeMsPerToken));
    const firstRow = table.length;
    for (const context of CONTEXTS) {
      const ink = figures(inkwell, context);
      const lcp = figures(llama, context);
      const ratio = (a: number, b: number) => round(a / b, 2);
      const entry = {
        model: name,
        dtype,
        gguf: GGUF_OF[dtype],
        context,
        inkwell: ink,
        llamacpp: lcp,
        decode_ratio: ratio(ink.decode_ms_per_token, lcp.decode_ms_per_token),
        reuse_ttft_ratio: ratio(ink.reuse_ttft_ms, lcp.reuse_ttft_ms),
        fresh_ttft_ratio: ratio(ink.fresh_ttft_ms, lcp.fresh_ttft_ms),
        memory_ratio: ratio(ink.rss_growth_mb, lcp.rss_growth_mb),
        load_ratio: ratio(ink.load_ms, lcp.load_ms),
        inkwell_decode_2048_ms_per_token: round(flat, 2),
        decode_2048_vs_256: ratio(flat, flatBase),
      };
      results.push(entry);
      const pair = (a: number, b: number, r: number) => `${a} / ${b} (${r})`;
      table.push([
        `${name.replace('smollm2-', '').replace('-gqa', '')} ${dtype}`,
        context,
        pair(ink.fresh_ttft_ms, lcp.fresh_ttft_ms, entry.fresh_ttft_ratio),
        pair(ink.reuse_ttft_ms, lcp.reuse_ttft_ms, entry.reuse_ttft_ratio),
        pair(ink.decode_ms_per_token, lcp.decode_ms_per_token, entry.decode_ratio),
        pair(ink.rss_growth_mb, lcp.rss_growth_mb, entry.memory_ratio),
        `${ink.peak_growth_mb} / ${lcp.peak_growth_mb}`,
        pair(ink.load_ms, lcp.load_ms, entry.load_ratio),
      ]);
    }
    for (const row of table.slice(firstRow)) console.log(`  ${row.join(' | ')}`);
  }
  console.log(`\nInkwell runner vs llama.cpp (node-llama-cpp 3.21.1), ${THREADS} threads each, greedy, ${NEW_TOKENS} new tokens; medians of ${RUNS} runs, fresh processes; each cell "Inkwell / llama.cpp (ratio)":\n`);
  printTable(['model', 'context', 'fresh TTFT ms', 'reuse TTFT ms (+3 tokens)', 'decode ms/token', 'memory growth MB', 'peak growth MB', 'load ms'], table);
  console.log('\nInkwell decode at 2,048 tokens of context vs 256:');
  for (const r of results.filter((e) => e['context'] === CONTEXTS[0])) console.log(`  ${r['model']} ${r['dtype']}: ${r['inkwell_decode_2048_ms_per_token']} ms/token, ${r['decode_2048_vs_256']}x the 256-token figure`);
  console.log(`\nChecks:\n  ${checks.join('\n  ')}`);
  console.log(`BENCH ${JSON.stringify({ runs: RUNS, threads: THREADS, new_tokens: NEW_TOKENS, quick: QUICK, checks, results })}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
