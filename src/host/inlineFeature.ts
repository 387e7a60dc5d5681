import * as vscode from 'vscode';
import type { ConfigWatcher } from '../config';
import { CompletionCache } from '../core/inline/completionCache';
import { commentSyntax, isProseLanguage, knownCodeLanguages } from '../core/languages';
import { isEnabledFor } from '../core/inline/languageToggle';
import { MissingModelNotice } from '../core/missingModelNotice';
import { Methods, type ProgressParams } from '../protocol';
import { describeBackend, servedByServer } from './backend';
import { InlineCompletionProvider } from './inlineCompletionProvider';
import { showMissingModel } from './missingModelNotice';
import type { RunnerClient } from './runnerClient';
import { isModelMissing } from './runnerErrors';
import { Snooze } from './snooze';
import type { StatusState } from './statusState';
import { pickSnooze, showStatusMenu, toggleEverywhere } from './statusMenu';

const PROSE = ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc'];

export interface InlineFeatureDeps {
  client: RunnerClient;
  config: ConfigWatcher;
  /** The status bar's state: this feature reports its requests, problems and on/off there. */
  status: StatusState;
  log: vscode.LogOutputChannel;
  /** The runner's progress notifications, for the download the missing-model notice may start. */
  onProgress?: vscode.Event<ProgressParams>;
}

/** Wires ghost text: the provider, its commands, the status bar, warm-up and per-document clean-up. */
export function registerInlineFeature(deps: InlineFeatureDeps): vscode.Disposable {
  const { client, config, status, log } = deps;
  const snooze = new Snooze();
  const cache = new CompletionCache();
  status.settingsChanged(describeBackend(config.current));
  // The model is on disk or not: `complete` and the warm-up never download, and fail with a typed error when it is missing.
  const notice = new MissingModelNotice();
  const onModelMissing = (asked: boolean): void => {
    const { generationModel, dtype } = config.current;
    const key = `${generationModel}|${dtype}`;
    if (!notice.take(key, asked)) return;
    void showMissingModel({ client, log, onProgress: deps.onProgress, config: () => config.current }, generationModel, dtype).then(
      ({ answer, downloaded }) => {
        notice.answered(answer);
        void downloaded.then((ok) => {
          if (!ok) return;
          notice.found(key);
          status.modelAvailable();
        });
      },
      (err: unknown) => {
        notice.answered('dismissed');
        log.warn(`Could not show the missing-model notice: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  };
  const provider = new InlineCompletionProvider({
    client,
    config: (languageId) => config.forLanguage(languageId),
    cache,
    snoozed: () => snooze.active,
    onModelMissing,
    log,
    status,
  });
  const selector = [...PROSE, ...knownCodeLanguages()].map((language) => ({ language }));
  const menu = { config: () => config.current, snooze, log };

  const refreshEnabled = (): void => {
    const language = vscode.window.activeTextEditor?.document.languageId;
    const enabled = language === undefined || isEnabledFor(config.current.inlineEnable, language);
    status.enabledChanged(enabled, snooze.active ? snooze.remainingMinutes : 0);
  };

  let warmedUp = false;
  const warmUp = (document: vscode.TextDocument | undefined): void => {
    if (warmedUp || !document || snooze.active) return;
    const language = document.languageId;
    if (!isEnabledFor(config.current.inlineEnable, language) || !(isProseLanguage(language) || commentSyntax(language))) return;
    warmedUp = true;
    const { generationModel, dtype } = config.current;
    if (servedByServer(config.current, 'text-generation')) return;
    void client.request(Methods.loadModel, { task: 'text-generation', model: generationModel, dtype, noDownload: true }).then(
      (r) => {
        log.info(`Warmed up ${generationModel} (${r.dtype}) in ${Math.round(r.loadMs)} ms.`);
        // The tooltip names the loaded model from now on, not from the next memory check.
        void client.request0(Methods.status).then((s) => status.runnerStatus(s), () => undefined);
      },
      (err: unknown) => {
        warmedUp = false;
        const message = err instanceof Error ? err.message : String(err);
        log.warn(`Warm-up failed: ${message}`);
        if (isModelMissing(err)) status.modelMissing(message);
        else status.warmUpFailed(message);
      },
    );
  };

  // Activation starts nothing: the model warms up when an enabled document is opened or first edited.
  refreshEnabled();
  return vscode.Disposable.from(
    snooze,
    vscode.languages.registerInlineCompletionItemProvider(selector, provider),
    vscode.commands.registerCommand('inkwell.toggleInlineCompletions', () => toggleEverywhere(menu)),
    vscode.commands.registerCommand('inkwell.snoozeInlineCompletions', () => pickSnooze(menu)),
    vscode.commands.registerCommand('inkwell.showStatusMenu', () => showStatusMenu(menu)),
    snooze.onDidChange(refreshEnabled),
    config.onDidChange((current, previous) => {
      if (current.generationModel !== previous.generationModel || current.dtype !== previous.dtype || current.backend !== previous.backend) {
        cache.clear();
        warmedUp = false;
      }
      status.settingsChanged(describeBackend(current));
      refreshEnabled();
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      refreshEnabled();
      warmUp(editor?.document);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!warmedUp && e.document === vscode.window.activeTextEditor?.document) warmUp(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const documentId = document.uri.toString();
      provider.forget(documentId);
      if (client.currentState === 'ready') void client.request(Methods.closeDocument, { documentId }).catch(() => undefined);
    }),
  );
}
