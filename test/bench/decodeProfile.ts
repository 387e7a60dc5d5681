/**
 * Where a decode step's time and the runner's memory go, per onnxruntime session
 * option, on one model: each configuration runs in a fresh process (RSS after
 * load and after decoding), interleaved, RUNS times; medians. With PROFILE=1 a
 * last run records onnxruntime's profile and prints the per-op time of one
 * decode step. Prints tables and a `BENCH {json}` line.
 *
 *   npm run bench:decode            (MODEL=smollm2-135m-sentences DTYPE=fp32 CONTEXT=1024 STEPS=32 RUNS=3
 *                                    CONFIGS=owned,transformers,no-chunk,arena-off,no-prepack,no-spin,block-base-4,threads-1)
 *
 * The decoder graph loads edited as ModelStore loads it (decode/onnxGraphEdit.ts), except for
 * 'transformers' (plain transformers.js) and 'unedited' (the own loop fetching the whole cache
 * every step); 'gqa-shared' keeps GroupQueryAttention's shared past/present buffers on the edited graph.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AutoModelForCausalLM, AutoTokenizer } from '@huggingface/transformers';
import { Tensor as OrtTensor, type InferenceSession } from 'onnxruntime-node';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { withDecoderEdit } from '../../src/runner/decode/editedSession';
import { DECODE_KV_SWITCH, DECODE_LOOP_SWITCH, ownedModel } from '../../src/runner/decode/ownedModel';
import { externalDataFormat, onnxFiles } from '../../src/runner/modelFiles';
import type { CausalLm } from '../../src/runner/modelStore';
import { decode, encode } from '../../src/runner/textGeneration';
import { ensureFixture, type FixtureName } from '../fixtures/generate';
import { median, printTable, round } from './stats';

const MODEL = (process.env.MODEL ?? 'smollm2-135m-sentences') as FixtureName;
const DTYPE = (process.env.DTYPE ?? 'fp32') as 'fp32' | 'q8' | 'q4';
const CONTEXT = Number(process.env.CONTEXT ?? 1024);
const STEPS = Number(process.env.STEPS ?? 32);
const RUNS = Number(process.env.RUNS ?? 3);
const SOURCE = 'Inkwell is a writing assistant that runs small language models on your own machine. It suggests the next words as you type, summarizes long notes, and translates text while keeping code blocks intact. ';

/** Session options per configuration name ('transformers' also switches the decode path). */
const CONFIGS: Record<string, InferenceSession.SessionOptions> = {
  owned: {},
  transformers: {},
  'transformers-no-spin': { extra: { session: { intra_op: { allow_spinning: '0' } } } },
  'arena-off': { enableCpuMemArena: false },
  'no-prepack': { extra: { session: { disable_prepacking: '1' } } },
  'no-spin': { extra: { session: { intra_op: { allow_spinning: '0' } } } },
  'block-base-4': { extra: { session: { dynamic_block_base: '4' } } },
  'threads-1': { intraOpNumThreads: 1 },
  'threads-2': { intraOpNumThreads: 2 },
  profile: { enableProfiling: true, profileFilePrefix: path.join(tmpdir(), `inkwell-profile-${process.pid}`) },
  'no-chunk': {},
  'all-logits': {},
  'all-logits-no-chunk': {},
  unedited: {},
  'gqa-shared': {},
};
/** Environment per configuration: 'no-chunk' feeds the whole prompt in one run (ownedLoop.ts prefillChunk). */
const CONFIG_ENV: Record<string, Record<string, string>> = {
  'no-chunk': { INKWELL_PREFILL_CHUNK: '0' },
  'all-logits-no-chunk': { INKWELL_PREFILL_CHUNK: '0' },
  'gqa-shared': { [DECODE_KV_SWITCH]: 'shared' },
};
const UNEDITED = new Set(['transformers', 'transformers-no-spin', 'unedited']);

/**
 * 'all-logits*': feeds num_logits_to_keep = 0, so the graph returns logits for every
 * position as graphs without that input (or a pruned head) do: what keeping only the
 * sampled row saves.
 */
function keepAllLogits(session: InferenceSession): void {
  const run = session.run.bind(session) as (feeds: Record<string, unknown>, fetches?: unknown) => Promise<unknown>;
  const zero = new OrtTensor('int64', BigInt64Array.from([0n]), []);
  (session as unknown as { run: typeof run }).run = (feeds, fetches) => run({ ...feeds, num_logits_to_keep: zero }, fetches);
}

interface Sample {
  config: string;
  /** The own loop's cache kind, or 'generate' (transformers.js). */
  mode: string;
  loadMs: number;
  prefillMs: number;
  msPerToken: number;
  rssAfterImportMB: number;
  rssAfterLoadMB: number;
  rssAfterDecodeMB: number;
  ops?: Record<string, number>;
}

const mb = () => process.memoryUsage().rss / 2 ** 20;

