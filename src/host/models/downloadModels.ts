/** "Inkwell: Download Models…": pick catalog (and configured) models, download them with progress. */
import * as vscode from 'vscode';
import type { ConfigWatcher } from '../../config';
import { CATALOG, entryDtype, formatMB, isHubId, runnerTask } from '../../core/catalog';
import { Methods, type CachedModel, type DownloadModelParams } from '../../protocol';
import { downloadWithProgress, type DownloadDeps } from './downloadProgress';
import { MODEL_SETTING, TASK_LABEL, TASKS } from './modelTasks';

export interface DownloadModelsDeps extends DownloadDeps {
  config: ConfigWatcher;
}

type Item = vscode.QuickPickItem & { params?: DownloadModelParams };

export async function downloadModels(deps: DownloadModelsDeps): Promise<void> {
  const picked = await vscode.window.showQuickPick(items(deps), {
    title: 'Inkwell: download models (for use offline or ahead of time)',
    placeHolder: 'Select the models to download',
    canPickMany: true,
    matchOnDescription: true,
  });
  const chosen = (picked ?? []).flatMap((item) => (item.params ? [item.params] : []));
  if (chosen.length === 0) return;
  const results = await downloadWithProgress(deps, chosen);
  if (!results) return;
  const bytes = results.reduce((sum, r) => sum + r.bytes, 0);
  void vscode.window.showInformationMessage(`Inkwell: ${chosen.length} model(s) ready (${formatMB(bytes)} downloaded).`);
}

async function items(deps: DownloadModelsDeps): Promise<Item[]> {
  const cached = await deps.client.request0(Methods.listCachedModels).catch(() => [] as CachedModel[]);
  const { dtype } = deps.config.current;
  const isCached = (model: string, d?: string) => cached.some((c) => c.model === model && (d ? c.dtypes.some((x) => x === d) : c.dtypes.length > 0));
  const result: Item[] = [];
  for (const task of TASKS) {
    result.push({ label: TASK_LABEL[task], kind: vscode.QuickPickItemKind.Separator });
    const configured = deps.config.current[MODEL_SETTING[task]];
    const entries = CATALOG.filter((e) => runnerTask(e.task) === task);
    if (isHubId(configured) && configured !== 'auto' && !entries.some((e) => e.id === configured)) {
      const done = isCached(configured);
      result.push({ label: configured, description: `in your settings${done ? ' · $(check) downloaded' : ''}`, picked: !done, params: { task, model: configured, dtype } });
    }
    for (const entry of entries) {
      const d = entryDtype(entry, dtype);
      if (!d) continue;
      const done = isCached(entry.id, d);
      result.push({
        label: entry.id,
        description: `${formatMB((entry.downloadMB[d] ?? 0) * 2 ** 20)} · ${d}${done ? ' · $(check) downloaded' : ''}${entry.id === configured ? ' · in your settings' : ''}`,
        detail: entry.description,
        picked: entry.id === configured && !done,
        params: { task, model: entry.id, dtype },
      });
    }
  }
  return result;
}
