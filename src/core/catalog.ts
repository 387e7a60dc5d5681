/**
 * Recommended models per task, as data, and the small rules around them
 * (default model, `auto` dtype choice, hub id syntax). Pure: no vscode, no I/O.
 *
 * Every entry was checked against the hub's file listings (recorded, with their
 * sources and what is unconfirmed, in test/fixtures/hubListings/; a contract test
 * resolves each entry through the real download code against them). `ships` is
 * every weight variant the repository has for the task; `downloadMB` has the
 * precisions Inkwell runs (CPU: fp32, 8-bit, 4-bit; fp16/q4f16 are for GPUs) and
 * their download size (MB = 2^20 bytes). Memory figures are approximate. The hub
 * is asked again at download time (`inkwell/modelInfo`), so a repository that
 * changed still downloads what it has.
 */
import type { Dtype, Task } from '../protocol';
import { PRECISION_ORDER, type Precision, type Variant } from './weightFiles';

export type CatalogTask = 'completion' | 'instruction' | 'summarization' | 'translation' | 'text-classification' | 'zero-shot-classification' | 'token-classification';
export type WeightDtype = Precision;

export interface CatalogEntry {
  /** Hugging Face hub id. */
  id: string;
  task: CatalogTask;
  description: string;
  /** Weight variants (transformers.js dtypes) the repository ships for this task. */
  ships: readonly Variant[];
  /** Download size per precision Inkwell can run from this repository (MB, from the recorded listing). */
  downloadMB: Partial<Record<WeightDtype, number>>;
  /** Resident memory once loaded, per precision (MB, approximate, short contexts). */
  ramMB: Partial<Record<WeightDtype, number>>;
  license: string;
  /** Whether the recorded listing was read in full (`confirmed`) or pieced together from public code (`partial`). */
  listing: 'confirmed' | 'partial';
  /** Translation direction, e.g. "en→de". */
  languages?: string;
}

const ALL_CAUSAL: Variant[] = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4'];
const SEQ2SEQ: Variant[] = ['fp32', 'fp16', 'q8'];

const opus = (from: string, to: string, listing: CatalogEntry['listing'] = 'confirmed', ships: Variant[] = SEQ2SEQ): CatalogEntry => ({
  id: `Xenova/opus-mt-${from}-${to}`,
  task: 'translation',
  description: `Marian (OPUS-MT): ${from} → ${to}, small and fast`,
  ships,
  downloadMB: { q8: 105, fp32: 405 },
  ramMB: { q8: 300, fp32: 650 },
  license: 'cc-by-4.0',
  listing,
  languages: `${from}→${to}`,
});

