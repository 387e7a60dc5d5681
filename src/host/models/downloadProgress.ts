/**
 * Downloads models inside one cancellable progress notification that shows
 * "model — 123 of 540 MB" from the runner's download progress.
 */
import * as vscode from 'vscode';
import { formatMB } from '../../core/catalog';
import { isDownloadProgress, Methods, type DownloadModelParams, type DownloadModelResult, type ProgressParams } from '../../protocol';
import type { RunnerClient } from '../runnerClient';
import { showRunnerError } from '../runnerErrors';

export interface DownloadDeps {
  client: RunnerClient;
  log: vscode.LogOutputChannel;
  onProgress?: vscode.Event<ProgressParams>;
}

let inFlight = 0;

/** True while a download started here runs (the memory watch does not restart the runner meanwhile). */
export function isDownloading(): boolean {
  return inFlight > 0;
}

/** Downloads one after another; undefined when cancelled or failed (the error is shown). */
export async function downloadWithProgress(deps: DownloadDeps, items: DownloadModelParams[], title = 'Inkwell: downloading models'): Promise<DownloadModelResult[] | undefined> {
  inFlight++;
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const results: DownloadModelResult[] = [];
      let current = '';
      let reported = 0;
      const share = 100 / items.length;
      const subscription = deps.onProgress?.((p) => {
        if (!isDownloadProgress(p) || p.model !== current) return;
        const done = results.length * share + ((p.progress ?? 0) / 100) * share;
        progress.report({ message: `${current} — ${formatMB(p.overallLoaded)} of ${formatMB(p.overallTotal)}`, increment: Math.max(0, done - reported) });
        reported = Math.max(reported, done);
      });
      try {
        for (const item of items) {
          current = item.model;
          progress.report({ message: `${item.model}…` });
          const result = await deps.client.request(Methods.downloadModel, item, token);
          deps.log.info(`Downloaded ${item.model} (${result.dtype}): ${result.files} files, ${formatMB(result.bytes)} in ${Math.round(result.ms)} ms.`);
          results.push(result);
        }
        return results;
      } catch (err) {
        if (token.isCancellationRequested) {
          void vscode.window.setStatusBarMessage('Inkwell: download cancelled', 3000);
          return undefined;
        }
        // Not awaited: the progress notification ends now, not when the user dismisses the error.
        void showRunnerError(err, deps.log);
        return undefined;
      } finally {
        subscription?.dispose();
      }
    });
  } finally {
    inFlight--;
  }
}
