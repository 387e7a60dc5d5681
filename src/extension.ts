/** Composition root: build the pieces, wire them, register disposables. Starts no runner and loads no model. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConfigWatcher } from './config';
import { registerContinueWriting } from './host/continueWriting';
import { registerInlineFeature } from './host/inlineFeature';
import { RunnerClient } from './host/runnerClient';
import { StatusBar } from './host/statusBar';
import { createLog } from './log';
import type { ProgressParams } from './protocol';

let client: RunnerClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const config = new ConfigWatcher(vscode.workspace);
  const statusBar = new StatusBar();
  const progress = new vscode.EventEmitter<ProgressParams>();

  client = new RunnerClient({
    runnerPath: context.asAbsolutePath(path.join('dist', 'runner.js')),
    log,
    initializeParams: () => ({
      cacheDir: path.join(context.globalStorageUri.fsPath, 'models'),
      localModelPath: config.current.localModelPath,
      offline: config.current.offline,
      threads: config.current.threads,
    }),
    onStateChange: (runner) => statusBar.update({ runner, ...(runner === 'ready' ? { error: undefined } : {}) }),
    onProgress: (p) => {
      progress.fire(p);
      statusBar.update({ loadingPercent: p.status === 'progress' ? p.progress : undefined });
    },
    onGaveUp: async (crashes) => {
      const choice = await vscode.window.showErrorMessage(`Inkwell: the model runner crashed ${crashes} times in 3 minutes and will not be restarted automatically.`, 'Restart Runner', 'Show Log');
      if (choice === 'Restart Runner') await vscode.commands.executeCommand('inkwell.restartRunner');
      if (choice === 'Show Log') log.show();
    },
  });
  const runner = client;

  context.subscriptions.push(
    log,
    config,
    statusBar,
    progress,
    config.onDidChange(() => void runner.reconfigure().catch((err: unknown) => log.error(`Could not apply settings to the runner: ${String(err)}`))),
    registerContinueWriting({ client: runner, config: () => config.current, log, onProgress: progress.event }),
    registerInlineFeature({ client: runner, config, statusBar, log }),
    vscode.commands.registerCommand('inkwell.restartRunner', async () => {
      await runner.restart();
      void vscode.window.setStatusBarMessage('Inkwell: model runner restarted', 3000);
    }),
    vscode.commands.registerCommand('inkwell.showLog', () => log.show()),
  );
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
