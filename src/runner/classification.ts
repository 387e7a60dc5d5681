/**
 * The writing checks' classification: sentiment (text-classification), tone against the user's
 * labels (zero-shot-classification, an NLI model) and named entities (token-classification),
 * through transformers.js pipelines, in batches. Between batches it reports progress, yields to
 * the event loop (so a `$/cancelRequest` is read) and stops when cancelled.
 */
import type { TextClassificationPipeline, TokenClassificationPipeline, ZeroShotClassificationPipeline } from '@huggingface/transformers';
import { ResponseError, type CancellationToken } from 'vscode-jsonrpc';
import { locateEntities, type RawEntity } from '../core/checks/entityOffsets';
import type { ClassificationTask, ClassifiedText, ClassifyParams, ClassifyResult } from '../protocol';
import { RunnerErrorCode } from '../protocol';
import { REQUEST_CANCELLED, runnerError } from './errors';

export interface Classifier {
  kind: 'classifier';
  task: ClassificationTask;
  pipe: TextClassificationPipeline | ZeroShotClassificationPipeline | TokenClassificationPipeline;
}

export interface ClassifyHooks {
  token: CancellationToken;
  onProgress: (done: number, total: number) => void;
}

const DEFAULT_BATCH = 8;
const MAX_TEXTS = 20_000;
const DEFAULT_HYPOTHESIS = 'This example is {}.';

type Call = (texts: string[], ...rest: unknown[]) => Promise<unknown>;

function check(params: ClassifyParams): void {
  if (!Array.isArray(params.texts) || params.texts.some((t) => typeof t !== 'string')) {
    throw runnerError(RunnerErrorCode.InvalidParams, 'Classification needs a list of texts.');
  }
  if (params.texts.length > MAX_TEXTS) {
    throw runnerError(RunnerErrorCode.InvalidParams, `Too many texts at once (${params.texts.length}; at most ${MAX_TEXTS}).`);
  }
  if (params.task === 'zero-shot-classification') {
    const labels = params.candidateLabels ?? [];
    if (labels.length === 0 || labels.some((l) => typeof l !== 'string' || !l.trim())) {
      throw runnerError(RunnerErrorCode.InvalidParams, 'Zero-shot classification needs at least one non-empty label.');
    }
    if (params.hypothesisTemplate !== undefined && !params.hypothesisTemplate.includes('{}')) {
      throw runnerError(RunnerErrorCode.InvalidParams, 'The hypothesis template must contain "{}" where the label goes.');
    }
  }
}

async function classifyBatch(c: Classifier, texts: string[], params: ClassifyParams): Promise<ClassifiedText[]> {
  const call = c.pipe as unknown as Call;
  if (c.task === 'text-classification') {
    const out = (await call(texts, { top_k: null })) as { label: string; score: number }[][];
    return out.map((labels) => ({ labels: labels.map(({ label, score }) => ({ label, score })) }));
  }
  if (c.task === 'zero-shot-classification') {
    const options = { hypothesis_template: params.hypothesisTemplate ?? DEFAULT_HYPOTHESIS, multi_label: false };
    const out = (await call(texts, params.candidateLabels, options)) as { labels: string[]; scores: number[] }[];
    return out.map((r) => ({ labels: r.labels.map((label, i) => ({ label, score: r.scores[i] })) }));
  }
  const out = (await call(texts, { aggregation_strategy: 'simple' })) as { entity_group: string; word: string; score: number }[][];
  return out.map((groups, i) => {
    const raw: RawEntity[] = groups.map((g) => ({ group: g.entity_group, word: g.word, score: g.score }));
    return { entities: locateEntities(texts[i], raw) };
  });
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function classify(c: Classifier, params: ClassifyParams, loadMs: number, hooks: ClassifyHooks): Promise<ClassifyResult> {
  check(params);
  const started = performance.now();
  const batchSize = Math.max(1, Math.min(64, Math.floor(params.batchSize ?? DEFAULT_BATCH)));
  const results: ClassifiedText[] = [];
  let firstAt = 0;
  for (let i = 0; i < params.texts.length; i += batchSize) {
    await yieldToEventLoop();
    if (hooks.token.isCancellationRequested) throw new ResponseError(REQUEST_CANCELLED, `Classification cancelled after ${i} of ${params.texts.length} texts.`);
    const batch = params.texts.slice(i, i + batchSize);
    // Empty texts are answered without the model (a tokenizer would give just [CLS] [SEP]).
    const filled = batch.map((t, j) => [t, j] as const).filter(([t]) => t.trim() !== '');
    const answered = filled.length > 0 ? await classifyBatch(c, filled.map(([t]) => t), params) : [];
    const byIndex = new Map(filled.map(([, j], k) => [j, answered[k]]));
    results.push(...batch.map((_, j) => byIndex.get(j) ?? (c.task === 'token-classification' ? { entities: [] } : { labels: [] })));
    firstAt ||= performance.now();
    hooks.onProgress(results.length, params.texts.length);
  }
  const end = performance.now();
  return { results, timings: { loadMs, firstTokenMs: (firstAt || end) - started, totalMs: end - started } };
}
