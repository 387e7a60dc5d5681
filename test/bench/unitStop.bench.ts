/**
 * What stopping at the end of the suggestion saves in the runner: sentence-length
 * suggestions while typing through a ~1,000-token Markdown document, each asked twice,
 * interleaved in one process: with `unit` (the runner stops where the sentence ends)
 * and as before (no `unit`, the old cap of 40: it decodes to the cap; post-processing cuts). Both use the prefix
 * cache; each mode has its own document so neither warms the other. Also checks that the
 * post-processed suggestion is the same both ways. Prints a table and `BENCH {json}`.
 *
 *   npm run bench:unit-stop        (MODEL=smollm2-135m-sentences DTYPE=q8 STEPS=30)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { postprocessCompletion } from '../../src/core/inline/postprocess';
import { choosePrefixStart, type PrefixWindow } from '../../src/core/inline/prefixWindow';
import { generationLimits } from '../../src/core/inline/generationLimits';
import { suggestionUnit } from '../../src/core/inline/unitStop';
import { Methods, type CompleteResult, type Dtype } from '../../src/protocol';
import { ensureFixture, type FixtureName } from '../fixtures/generate';
import { startTestRunner } from '../unit/runnerHarness';
import { median, percentile, printTable, round } from './stats';

const STEPS = Number(process.env.STEPS ?? 30);
const MODEL = (process.env.MODEL ?? 'smollm2-135m-sentences') as FixtureName;
const DTYPE = (process.env.DTYPE ?? 'q8') as Dtype;
const TARGET_TOKENS = 1000;
const BUDGET = 1024;
/** The sentence cap before the runner stopped at the unit's end. */
const OLD_CAP = Number(process.env.OLD_CAP ?? 40);
const MODES = ['unit', 'cap'] as const;
type Mode = (typeof MODES)[number];

async function documentText(folder: string): Promise<string> {
  const guide = readFileSync(path.join(__dirname, '../fixtures/documents/guide.md'), 'utf8');
  const tokenizer = await AutoTokenizer.from_pretrained(folder);
  let text = guide;
  while (tokenizer.encode(text).length < TARGET_TOKENS) text += `\n${guide}`;
  return tokenizer.decode(tokenizer.encode(text, { add_special_tokens: false }).slice(0, TARGET_TOKENS));
}

async function main(): Promise<void> {
  const folder = await ensureFixture(MODEL);
  const text = await documentText(folder);
  const words = text.split(/(?<=\s)/);
  const limits = generationLimits('sentence');
  const runner = startTestRunner({ threads: 0 });
  const samples: Record<Mode, CompleteResult[]> = { unit: [], cap: [] };
  const windows: Record<Mode, PrefixWindow | undefined> = { unit: undefined, cap: undefined };
  let differ = 0;
  try {
    await runner.client.request(Methods.loadModel, { task: 'text-generation', model: folder, dtype: DTYPE });
    for (let step = 0; step <= STEPS; step++) {
      const before = words.slice(0, words.length - STEPS + step).join('');
      const shown: Partial<Record<Mode, string | null>> = {};
      for (const mode of step % 2 === 0 ? MODES : ([...MODES].reverse() as Mode[])) {
        windows[mode] = choosePrefixStart(before, BUDGET, windows[mode]);
        const result = await runner.client.request(Methods.complete, {
          documentId: `bench-${mode}`,
          model: folder,
          dtype: DTYPE,
          prompt: before.slice(windows[mode]!.start),
          n: 1,
          maxNewTokens: mode === 'unit' ? limits.maxNewTokens : OLD_CAP,
          stop: limits.stop,
          temperature: 0,
          ...(mode === 'unit' ? { unit: suggestionUnit('sentence', null, before) } : {}),
        });
        shown[mode] = postprocessCompletion(result.completions[0] ?? '', { prefix: before, suffix: '', length: 'sentence', comment: null });
        if (step > 0) samples[mode].push(result);
      }
      if (step > 0 && shown.unit !== shown.cap) differ++;
    }
    const tokens = (mode: Mode) => samples[mode].map((r) => r.generatedTokens);
    const total = (mode: Mode) => samples[mode].map((r) => r.timings.totalMs);
    // Decode time per token after the first (the first token carries the prompt's prefill).
    const perToken = (mode: Mode) => samples[mode].filter((r) => r.generatedTokens > 1).map((r) => (r.timings.totalMs - r.timings.firstTokenMs) / (r.generatedTokens - 1));
    // How often the model's own greedy text ends a sentence: tokens per '.' over the uncut runs.
    const periods = samples.cap.reduce((n, r) => n + ((r.completions[0] ?? '').match(/\.(?=\s|$)/g)?.length ?? 0), 0);
    const capTokens = samples.cap.reduce((n, r) => n + r.generatedTokens, 0);
    const bench = {
      model: MODEL,
      dtype: DTYPE,
      steps: STEPS,
      max_new_tokens: limits.maxNewTokens,
      old_cap: OLD_CAP,
      tokens_p50_unit: median(tokens('unit')),
      tokens_p50_cap: median(tokens('cap')),
      ms_p50_unit: round(median(total('unit'))),
      ms_p90_unit: round(percentile(total('unit'), 90)),
      ms_p50_cap: round(median(total('cap'))),
      ms_p90_cap: round(percentile(total('cap'), 90)),
      speedup_p50: round(median(total('cap')) / median(total('unit')), 2),
      decode_ms_per_token_p50: round(median([...perToken('unit'), ...perToken('cap')])),
      tokens_per_sentence: periods > 0 ? round(capTokens / periods, 1) : null,
      suggestions_that_differ: differ,
    };
    console.log(`\nSentence suggestions typing through a ${TARGET_TOKENS}-token document, ${STEPS} each way (${MODEL}, ${DTYPE}, cap ${limits.maxNewTokens} tokens, before: ${OLD_CAP}):\n`);
    printTable(
      ['mode', 'generated tokens p50', 'suggestion ms p50', 'suggestion ms p90'],
      [
        ['stop at the sentence end', bench.tokens_p50_unit, bench.ms_p50_unit, bench.ms_p90_unit],
        [`before: decode to ${OLD_CAP}`, bench.tokens_p50_cap, bench.ms_p50_cap, bench.ms_p90_cap],
      ],
    );
    console.log(`\np50 speed-up ${bench.speedup_p50}x; post-processed suggestions that differ: ${differ} of ${STEPS}; decode ${bench.decode_ms_per_token_p50} ms/token p50; the model ends a sentence every ${bench.tokens_per_sentence} tokens`);
    console.log(`BENCH ${JSON.stringify(bench)}`);
  } finally {
    await runner.client.dispose();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
