/**
 * Recommended models per task, as data, and the small rules around them
 * (default model, `auto` dtype choice, hub id syntax). Pure: no vscode, no I/O.
 *
 * Sizes are APPROXIMATE (MB = 2^20 bytes), estimated from parameter counts and
 * the transformers.js ONNX export layout (q8 ≈ a quarter of fp32; q4 keeps
 * embeddings in fp32, so it is not much smaller than q8 for small models), and
 * checked against the few hub listings that were available. Which dtypes a repo
 * really ships is asked from the hub at download time (`inkwell/modelInfo`);
 * the figures here are for choosing, not for disk-space checks.
 */
import type { Dtype, Task } from '../protocol';

export type CatalogTask = 'completion' | 'instruction' | 'summarization' | 'translation';
export type WeightDtype = Exclude<Dtype, 'auto'>;

export interface CatalogEntry {
  /** Hugging Face hub id. */
  id: string;
  task: CatalogTask;
  description: string;
  /** Download size per dtype the repo ships for this task (MB, approximate). */
  downloadMB: Partial<Record<WeightDtype, number>>;
  /** Resident memory once loaded, per dtype (MB, approximate, short contexts). */
  ramMB: Partial<Record<WeightDtype, number>>;
  license: string;
  /** Translation direction, e.g. "en→de". */
  languages?: string;
}

const smol = (size: '135M' | '360M', instruct: boolean): CatalogEntry => ({
  id: `HuggingFaceTB/SmolLM2-${size}${instruct ? '-Instruct' : ''}`,
  task: instruct ? 'instruction' : 'completion',
  description: `SmolLM2 ${size}${instruct ? ', chat-tuned: follows instructions' : ': fast ghost text and continuations'}`,
  downloadMB: size === '135M' ? { q8: 165, q4: 200, fp32: 654 } : { q8: 370, q4: 370, fp32: 1450 },
  ramMB: size === '135M' ? { q8: 350, q4: 380, fp32: 900 } : { q8: 700, q4: 700, fp32: 1900 },
  license: 'apache-2.0',
});

const qwen = (instruct: boolean): CatalogEntry => ({
  id: `onnx-community/Qwen2.5-0.5B${instruct ? '-Instruct' : ''}`,
  task: instruct ? 'instruction' : 'completion',
  description: `Qwen2.5 0.5B${instruct ? ', chat-tuned' : ''}: better text, slower; 29 languages`,
  downloadMB: { q8: 500, q4: 790, fp32: 1980 },
  ramMB: { q8: 950, q4: 1200, fp32: 2600 },
  license: 'apache-2.0',
});

const opus = (from: string, to: string): CatalogEntry => ({
  id: `Xenova/opus-mt-${from}-${to}`,
  task: 'translation',
  description: `Marian (OPUS-MT): ${from} → ${to}, small and fast`,
  downloadMB: { q8: 110, fp32: 300 },
  ramMB: { q8: 300, fp32: 650 },
  license: 'cc-by-4.0',
  languages: `${from}→${to}`,
});

export const CATALOG: readonly CatalogEntry[] = [
  smol('360M', false),
  smol('135M', false),
  qwen(false),
  smol('360M', true),
  smol('135M', true),
  qwen(true),
  {
    id: 'Xenova/distilbart-cnn-6-6',
    task: 'summarization',
    description: 'DistilBART (CNN/DailyMail): abstractive summaries of English prose',
    downloadMB: { q8: 300, fp32: 1150 },
    ramMB: { q8: 650, fp32: 1600 },
    license: 'apache-2.0',
  },
  {
    id: 'Xenova/t5-small',
    task: 'summarization',
    description: 'T5 small: tiny general model; weaker summaries',
    downloadMB: { q8: 95, fp32: 300 },
    ramMB: { q8: 250, fp32: 550 },
    license: 'apache-2.0',
  },
  ...(
    [
      ['en', 'de'],
      ['en', 'fr'],
      ['en', 'es'],
      ['de', 'en'],
      ['fr', 'en'],
      ['es', 'en'],
    ] as const
  ).map(([from, to]) => opus(from, to)),
  {
    id: 'Xenova/nllb-200-distilled-600M',
    task: 'translation',
    description: 'NLLB-200 distilled: 200 languages in one model; large; non-commercial license',
    downloadMB: { q8: 900, fp32: 3200 },
    ramMB: { q8: 1500, fp32: 3800 },
    license: 'cc-by-nc-4.0',
    languages: 'many↔many',
  },
];

/**
 * Defaults: each fits in about 1 GB of memory at q8, and they match the settings'
 * defaults (translation's setting is `auto`, which picks an opus-mt pair; en→de here).
 */
const DEFAULTS: Record<CatalogTask, string> = {
  completion: 'HuggingFaceTB/SmolLM2-360M',
  instruction: 'onnx-community/Qwen2.5-0.5B-Instruct',
  summarization: 'Xenova/distilbart-cnn-6-6',
  translation: 'Xenova/opus-mt-en-de',
};

export function defaultModel(task: CatalogTask): CatalogEntry {
  const entry = CATALOG.find((e) => e.id === DEFAULTS[task]);
  if (!entry) throw new Error(`No catalog entry for the default ${task} model.`);
  return entry;
}

/** The runner task a catalog task runs as. */
export function runnerTask(task: CatalogTask): Task {
  return task === 'completion' ? 'text-generation' : task;
}

/** Catalog entries for a runner task, best suited first (base models also serve instructions poorly, so they are not offered there). */
export function entriesFor(task: Task): CatalogEntry[] {
  return CATALOG.filter((e) => runnerTask(e.task) === task);
}

export function findEntry(id: string): CatalogEntry | undefined {
  return CATALOG.find((e) => e.id === id);
}

/** `auto`: q8 if the model has it, else q4, else fp32 (undefined when it has none of them). */
export function pickDtype(available: readonly string[]): WeightDtype | undefined {
  return (['q8', 'q4', 'fp32'] as const).find((d) => available.includes(d));
}

/** The dtype a download of `entry` gets: the requested one, or `auto`'s choice among what it ships. */
export function entryDtype(entry: CatalogEntry, dtype: Dtype): WeightDtype | undefined {
  const shipped = Object.keys(entry.downloadMB);
  return dtype === 'auto' ? pickDtype(shipped) : shipped.includes(dtype) ? dtype : undefined;
}

/** "org/name" (or a bare legacy name like "t5-small"): letters, digits, `-`, `_`, `.`; no `..`. */
export function isHubId(id: string): boolean {
  return /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/.test(id) && !id.includes('..') && id.length <= 96;
}

/** "123 MB" from bytes (MB = 2^20 bytes, as the catalog figures). */
export function formatMB(bytes: number): string {
  const mb = bytes / 2 ** 20;
  return `${mb >= 10 || mb === 0 ? Math.round(mb) : mb.toFixed(1)} MB`;
}
