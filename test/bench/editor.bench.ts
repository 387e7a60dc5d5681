/**
 * Keystroke → ghost text in a real VS Code (code-server + Chromium), with the packaged
 * extension on the SmolLM2-135M-sized generated model whose greedy output ends sentences
 * every 8-20 tokens (smollm2-135m-sentences), default settings (sentence length, 250 ms
 * debounce). A person types a paragraph word by word at the end of a ~1,000-token Markdown
 * document: each word's letters CHAR_MS apart, then the space, then a pause until the
 * suggestion shows (or GIVE_UP_MS passes: a miss; p50/p90 count misses as infinitely late;
 * `over_1s` counts samples slower than 1 s). Each sample is timed in the page, from the
 * keydown of the space to the first frame whose `.ghost-text-decoration` shows the text;
 * the extension's debug log line for the same request gives the runner's own `complete`
 * time and the text that must be on screen. Prints a table per dtype and `BENCH {json}`.
 *
 * DEBOUNCE=adaptive,fixed runs each dtype with `inkwell.inline.adaptiveDebounce` on and off,
 * one session after the other, to compare them under the same conditions. TYPING=along types
 * the shown suggestion's next word instead (taking it by typing): from the cache when served
 * without a request, from the model when the suggestion was used up; its "at end" columns time
 * the keystroke that finishes the shown suggestion (the next one's latency). PREFETCH=on,off
 * runs each session with `inkwell.inline.prefetch` on and off. VSIX=path benches another build.
 *
 *   npm run package && npm run bench:editor     (DTYPES=q8,q4 DEBOUNCE=adaptive SAMPLES=20 CHAR_MS=150)
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer } from '@huggingface/transformers';
import { ensureFixture, type FixtureName } from '../fixtures/generate.ts';
import { inkwellVsix, withVSCode, type VSCodeSession } from '../e2e/harness.ts';
import { INKWELL_ID, splitByScope } from '../e2e/inkwellSettings.ts';
import { debugLogLevel } from '../e2e/logLevel.ts';
import { editorSamples, type EditorSample } from './editorSamples.ts';
import { median, percentile, printTable, round } from './stats.ts';

const MODEL = (process.env.MODEL ?? 'smollm2-135m-sentences') as FixtureName;
const DTYPES = (process.env.DTYPES ?? 'q8,q4').split(',');
const SAMPLES = Number(process.env.SAMPLES ?? 20);
const CHAR_MS = Number(process.env.CHAR_MS ?? 150);
const GIVE_UP_MS = Number(process.env.GIVE_UP_MS ?? 8000);
const DEBOUNCE_MS = Number(process.env.DEBOUNCE_MS ?? 250);
/** THREADS=1: the runner's onnxruntime intra-op threads (`inkwell.runner.threads`); unset: the default (all cores). */
const THREADS = Number(process.env.THREADS ?? 0);
const DEBOUNCE_MODES = (process.env.DEBOUNCE ?? 'adaptive').split(',') as ('adaptive' | 'fixed')[];
/** PREFETCH=on,off: `inkwell.inline.prefetch` on and off, one session after the other (the runs' order as given). */
const PREFETCH_MODES = (process.env.PREFETCH ?? 'on').split(',') as ('on' | 'off')[];
/** paragraph: type the paragraph's own words; along: type the shown suggestion's words. */
const TYPING = process.env.TYPING === 'along' ? 'along' : 'paragraph';
/** VSIX=path: bench another build (e.g. a copy of main's) than dist-vsix's. */
const VSIX = process.env.VSIX ?? inkwellVsix;
const TARGET_TOKENS = 1000;
const here = path.dirname(fileURLToPath(import.meta.url));

const PARAGRAPH =
  'The tide came in early this morning and the harbour was quiet while the boats waited by the old stone wall for the wind to turn and ' +
  'the gulls circled over the market where the traders were setting out their fish and bread for the first customers of the day';