export const CATALOG: readonly CatalogEntry[] = [
  {
    id: 'onnx-community/SmolLM2-360M-ONNX',
    task: 'completion',
    description: 'SmolLM2 360M (base): fast ghost text and continuations',
    ships: ['q4'],
    downloadMB: { q4: 370 },
    ramMB: { q4: 700 },
    license: 'apache-2.0',
    listing: 'partial',
  },
  {
    id: 'HuggingFaceTB/SmolLM-360M',
    task: 'completion',
    description: 'SmolLM 360M (v1 base): every precision confirmed on the hub',
    ships: ALL_CAUSAL,
    downloadMB: { q8: 348, q4: 371, fp32: 1385 },
    ramMB: { q8: 700, q4: 700, fp32: 1900 },
    license: 'apache-2.0',
    listing: 'confirmed',
  },
  {
    id: 'onnx-community/SmolLM2-135M-ONNX',
    task: 'completion',
    description: 'SmolLM2 135M (base): the smallest and fastest; weaker text',
    ships: ['fp32', 'int8', 'q4', 'q4f16', 'bnb4'],
    downloadMB: { q8: 132, q4: 193, fp32: 516 },
    ramMB: { q8: 350, q4: 380, fp32: 900 },
    license: 'apache-2.0',
    listing: 'partial',
  },
  {
    id: 'HuggingFaceTB/SmolLM-135M',
    task: 'completion',
    description: 'SmolLM 135M (v1 base): tiny; every precision confirmed on the hub',
    ships: ALL_CAUSAL,
    downloadMB: { q8: 132, q4: 175, fp32: 516 },
    ramMB: { q8: 350, q4: 380, fp32: 900 },
    license: 'apache-2.0',
    listing: 'confirmed',
  },
  {
    id: 'onnx-community/Qwen2.5-0.5B-Instruct',
    task: 'instruction',
    description: 'Qwen2.5 0.5B, chat-tuned: better text, slower; 29 languages',
    ships: ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'],
    downloadMB: { q8: 495, q4: 756, fp32: 1905 },
    ramMB: { q8: 950, q4: 1200, fp32: 2600 },
    license: 'apache-2.0',
    listing: 'confirmed',
  },
  {
    id: 'HuggingFaceTB/SmolLM2-360M-Instruct',
    task: 'instruction',
    description: 'SmolLM2 360M, chat-tuned: follows simple instructions (no 8-bit weights on the hub)',
    ships: ['fp32', 'fp16', 'q4', 'q4f16'],
    downloadMB: { q4: 400, fp32: 1566 },
    ramMB: { q4: 750, fp32: 2000 },
    license: 'apache-2.0',
    listing: 'confirmed',
  },
  {
    id: 'HuggingFaceTB/SmolLM2-135M-Instruct',
    task: 'instruction',
    description: 'SmolLM2 135M, chat-tuned: tiny and fast, weak instructions (no 8-bit weights on the hub)',
    ships: ['fp32', 'fp16', 'q4', 'q4f16'],
    downloadMB: { q4: 193, fp32: 626 },
    ramMB: { q4: 400, fp32: 950 },
    license: 'apache-2.0',
    listing: 'confirmed',
  },
  {
    id: 'Xenova/distilbart-cnn-6-6',
    task: 'summarization',
    description: 'DistilBART (CNN/DailyMail): abstractive summaries of English prose',
    ships: SEQ2SEQ,
    downloadMB: { q8: 273, fp32: 1077 },
    ramMB: { q8: 650, fp32: 1600 },
    license: 'apache-2.0',
    listing: 'partial',
  },
  {
    id: 'Xenova/t5-small',
    task: 'summarization',
    description: 'T5 small: tiny general model; weaker summaries',
    ships: SEQ2SEQ,
    downloadMB: { q8: 77, fp32: 296 },
    ramMB: { q8: 250, fp32: 550 },
    license: 'apache-2.0',
    listing: 'confirmed',
  },
  opus('en', 'de'),
  opus('en', 'fr'),
  { ...opus('en', 'es', 'confirmed', ['fp32', 'q8']), downloadMB: { q8: 110, fp32: 428 } },
  opus('de', 'en'),
  opus('fr', 'en', 'partial'),
  opus('es', 'en', 'partial'),
  {
    id: 'Xenova/nllb-200-distilled-600M',
    task: 'translation',
    description: 'NLLB-200 distilled: 200 languages in one model; large; non-commercial license',
    ships: SEQ2SEQ,
    downloadMB: { q8: 870, fp32: 3383 },
    ramMB: { q8: 1500, fp32: 3800 },
    license: 'cc-by-nc-4.0',
    listing: 'confirmed',
    languages: 'many↔many',
  },
  // Writing checks (README, "Writing checks"): small encoders with a classification head.
  {
    id: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english',
    task: 'text-classification',
    description: 'DistilBERT SST-2: positive/negative sentiment of English sentences (tone check)',
    ships: ['fp32', 'fp16', 'q8'],
    downloadMB: { q8: 66, fp32: 257 },
    ramMB: { q8: 150, fp32: 400 },
    license: 'apache-2.0',
    listing: 'partial',
  },
  {
    id: 'Xenova/mobilebert-uncased-mnli',
    task: 'zero-shot-classification',
    description: 'MobileBERT MNLI: scores paragraphs against your tone labels (zero-shot); small',
    ships: ['fp32', 'fp16', 'q8'],
    downloadMB: { q8: 27, fp32: 96 },
    ramMB: { q8: 120, fp32: 250 },
    license: 'apache-2.0',
    listing: 'confirmed',
  },
  {
    id: 'Xenova/bert-base-NER',
    task: 'token-classification',
    description: 'BERT base NER (CoNLL-2003, cased): people, organisations, places, other names (names check)',
    ships: ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'],
    downloadMB: { q8: 105, q4: 139, fp32: 412 },
    ramMB: { q8: 250, q4: 300, fp32: 600 },
    license: 'mit',
    listing: 'confirmed',
  },
];

/**
 * Defaults: each exists with transformers.js ONNX weights and fits in about 1 GB
 * of memory at the precision `auto` picks; they match the settings' defaults
 * (translation's setting is `auto`, which picks an opus-mt pair; en→de here).
 * Why these: README, "Default models, and why".
 */
const DEFAULTS: Record<CatalogTask, string> = {
  completion: 'onnx-community/SmolLM2-360M-ONNX',
  instruction: 'onnx-community/Qwen2.5-0.5B-Instruct',
  summarization: 'Xenova/distilbart-cnn-6-6',
  translation: 'Xenova/opus-mt-en-de',
  'text-classification': 'Xenova/distilbert-base-uncased-finetuned-sst-2-english',
  'zero-shot-classification': 'Xenova/mobilebert-uncased-mnli',
  'token-classification': 'Xenova/bert-base-NER',
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
  return PRECISION_ORDER.find((d) => available.includes(d));
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
