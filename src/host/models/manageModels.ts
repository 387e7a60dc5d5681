/** "Inkwell: Manage Downloaded Models…": the cache with sizes; delete the selected models after confirmation. */
import * as vscode from 'vscode';
import type { ConfigWatcher } from '../../config';
import { formatMB } from '../../core/catalog';
import { Methods, type CachedModel } from '../../protocol';
import type { RunnerClient } from '../runnerClient';
import { showRunnerError } from '../runnerErrors';
import { MODEL_SETTING, TASKS } from './modelTasks';

export interface ManageModelsDeps {
  client: RunnerClient;
  config: ConfigWatcher;
  log: vscode.LogOutputChannel;
}

type Item = vscode.QuickPickItem & { model: CachedModel };

export async function manageModels(deps: ManageModelsDeps): Promise<void> {
  let cached: CachedModel[];
  try {
    cached = await deps.client.request0(Methods.listCachedModels);
  } catch (err) {
    await showRunnerError(err, deps.log);
    return;
  }
  if (cached.length === 0) {
    const choice = await vscode.window.showInformationMessage('Inkwell: no models are downloaded yet.', 'Download Models…');
    if (choice) await vscode.commands.executeCommand('inkwell.downloadModels');
    return;
  }
  const inUse = new Set(TASKS.map((t) => deps.config.current[MODEL_SETTING[t]]));
  const total = cached.reduce((sum, m) => sum + m.bytes, 0);
  const items: Item[] = cached.map((m) => ({
    label: m.model,
    description: `${formatMB(m.bytes)} · ${m.dtypes.join(', ') || 'no complete weights'}${m.complete ? '' : ' · incomplete'}${inUse.has(m.model) ? ' · in use' : ''}`,
    model: m,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Inkwell: downloaded models (${formatMB(total)} in all)`,
    placeHolder: 'Select models to delete',
    canPickMany: true,
  });
  if (!picked?.length) return;
  const bytes = picked.reduce((sum, i) => sum + i.model.bytes, 0);
  const used = picked.filter((i) => inUse.has(i.model.model)).map((i) => i.model.model);
  const note = used.length > 0 ? ` ${used.join(', ')} ${used.length > 1 ? 'are' : 'is'} in your settings and will be downloaded again when needed.` : '';
  const confirm = await vscode.window.showWarningMessage(`Delete ${picked.length} downloaded model(s) (${formatMB(bytes)})?${note}`, { modal: true }, 'Delete');
  if (confirm !== 'Delete') return;
  let freed = 0;
  try {
    for (const item of picked) {
      freed += (await deps.client.request(Methods.deleteCachedModel, { model: item.model.model })).bytes;
      deps.log.info(`Deleted the downloaded model ${item.model.model}.`);
    }
  } catch (err) {
    await showRunnerError(err, deps.log);
  }
  void vscode.window.showInformationMessage(`Inkwell: freed ${formatMB(freed)}.`);
}