async function documentText(folder: string): Promise<{ text: string; tokens: number }> {
  const guide = await readFile(path.join(here, '../fixtures/documents/guide.md'), 'utf8');
  const tokenizer = await AutoTokenizer.from_pretrained(folder);
  let text = guide;
  while (tokenizer.encode(text).length < TARGET_TOKENS) text += `\n${guide}`;
  const ids = tokenizer.encode(text, { add_special_tokens: false }).slice(0, TARGET_TOKENS);
  // End on a whole line, then a new paragraph to type into.
  const cut = tokenizer.decode(ids);
  return { text: `${cut.slice(0, cut.lastIndexOf('\n')).trimEnd()}\n\n`, tokens: ids.length };
}

async function inkwellLog(vscode: VSCodeSession): Promise<string> {
  const files = (await vscode.logFiles()).filter((file) => /Inkwell\.log$/.test(file));
  return (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
}

async function runDtype(workspace: string, folder: string, dtype: string, debounce: 'adaptive' | 'fixed', prefetch: 'on' | 'off'): Promise<EditorSample[]> {
  const settings = splitByScope({
    'inkwell.inline.adaptiveDebounce': debounce === 'adaptive',
    'inkwell.inline.prefetch': prefetch === 'on',
    'inkwell.offline': true,
    'inkwell.models.generation': folder,
    'inkwell.models.dtype': dtype,
    'inkwell.inline.debounceMs': DEBOUNCE_MS,
    'editor.inlineSuggest.enabled': true,
    ...(THREADS > 0 ? { 'inkwell.runner.threads': THREADS } : {}),
  });
  return withVSCode({ scenario: `bench-editor-${dtype}-${debounce}-prefetch-${prefetch}`, vsix: VSIX, workspace, timeoutMs: 60_000, ...settings }, async (vscode) => {
    await vscode.waitForExtensionActivated(INKWELL_ID, { timeoutMs: 120_000 });
    await vscode.openFile('guide.md');
    await debugLogLevel(vscode);
    await vscode.focusEditor();
    await vscode.press('Control+End');
    return editorSamples(vscode, {
      words: PARAGRAPH.split(' ').map((w) => `${w} `),
      samples: SAMPLES,
      charMs: CHAR_MS,
      giveUpMs: GIVE_UP_MS,
      log: () => inkwellLog(vscode),
      along: TYPING === 'along',
    });
  });
}

function summary(dtype: string, samples: EditorSample[]) {
  const debounceOf = (s: EditorSample) => s.debounceMs ?? DEBOUNCE_MS;
  const shown = samples.filter((s) => s.editorMs !== undefined);
  const fromModel = shown.filter((s) => s.runnerMs !== undefined);
  // A miss is later than any shown suggestion: it counts in the percentiles as Infinity.
  const editor = samples.filter((s) => s.outcome !== 'empty').map((s) => s.editorMs ?? Infinity);
  const editorModel = fromModel.map((s) => s.editorMs!);
  const runner = fromModel.map((s) => s.runnerMs!);
  const atEnd = samples.filter((s) => s.atEnd && s.outcome !== 'empty').map((s) => s.editorMs ?? Infinity);
  return {
    dtype,
    samples: samples.length,
    shown: shown.length,
    from_cache: shown.length - fromModel.length,
    misses: samples.filter((s) => s.outcome === 'miss').length,
    over_1s: samples.filter((s) => s.outcome === 'miss' || (s.editorMs ?? 0) > 1000).length,
    empty: samples.filter((s) => s.outcome === 'empty').length,
    wrong_text: samples.filter((s) => s.outcome === 'wrong').length,
    editor_ms_p50: round(median(editor)),
    editor_ms_p90: round(percentile(editor, 90)),
    editor_ms_p50_model: round(median(editorModel)),
    runner_ms_p50: round(median(runner)),
    runner_ms_p90: round(percentile(runner, 90)),
    queued_ms_p50: round(median(fromModel.map((s) => s.queuedMs ?? 0))),
    generated_tokens_p50: round(median(fromModel.map((s) => s.generatedTokens!)), 0),
    debounce_ms_p50: round(median(fromModel.map(debounceOf))),
    at_end: atEnd.length,
    at_end_ms_p50: round(median(atEnd)),
    at_end_ms_p90: round(percentile(atEnd, 90)),
    ms_per_token_p50: round(median(fromModel.filter((s) => s.generatedTokens! > 0).map((s) => s.runnerMs! / s.generatedTokens!))),
    host_ms_p50: round(median(fromModel.map((s) => s.editorMs! - debounceOf(s) - s.runnerMs! - (s.queuedMs ?? 0)))),
  };
}

async function main(): Promise<void> {
  const folder = await ensureFixture(MODEL);
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'inkwell-bench-editor-'));
  try {
    const { text, tokens } = await documentText(folder);
    await writeFile(path.join(workspace, 'guide.md'), text);
    const results = [];
    for (const dtype of DTYPES) {
      for (const debounce of DEBOUNCE_MODES) {
        for (const prefetch of PREFETCH_MODES) {
          // One session's failure (a timeout under load) does not lose the others' figures.
          const samples = await runDtype(workspace, folder, dtype, debounce, prefetch).catch((err: unknown) => {
            console.error(`[bench:editor] ${dtype} ${debounce} prefetch ${prefetch} failed: ${err instanceof Error ? err.message : String(err)}`);
            return undefined;
          });
          if (samples) results.push({ ...summary(dtype, samples), debounce, prefetch });
        }
      }
    }
    if (results.length === 0) throw new Error('no dtype finished');
    console.log(`\nKeystroke → ghost text in code-server, ${MODEL}, typing at the end of a ${tokens}-token Markdown document (${CHAR_MS} ms per key, debounce ${DEBOUNCE_MS} ms, sentence length), load ${os.loadavg()[0]!.toFixed(1)}:\n`);
    printTable(
      ['dtype', 'debounce', 'prefetch', 'samples', 'shown (cached)', 'misses', '> 1 s', 'empty', 'editor p50', 'editor p90', 'editor p50 (model)', 'runner p50', 'runner p90', 'queued p50', 'debounce p50', 'host p50', 'tokens p50', 'ms/token p50', 'at end', 'at end p50', 'at end p90'],
      results.map((r) => [r.dtype, r.debounce, r.prefetch, r.samples, `${r.shown} (${r.from_cache})`, r.misses, r.over_1s, r.empty, r.editor_ms_p50, r.editor_ms_p90, r.editor_ms_p50_model, r.runner_ms_p50, r.runner_ms_p90, r.queued_ms_p50, r.debounce_ms_p50, r.host_ms_p50, r.generated_tokens_p50, r.ms_per_token_p50, r.at_end, r.at_end_ms_p50, r.at_end_ms_p90]),
    );
    const main = results.find((r) => r.dtype === 'q8' && r.debounce === DEBOUNCE_MODES[0] && r.prefetch === PREFETCH_MODES[0]) ?? results[0]!;
    const budget = DEBOUNCE_MS + 1.2 * main.runner_ms_p50;
    console.log(`\n${main.dtype} (${main.debounce} debounce, prefetch ${main.prefetch}): editor p50 (model suggestions) ${main.editor_ms_p50_model} ms vs debounce + 1.2 × runner p50 = ${round(budget)} ms (ratio ${round(main.editor_ms_p50_model / budget, 2)}); host share p50 ${main.host_ms_p50} ms`);
    const bench = {
      model: MODEL,
      document_tokens: tokens,
      debounce_ms: DEBOUNCE_MS,
      char_ms: CHAR_MS,
      runner_threads: THREADS || 'default',
      typing: TYPING,
      editor_ms_p50: main.editor_ms_p50,
      editor_ms_p90: main.editor_ms_p90,
      editor_ms_p50_model: main.editor_ms_p50_model,
      runner_ms_p50: main.runner_ms_p50,
      misses: main.misses,
      budget_ratio: round(main.editor_ms_p50_model / budget, 2),
      load_avg_1m: round(os.loadavg()[0]!, 1),
      by_dtype: results,
    };
    console.log(`BENCH ${JSON.stringify(bench)}`);
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
