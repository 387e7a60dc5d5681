/** Composition root: build the pieces, wire them, register disposables. Starts no runner and loads no model. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConfigWatcher } from './config';
import { ApiKeyStore } from './host/apiKey';
import { backendFor, serverConfigured, servedByServer } from './host/backend';
import { registerChat } from './host/chat';
import { registerChecks } from './host/checks';
import { registerContinueWriting } from './host/continueWriting';
import { registerInlineFeature } from './host/inlineFeature';
import { registerModelCommands } from './host/models';
import { registerPlayground } from './host/playground';
import { registerWritingCommands } from './host/writing';
import { WritingJobs } from './host/writing/writingJob';
import { RunnerClient } from './host/runnerClient';
import { StatusBar } from './host/statusBar';
import { StatusState } from './host/statusState';
import { registerWalkthrough } from './host/walkthrough';
import { createLog } from './log';
import type { ProgressParams } from './protocol';

let client: RunnerClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLog();
  const config = new ConfigWatcher(vscode.workspace);
  const apiKey = new ApiKeyStore(context.secrets, () => config.current.remoteBaseUrl);
  await apiKey.load();
  // One owner of what the status bar shows; everything below reports to it by named transitions.
  const status = new StatusState();
  const statusBar = new StatusBar(status);
  const progress = new vscode.EventEmitter<ProgressParams>();
  const runnerReady = new vscode.EventEmitter<void>();

  client = new RunnerClient({
    runnerPath: context.asAbsolutePath(path.join('dist', 'runner.js')),
    log,
    initializeParams: () => ({
      cacheDir: path.join(context.globalStorageUri.fsPath, 'models'),
      localModelPath: config.current.localModelPath,
      offline: config.current.offline,
      threads: config.current.threads,
      backend: backendFor(config.current, apiKey.current),
      idleUnloadMinutes: config.current.idleUnloadMinutes,
    }),
    onStateChange: (runner) => {
      status.runnerChanged(runner);
      if (runner === 'ready') runnerReady.fire();
    },
    onProgress: (p) => {
      progress.fire(p);
      status.loading(p.status === 'progress' ? p.progress : undefined);
    },
    onGaveUp: async (crashes) => {
      const choice = await vscode.window.showErrorMessage(`Inkwell: the model runner crashed ${crashes} times in 3 minutes and will not be restarted automatically.`, 'Restart Runner', 'Show Log');
      if (choice === 'Restart Runner') await vscode.commands.executeCommand('inkwell.restartRunner');
      if (choice === 'Show Log') log.show();
    },
  });
  const runner = client;
  const models = registerModelCommands({
    client: runner,
    config,
    log,
    context,
    onProgress: progress.event,
    onStatus: (s) => status.runnerStatus(s),
  });
  const commandDeps = { client: runner, config: () => config.current, log, ensureAvailable: models.ensureAvailable, jobs: new WritingJobs(progress.event) };

  context.subscriptions.push(
    log,
    config,
    statusBar,
    progress,
    runnerReady,
    apiKey,
    config.onDidChange((current, previous) => {
      const changed = Object.keys(current).filter((key) => JSON.stringify(current[key as keyof typeof current]) !== JSON.stringify(previous[key as keyof typeof previous]));
      log.info(`Settings changed: ${changed.join(', ')}.`);
      void runner.reconfigure().catch((err: unknown) => log.error(`Could not apply settings to the runner: ${String(err)}`));
      if (serverConfigured(current)) void apiKey.confirmForServer();
    }),
    apiKey.onDidChange(() => void runner.reconfigure().catch((err: unknown) => log.error(`Could not apply the API key: ${String(err)}`))),
    vscode.commands.registerCommand('inkwell.setApiKey', () => apiKey.prompt()),
    models.disposable,
    registerContinueWriting(commandDeps),
    registerWritingCommands({ ...commandDeps, state: context.globalState }),
    registerInlineFeature({ client: runner, config, status, log, onProgress: progress.event }),
    registerPlayground({
      client: runner,
      config: () => config.current,
      log,
      extensionUri: context.extensionUri,
      modelReady: async (task, model) => servedByServer(config.current, task) || models.ensureAvailable(task, model),
    }),
    vscode.commands.registerCommand('inkwell.restartRunner', async () => {
      await runner.restart();
      void vscode.window.setStatusBarMessage('Inkwell: model runner restarted', 3000);
    }),
    vscode.commands.registerCommand('inkwell.showLog', () => log.show()),
    registerWalkthrough({ context, log }),
    registerChat({ ...commandDeps, config, extensionUri: context.extensionUri, onRunnerReady: runnerReady.event }),
    registerChecks(commandDeps),
  );
  if (serverConfigured(config.current)) void apiKey.confirmForServer();
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
