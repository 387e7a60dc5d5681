/**
 * First-use consent: before a command needs a model that is not downloaded,
 * ask once, in a non-modal notification, whether to download it. Never used
 * by inline suggestions (they stay silent and report through the status bar).
 */
import * as vscode from 'vscode';
import { settingId, type ConfigWatcher } from '../../config';
import { formatMB, pickDtype } from '../../core/catalog';
import { Methods, type Dtype, type Task } from '../../protocol';
import { downloadWithProgress, type DownloadDeps } from './downloadProgress';
import { TASK_LABEL } from './modelTasks';
import { showRunnerError } from '../runnerErrors';
import type { RunnerClient } from '../runnerClient';

export interface AvailabilityDeps extends DownloadDeps {
  config: ConfigWatcher;
}

/** Downloaded (or a local folder) for the configured dtype, asked without any network request. */
export async function isModelDownloaded(client: RunnerClient, task: Task, model: string, dtype: Dtype): Promise<boolean> {
  const info = await client.request(Methods.modelInfo, { model, task, hub: false });
  if (info.source === 'local') return info.dtypes.length > 0;
  return dtype === 'auto' ? info.downloaded.length > 0 : info.downloaded.some((d) => d === dtype);
}

export class ModelAvailability {
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(private readonly deps: AvailabilityDeps) {}

  /** True when the model can be used now (already there, or downloaded after the user agreed). */
  ensure(task: Task, model: string): Promise<boolean> {
    const key = `${task}|${model}`;
    const pending = this.asking.get(key);
    if (pending) return pending;
    const asked = this.ask(task, model).finally(() => this.asking.delete(key));
    this.asking.set(key, asked);
    return asked;
  }

  private async ask(task: Task, model: string): Promise<boolean> {
    const { client, config, log } = this.deps;
    const dtype = config.current.dtype;
    try {
      if (await isModelDownloaded(client, task, model, dtype)) return true;
      if (config.current.offline) {
        const choice = await vscode.window.showErrorMessage(`Inkwell: ${model} is not downloaded and offline mode is on ("${settingId('offline')}").`, 'Open Settings', 'Choose Another Model');
        if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', settingId('offline'));
        if (choice === 'Choose Another Model') await vscode.commands.executeCommand('inkwell.selectModel', task);
        return false;
      }
      const hub = await client.request(Methods.modelInfo, { model, task });
      const chosen = dtype === 'auto' ? pickDtype(hub.dtypes) : dtype;
      const size = chosen ? hub.sizes[chosen] : undefined;
      const choice = await vscode.window.showInformationMessage(
        `Inkwell needs to download ${model}${size ? ` (${formatMB(size)})` : ''} for ${TASK_LABEL[task]}. Download?`,
        'Download',
        'Choose Another Model',
      );
      if (choice === 'Choose Another Model') void vscode.commands.executeCommand('inkwell.selectModel', task);
      if (choice !== 'Download') return false;
      return (await downloadWithProgress(this.deps, [{ task, model, dtype }], `Inkwell: downloading ${model}`)) !== undefined;
    } catch (err) {
      await showRunnerError(err, log);
      return false;
    }
  }
}
