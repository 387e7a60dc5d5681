/**
 * One run of the writing checks over a document: reads its prose, asks the runner to classify it
 * in small requests (so ghost text and other jobs interleave with a long check and typing is never
 * held up), and turns the answers into findings. Cancellable between requests.
 */
import type * as vscode from 'vscode';
import type { Config } from '../../config';
import { CheckCode, nameFindings, negativeFindings, toneFindings, withoutRewritesAcrossLines, type Finding } from '../../core/checks/findings';
import { nameIssues, type EntityOccurrence } from '../../core/checks/nameConsistency';
import { prosePassages, type ProsePassage } from '../../core/checks/proseText';
import { splitSentences, type Sentence } from '../../core/checks/sentences';
import { candidateLabels, type ToneSettings } from '../../core/checks/tone';
import { commentSyntax } from '../../core/languages';
import type { ClassificationTask, ClassifiedText } from '../../protocol';
import type { RunnerClient } from '../runnerClient';

/** Texts per request: small enough that a completion waits for at most one of them. */
const TEXTS_PER_REQUEST = 16;

export interface CheckRunDeps {
  client: RunnerClient;
  config: Config;
  /** Whether the model for a task is there (asks to download it once); false skips that check. */
  modelReady: (task: ClassificationTask, model: string) => Promise<boolean>;
}

export interface CheckProgress {
  /** Work done and total, in texts (a zero-shot paragraph counts once per label). */
  report: (done: number, total: number) => void;
  token: vscode.CancellationToken;
}

export interface CheckOutcome {
  findings: Finding[];
  /** Checks that did not run because their model is not available. */
  skipped: string[];
  sentences: number;
}

interface Job {
  task: ClassificationTask;
  model: string;
  texts: string[];
  candidateLabels?: string[];
  /** Progress units per text. */
  weight: number;
}

export class CheckCancelled extends Error {
  constructor() {
    super('The writing check was cancelled.');
  }
}

async function classifyAll(deps: CheckRunDeps, job: Job, progress: CheckProgress, advance: (units: number) => void): Promise<ClassifiedText[]> {
  const results: ClassifiedText[] = [];
  for (let i = 0; i < job.texts.length; i += TEXTS_PER_REQUEST) {
    if (progress.token.isCancellationRequested) throw new CheckCancelled();
    const texts = job.texts.slice(i, i + TEXTS_PER_REQUEST);
    const answer = await deps.client.classify({ task: job.task, model: job.model, dtype: deps.config.dtype, texts, candidateLabels: job.candidateLabels }, () => undefined, progress.token);
    results.push(...answer.results);
    advance(texts.length * job.weight);
  }
  return results;
}

function entitiesIn(sentences: readonly Sentence[], results: readonly ClassifiedText[]): EntityOccurrence[] {
  return sentences.flatMap((s, i) => (results[i]?.entities ?? []).map((e) => ({ group: e.group, text: e.text, start: s.start + e.start, end: s.start + e.end })));
}

export async function runChecks(deps: CheckRunDeps, text: string, languageId: string, progress: CheckProgress): Promise<CheckOutcome> {
  const { config } = deps;
  const passages: ProsePassage[] = prosePassages(text, languageId);
  const sentences = splitSentences(passages);
  const tone: ToneSettings = { negativeThreshold: config.checksNegativeThreshold, targetTone: config.checksTargetTone, toneThreshold: config.checksToneThreshold };
  const labels = candidateLabels(config.checksToneLabels, config.checksTargetTone);
  const sentenceTexts = sentences.map((s) => s.text);
  const wanted: (Job & { code: CheckCode })[] = [];
  if (config.checksNames) wanted.push({ code: CheckCode.names, task: 'token-classification', model: config.entityModel, texts: sentenceTexts, weight: 1 });
  if (config.checksTone) wanted.push({ code: CheckCode.negativeTone, task: 'text-classification', model: config.sentimentModel, texts: sentenceTexts, weight: 1 });
  if (config.checksTone && tone.targetTone.trim()) {
    wanted.push({ code: CheckCode.targetTone, task: 'zero-shot-classification', model: config.toneModel, texts: passages.map((p) => p.text), candidateLabels: labels, weight: labels.length });
  }
  const jobs: typeof wanted = [];
  const skipped: string[] = [];
  for (const job of wanted) {
    if (await deps.modelReady(job.task, job.model)) jobs.push(job);
    else skipped.push(job.code);
  }
  const total = jobs.reduce((sum, j) => sum + j.texts.length * j.weight, 0);
  let done = 0;
  const advance = (units: number) => progress.report((done += units), total);
  const findings: Finding[] = [];
  for (const job of jobs) {
    const results = await classifyAll(deps, job, progress, advance);
    if (job.code === CheckCode.names) findings.push(...nameFindings(nameIssues(entitiesIn(sentences, results), passages)));
    if (job.code === CheckCode.negativeTone) findings.push(...negativeFindings(sentences, results, tone));
    if (job.code === CheckCode.targetTone) findings.push(...toneFindings(passages, results, tone));
  }
  const sorted = findings.sort((a, b) => a.start - b.start);
  return { findings: commentSyntax(languageId) ? withoutRewritesAcrossLines(sorted, text) : sorted, skipped, sentences: sentences.length };
}
