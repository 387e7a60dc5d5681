/** Composition root: build the pieces, wire them, register disposables. Starts no runner and loads no model. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConfigWatcher } from './config';
import { registerContinueWriting } from './host/continueWriting';
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
    onStateChange: (state) => statusBar.show(state),
    onProgress: (p) => progress.fire(p),
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
