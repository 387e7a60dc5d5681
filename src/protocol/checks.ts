/** Runner contract, part: the writing checks: sentiment, zero-shot tone and named entities. */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { ClassificationTask, ModelRef, Timings } from './index';

export interface ClassifyParams extends ModelRef {
  task: ClassificationTask;
  /** Sentences or paragraphs; classified in batches, cancellable between batches. */
  texts: string[];
  /** zero-shot-classification: the labels to score each text against (e.g. "formal", "casual"). */
  candidateLabels?: string[];
  /** zero-shot-classification: the NLI hypothesis, "{}" replaced by each label (default "This example is {}."). */
  hypothesisTemplate?: string;
  /** Texts per model call (default 8). */
  batchSize?: number;
  /** `classifyProgress` notifications carry this id. */
  progressId?: string;
}

export interface LabelScore {
  label: string;
  /** 0..1 */
  score: number;
}

/** A named entity found in a text: its group (PER, ORG, LOC, MISC) and where it is (UTF-16 offsets into the text). */
export interface FoundEntity {
  group: string;
  text: string;
  start: number;
  end: number;
  score: number;
}

export interface ClassifiedText {
  /** text-classification and zero-shot-classification: every label with its score, best first. */
  labels?: LabelScore[];
  /** token-classification: the entities, in text order. */
  entities?: FoundEntity[];
}

export interface ClassifyResult {
  results: ClassifiedText[];
  timings: Timings;
}

export interface ClassifyProgressParams {
  progressId: string;
  done: number;
  total: number;
}

export const ChecksMethods = {
  classify: new RequestType<ClassifyParams, ClassifyResult, void>('inkwell/classify'),
} as const;

export const ChecksNotifications = {
  progress: new NotificationType<ClassifyProgressParams>('inkwell/classifyProgress'),
} as const;
