import type * as vscode from 'vscode';
import type { Config } from '../../config';
import { estimateTokensByChars, SERVER_INPUT_LIMIT } from '../../core/text/tokenEstimate';
import { Methods, type Task } from '../../protocol';
import { servedByServer } from '../backend';
import type { EnsureModel } from '../models';
import type { RunnerClient } from '../runnerClient';
import type { WritingJob, WritingJobs } from './writingJob';
import type { Input } from './selectionInput';

export interface CommandDeps {
  client: RunnerClient;
  config: () => Config;
  log: vscode.LogOutputChannel;
  /** First-use check: is the model there, or downloaded after the user agreed? */
  ensureAvailable: EnsureModel;
  /** The one writing-job flow (one job per document at a time). */
  jobs: WritingJobs;
}

/** A remote server (when configured) writes for the text tasks; local models need to be on disk. */
export function modelReady(deps: CommandDeps, task: Task, model: string): Promise<boolean> {
  return servedByServer(deps.config(), task) ? Promise.resolve(true) : deps.ensureAvailable(task, model);
}


export interface TokenPlan {
  /** Tokens in the whole input. */
  inputTokens: number;
  /** The most input tokens the model reads. */
  limit: number;
  /** A quick estimate for parts of the input, scaled from the model's own count of the whole. */
  count: (text: string) => number;
}

/** Measures the input with the model's tokenizer (an estimate for a remote server, which has its own). */
export async function planTokens(deps: CommandDeps, task: Task, model: string, text: string, token: vscode.CancellationToken): Promise<TokenPlan> {
  const config = deps.config();
  const { counts, limit } = servedByServer(config, task)
    ? { counts: [estimateTokensByChars(text)], limit: SERVER_INPUT_LIMIT }
    : await deps.client.request(Methods.countTokens, { model, dtype: config.dtype, task, texts: [text] }, token);
  const inputTokens = counts[0] ?? 1;
  const perChar = inputTokens / Math.max(1, text.length);
  return { inputTokens, limit, count: (part) => Math.ceil(part.length * perChar * 1.1) };
}

/** Where a command that read `input` writes: the input's range in its editor, per `inkwell.output`. */
export function outputFor(deps: CommandDeps, input: Input): Pick<WritingJob, 'editor' | 'range' | 'version' | 'target' | 'log'> {
  return { editor: input.editor, range: input.range, version: input.version, target: deps.config().output, log: deps.log };
}
