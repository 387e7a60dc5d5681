/**
 * Models in the UI: Select Model, Download Models, Manage Downloaded Models,
 * first-use download consent, and the runner's memory watch.
 */
import * as vscode from 'vscode';
import type { ConfigWatcher } from '../../config';
import type { ProgressParams, StatusResult, Task } from '../../protocol';
import type { RunnerClient } from '../runnerClient';
import { ModelAvailability } from './availability';
import { downloadModels } from './downloadModels';
import { isDownloading } from './downloadProgress';
import { manageModels } from './manageModels';
import { startMemoryWatch } from './memoryWatch';
import { selectModel } from './selectModel';


export interface ModelCommandsDeps {
  client: RunnerClient;
  config: ConfigWatcher;
  log: vscode.LogOutputChannel;
  context: vscode.ExtensionContext;
  /** The runner's progress notifications; with it, downloads show "123 of 540 MB". */
  onProgress?: vscode.Event<ProgressParams>;
  /** The runner's status, read about every half minute while it runs. */
  onStatus?: (status: StatusResult) => void;
}

/** Before a command uses a model: true when it can be used now (or was downloaded after the user agreed). */
export type EnsureModel = (task: Task, model: string) => Promise<boolean>;

/**
 * Registers the model commands and the memory watch, and returns the
 * first-use check that commands call before they need a model (one
 * non-modal notification asks before a download). Never call it from inline
 * suggestions.
 */
export function registerModelCommands(deps: ModelCommandsDeps): { disposable: vscode.Disposable; ensureAvailable: EnsureModel } {
  const { client, config, log } = deps;
  const availability = new ModelAvailability(deps);
  const ensureAvailable: EnsureModel = (task, model) => availability.ensure(task, model);
  const watch = startMemoryWatch({ client, maxMemoryMB: () => config.current.maxMemoryMB, log, busy: isDownloading, intervalMs: 30_000, onStatus: deps.onStatus });
  const disposable = vscode.Disposable.from(
    watch,
    vscode.commands.registerCommand('inkwell.selectModel', (task?: Task) => selectModel({ client, config, log, ensureAvailable }, task)),
    vscode.commands.registerCommand('inkwell.downloadModels', () => downloadModels(deps)),
    vscode.commands.registerCommand('inkwell.manageModels', () => manageModels(deps)),
  );
  return { disposable, ensureAvailable };
}
