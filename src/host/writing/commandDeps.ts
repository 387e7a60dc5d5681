import type * as vscode from 'vscode';
import type { Config } from '../../config';
import type { Task } from '../../protocol';
import type { EnsureModel } from '../models';
import type { RunnerClient } from '../runnerClient';

export interface CommandDeps {
  client: RunnerClient;
  config: () => Config;
  log: vscode.LogOutputChannel;
  /** First-use check: is the model there, or downloaded after the user agreed? */
  ensureAvailable: EnsureModel;
}

/** A remote server (when configured) writes for the text tasks; local models need to be on disk. */
export function modelReady(deps: CommandDeps, task: Task, model: string): Promise<boolean> {
  const remote = deps.config().backend === 'openai-compatible' && (task === 'instruction' || task === 'text-generation');
  return remote ? Promise.resolve(true) : deps.ensureAvailable(task, model);
}