/** Child: one configuration, one process. */
async function child(config: string): Promise<Sample> {
  if (config.startsWith('transformers')) process.env[DECODE_LOOP_SWITCH] = 'transformers';
  Object.assign(process.env, CONFIG_ENV[config] ?? {});
  const rssAfterImportMB = mb();
  const folder = await ensureFixture(MODEL);
  const external = externalDataFormat(folder, 'text-generation', DTYPE);
  const options = { dtype: DTYPE, device: 'cpu' as const, local_files_only: true, session_options: CONFIGS[config], ...(external ? { use_external_data_format: external } : {}) };
  const started = performance.now();
  const tokenizer = await AutoTokenizer.from_pretrained(folder, options);
  const loadModel = () => AutoModelForCausalLM.from_pretrained(folder, options);
  const model = UNEDITED.has(config) ? await loadModel() : await withDecoderEdit(path.join(folder, onnxFiles('text-generation', DTYPE)[0]!), loadModel);
  const lm: CausalLm = { kind: 'causal', tokenizer, model };
  const owned = await ownedModel(lm);
  if (config.startsWith('all-logits')) {
    if (!owned?.logitsToKeep) throw new Error(`${config} needs a graph with num_logits_to_keep, run by the own loop`);
    keepAllLogits(owned.session);
  }
  const loadMs = performance.now() - started;
  const rssAfterLoadMB = mb();
  const ids = tokenizer.encode(SOURCE.repeat(Math.ceil(CONTEXT / 30)), { add_special_tokens: false }).slice(0, CONTEXT - 1);
  const prompt = tokenizer.decode(ids);
  const times: number[] = [];
  const t0 = performance.now();
  await decode(lm, encode(lm, prompt), { maxNewTokens: STEPS, minNewTokens: STEPS, temperature: 0 }, { token: new CancellationTokenSource().token, onText: () => undefined, unitEnded: () => (times.push(performance.now()), false) });
  const steps = times.map((t, i) => t - (times[i - 1] ?? t0));
  const sample: Sample = { config, mode: owned?.mode ?? 'generate', loadMs, prefillMs: steps[0] ?? 0, msPerToken: median(steps.slice(1)), rssAfterImportMB, rssAfterLoadMB, rssAfterDecodeMB: mb() };
  if (config === 'profile') sample.ops = lastStepOps(((model as unknown as { sessions: Record<string, InferenceSession> }).sessions['model']!));
  return sample;
}

/** Ends profiling and sums kernel time per op type over the last model run (one decode step), in ms. */
function lastStepOps(session: InferenceSession): Record<string, number> {
  session.endProfiling();
  const dir = tmpdir();
  const file = execFileSync('sh', ['-c', `ls -t ${dir}/inkwell-profile-${process.pid}*.json | head -1`]).toString().trim();
  const events = JSON.parse(readFileSync(file, 'utf8')) as { cat: string; name: string; ts: number; dur: number; args?: { op_name?: string } }[];
  rmSync(file, { force: true });
  const runs = events.filter((e) => e.name === 'model_run');
  const last = runs.at(-1);
  const ops: Record<string, number> = {};
  if (!last) return ops;
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.ts < last.ts || e.ts > last.ts + last.dur) continue;
    const op = e.args?.op_name ?? '?';
    ops[op] = (ops[op] ?? 0) + e.dur / 1000;
  }
  ops['(model_run total)'] = last.dur / 1000;
  return ops;
}

async function driver(): Promise<void> {
  const configs = (process.env.CONFIGS ?? 'owned,transformers,no-chunk,arena-off,no-prepack,no-spin,block-base-4,threads-1').split(',');
  await ensureFixture(MODEL);
  const samples: Sample[] = [];
  const runOne = (config: string) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child', config], { env: process.env, maxBuffer: 64 * 2 ** 20 }).toString();
    const line = out.split('\n').find((l) => l.startsWith('SAMPLE '));
    if (!line) throw new Error(`no sample from ${config}:\n${out}`);
    return JSON.parse(line.slice(7)) as Sample;
  };
  for (let run = 0; run < RUNS; run++) for (const config of run % 2 === 0 ? configs : [...configs].reverse()) samples.push(runOne(config));
  const rows = configs.map((config) => {
    const s = samples.filter((x) => x.config === config);
    const m = (f: (x: Sample) => number, digits = 1) => round(median(s.map(f)), digits);
    return {
      config,
      mode: s[0]?.mode ?? '-',
      load_ms: m((x) => x.loadMs, 0),
      prefill_ms: m((x) => x.prefillMs, 0),
      ms_per_token: m((x) => x.msPerToken, 2),
      rss_import_mb: m((x) => x.rssAfterImportMB, 0),
      rss_load_mb: m((x) => x.rssAfterLoadMB, 0),
      rss_decode_mb: m((x) => x.rssAfterDecodeMB, 0),
    };
  });
  const base = rows.find((r) => r.config === 'transformers');
  console.log(`\n${MODEL} (${DTYPE}), ${CONTEXT}-token context, ${STEPS} tokens, median of ${RUNS} processes per configuration:\n`);
  printTable(
    ['config', 'cache', 'load ms', 'prefill ms', 'ms/token', 'vs transformers', 'RSS after import MB', 'after load MB', 'after decode MB'],
    rows.map((r) => [r.config, r.mode, r.load_ms, r.prefill_ms, r.ms_per_token, base ? round(r.ms_per_token / base.ms_per_token, 2) : '-', r.rss_import_mb, r.rss_load_mb, r.rss_decode_mb]),
  );
  let ops: Record<string, number> | undefined;
  if (process.env.PROFILE === '1') {
    ops = runOne('profile').ops;
    const sorted = Object.entries(ops ?? {}).sort((a, b) => b[1] - a[1]);
    console.log('\nOne decode step (the last), onnxruntime profile, kernel ms per op type:\n');
    printTable(['op', 'ms'], sorted.map(([op, ms]) => [op, round(ms, 3)]));
  }
  console.log(`BENCH ${JSON.stringify({ model: MODEL, dtype: DTYPE, context: CONTEXT, steps: STEPS, runs: RUNS, rows, ops })}`);
}

if (process.argv[2] === '--child') {
  void child(process.argv[3] ?? 'owned').then(
    (s) => {
      console.log(`SAMPLE ${JSON.stringify(s)}`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  void driver().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
