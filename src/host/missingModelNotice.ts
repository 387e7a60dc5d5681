/**
 * Ghost text's one notice that its model is missing: which model, its size, and
 * [Download] [Choose Another] [Not Now]. When to show it is decided in
 * core/missingModelNotice.ts (once, not on every keystroke).
 */
import * as vscode from 'vscode';
import { settingId, type Config } from '../config';
import { entryDtype, findEntry, formatMB, isHubId } from '../core/catalog';
import type { MissingModelAnswer } from '../core/missingModelNotice';
import { Methods, type Dtype } from '../protocol';
import { downloadWithProgress, type DownloadDeps } from './models/downloadProgress';

export interface MissingModelDeps extends DownloadDeps {
  config: () => Config;
}

const DOWNLOAD = 'Download';
const CHOOSE = 'Choose Another Model';
const NOT_NOW = 'Not Now';

/** "165 MB" from the catalog, else from the hub's listing; undefined when neither knows. */
async function downloadSize(deps: MissingModelDeps, model: string, dtype: Dtype): Promise<string | undefined> {
  const entry = findEntry(model);
  const chosen = entry && entryDtype(entry, dtype);
  const mb = chosen && entry.downloadMB[chosen];
  if (mb) return `about ${mb} MB`;
  if (deps.config().offline || !isHubId(model)) return undefined;
  try {
    const info = await deps.client.request(Methods.modelInfo, { model, task: 'text-generation' });
    const bytes = info.sizes[dtype === 'auto' ? info.dtypes[0]! : dtype];
    return bytes ? formatMB(bytes) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Shows the notice and carries out the choice. Resolves with the answer as soon as the user
 * picks (a download then runs on); `downloaded` resolves true once a download it started ends well.
 */
export async function showMissingModel(deps: MissingModelDeps, model: string, dtype: Dtype): Promise<{ answer: MissingModelAnswer; downloaded: Promise<boolean> }> {
  const offline = deps.config().offline;
  const canDownload = isHubId(model) && !offline;
  const size = await downloadSize(deps, model, dtype);
  const what = `${model}${size ? ` (${size}${dtype === 'auto' ? '' : `, ${dtype}`})` : dtype === 'auto' ? '' : ` (${dtype})`}`;
  const why = !isHubId(model) ? 'is not in that folder' : offline ? `is not downloaded, and offline mode is on ("${settingId('offline')}")` : 'is not downloaded yet';
  const buttons = canDownload ? [DOWNLOAD, CHOOSE, NOT_NOW] : [CHOOSE, NOT_NOW];
  const choice = await vscode.window.showInformationMessage(`Inkwell: ghost text needs ${what}, which ${why}. Until then there are no suggestions.`, ...buttons);
  if (choice === DOWNLOAD) {
    const downloaded = downloadWithProgress(deps, [{ task: 'text-generation', model, dtype }], `Inkwell: downloading ${model}`).then((r) => r !== undefined);
    return { answer: 'download', downloaded };
  }
  if (choice === CHOOSE) void vscode.commands.executeCommand('inkwell.selectModel', 'text-generation');
  return { answer: choice === CHOOSE ? 'choose' : choice === NOT_NOW ? 'notNow' : 'dismissed', downloaded: Promise.resolve(false) };
}
