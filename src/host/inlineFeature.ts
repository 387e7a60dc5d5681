import * as vscode from 'vscode';
import type { ConfigWatcher } from '../config';
import { CompletionCache } from '../core/inline/completionCache';
import { commentSyntax, isProseLanguage, knownCodeLanguages } from '../core/languages';
import { isEnabledFor } from '../core/inline/languageToggle';
import { MissingModelNotice } from '../core/missingModelNotice';
import { Methods, type ProgressParams } from '../protocol';
import { servedRemotely } from './backend';
import { isModelDownloaded } from './models';
import { InlineCompletionProvider } from './inlineCompletionProvider';
import { showMissingModel } from './missingModelNotice';
import type { RunnerClient } from './runnerClient';
import { Snooze } from './snooze';
import type { StatusBar } from './statusBar';
import { pickSnooze, showStatusMenu, toggleEverywhere } from './statusMenu';

const PROSE = ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc'];

export interface InlineFeatureDeps {
  client: RunnerClient;
  config: ConfigWatcher;
  statusBar: StatusBar;
  log: vscode.LogOutputChannel;
  /** The runner's progress notifications, for the download the missing-model notice may start. */
  onProgress?: vscode.Event<ProgressParams>;
}

/** Wires ghost text: the provider, its commands, the status bar, warm-up and per-document clean-up. */
export function registerInlineFeature(deps: InlineFeatureDeps): vscode.Disposable {
  const { client, config, statusBar, log } = deps;
  const snooze = new Snooze();
  const cache = new CompletionCache();
  // Whether the completion model can be used without a download; rechecked after a while when it can't.
  let ready: { key: string; value: Promise<boolean>; at: number } | undefined;
  const modelReady = (): Promise<boolean> => {
    const { generationModel, dtype } = config.current;
    if (servedRemotely(config.current, 'text-generation')) return Promise.resolve(true);
    const key = `${generationModel}|${dtype}`;
    if (!ready || ready.key !== key || Date.now() - ready.at > 15_000) {
      const value = isModelDownloaded(client, 'text-generation', generationModel, dtype).then(
        (ok) => {
          if (!ok) statusBar.update({ error: `${generationModel} is not downloaded yet. Run "Inkwell: Download Models…" or choose another model.` });
          return ok;
        },
        () => false,
      );
      ready = { key, value, at: Date.now() };
      void value.then((ok) => ok && ready?.value === value && (ready.at = Infinity));
    }
    return ready.value;
  };
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
          ready = undefined;
          statusBar.update({ error: undefined });
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
    modelReady,
    onModelMissing,
    log,
    onActivity: (a) => statusBar.update({ thinking: a.thinking, ...(a.error !== undefined || !a.thinking ? { error: a.error } : {}) }),
  });
  const selector = [...PROSE, ...knownCodeLanguages()].map((language) => ({ language }));
  const menu = { config: () => config.current, snooze, log };

  const refreshEnabled = (): void => {
    const language = vscode.window.activeTextEditor?.document.languageId;
    const enabled = language === undefined || isEnabledFor(config.current.inlineEnable, language);
    statusBar.update({ enabled, snoozedMinutes: snooze.active ? snooze.remainingMinutes : 0 });
  };

  let warmedUp = false;
  const warmUp = (document: vscode.TextDocument | undefined): void => {
    if (warmedUp || !document || snooze.active) return;
    const language = document.languageId;
    if (!isEnabledFor(config.current.inlineEnable, language) || !(isProseLanguage(language) || commentSyntax(language))) return;
    warmedUp = true;
    const { generationModel, dtype } = config.current;
    if (servedRemotely(config.current, 'text-generation')) return;
    void modelReady()
      .then((ok) => (ok ? client.request(Methods.loadModel, { task: 'text-generation', model: generationModel, dtype, noDownload: true }) : Promise.reject(new Error(`${generationModel} is not downloaded yet.`))))
      .then(
      (r) => log.info(`Warmed up ${generationModel} (${r.dtype}) in ${Math.round(r.loadMs)} ms.`),
      (err: unknown) => {
        warmedUp = false;
        log.warn(`Warm-up failed: ${err instanceof Error ? err.message : String(err)}`);
        statusBar.update({ error: err instanceof Error ? err.message : String(err) });
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
        ready = undefined;
      }
      statusBar.update({ error: undefined });
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
