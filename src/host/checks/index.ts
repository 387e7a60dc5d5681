/**
 * "Inkwell: Check Writing" and `inkwell.checks.onSave`: the writing checks as diagnostics with
 * quick fixes, in prose documents and in the comments and docstrings of code files. A check runs
 * in the runner, in small requests, with progress (a cancellable notification for long
 * documents, the status bar otherwise); it never runs on a document over
 * `inkwell.checks.maxDocumentChars` without asking.
 */
import * as vscode from 'vscode';
import { settingId, type Config } from '../../config';
import { isCheckableLanguage } from '../../core/checks/proseText';
import type { RewriteTone } from '../../core/checks/tone';
import { isEnabledFor } from '../../core/inline/languageToggle';
import type { ClassificationTask } from '../../protocol';
import { isModelDownloaded } from '../models/availability';
import type { EnsureModel } from '../models';
import type { RunnerClient } from '../runnerClient';
import { showRunnerError } from '../runnerErrors';
import { CHECK_COMMANDS, CheckActions } from './checkActions';
import { CheckResults } from './checkResults';
import { CheckCancelled, runChecks } from './checkRun';

export interface ChecksDeps {
  client: RunnerClient;
  config: () => Config;
  log: vscode.LogOutputChannel;
  ensureAvailable: EnsureModel;
}

/** A document this long shows a cancellable notification; shorter ones the status bar. */
const LONG_DOCUMENT_CHARS = 8000;

const REWRITE_REQUEST: Record<RewriteTone, { instruction: 'friendly' | 'formal' | { custom: string } }> = {
  friendly: { instruction: 'friendly' },
  formal: { instruction: 'formal' },
  confident: { instruction: { custom: 'Rewrite the text so it sounds confident and direct: remove hedging words. Keep its meaning.' } },
};

type Trigger = 'command' | 'save';

export function registerChecks(deps: ChecksDeps): vscode.Disposable {
  const results = new CheckResults();
  const running = new Map<string, vscode.CancellationTokenSource>();
  /** Documents over the size limit the user already answered about (on save we ask once). */
  const answeredSize = new Map<string, boolean>();

  async function sizeAllowed(document: vscode.TextDocument, trigger: Trigger, config: Config): Promise<boolean> {
    const length = document.getText().length;
    if (length <= config.checksMaxChars) return true;
    const key = document.uri.toString();
    if (trigger === 'save' && answeredSize.has(key)) return answeredSize.get(key) === true;
    const choice = await vscode.window.showInformationMessage(
      `Inkwell: this document has ${length.toLocaleString('en')} characters, more than "${settingId('checksMaxChars')}" (${config.checksMaxChars.toLocaleString('en')}). Checking it takes a while. Check it anyway?`,
      'Check Anyway',
      'Open Settings',
    );
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', settingId('checksMaxChars'));
    answeredSize.set(key, choice === 'Check Anyway');
    return choice === 'Check Anyway';
  }

  async function check(document: vscode.TextDocument, trigger: Trigger): Promise<void> {
    const config = deps.config();
    if (!isCheckableLanguage(document.languageId)) {
      if (trigger === 'command') void vscode.window.showInformationMessage(`Inkwell checks prose documents (Markdown, plain text, …) and the comments of code files it knows the comment syntax of; this one is ${document.languageId}.`);
      return;
    }
    if (!(await sizeAllowed(document, trigger, config))) return;
    const key = document.uri.toString();
    running.get(key)?.cancel();
    const source = new vscode.CancellationTokenSource();
    running.set(key, source);
    const text = document.getText();
    results.startTracking(document.uri);
    const modelReady = (task: ClassificationTask, model: string): Promise<boolean> =>
      trigger === 'command' ? deps.ensureAvailable(task, model) : isModelDownloaded(deps.client, task, model, config.dtype).catch(() => false);
    const location = text.length > LONG_DOCUMENT_CHARS ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
    try {
      const outcome = await vscode.window.withProgress({ location, title: 'Inkwell: checking writing', cancellable: true }, async (progress, cancel) => {
        const subscription = cancel.onCancellationRequested(() => source.cancel());
        let shown = 0;
        try {
          return await runChecks({ client: deps.client, config, modelReady }, text, document.languageId, {
            token: source.token,
            report: (done, total) => {
              const percent = total > 0 ? (100 * done) / total : 100;
              progress.report({ message: `${Math.round(percent)}%`, increment: percent - shown });
              shown = percent;
            },
          });
        } finally {
          subscription.dispose();
        }
      });
      if (document.isClosed) return;
      results.set(document, outcome.findings);
      deps.log.info(`Writing check of ${document.uri.fsPath}: ${outcome.sentences} sentences, ${outcome.findings.length} findings${outcome.skipped.length ? `; skipped (no model): ${outcome.skipped.join(', ')}` : ''}.`);
      if (trigger === 'command') {
        const summary = outcome.findings.length === 0 ? 'no findings' : `${outcome.findings.length} finding(s) in the Problems panel`;
        void vscode.window.setStatusBarMessage(`Inkwell: writing check done, ${summary}`, 5000);
      }
    } catch (err) {
      results.stopTracking(document.uri);
      if (err instanceof CheckCancelled || source.token.isCancellationRequested) return;
      await showRunnerError(err, deps.log);
    } finally {
      if (running.get(key) === source) running.delete(key);
      source.dispose();
    }
  }

  const documentFor = (uri: string) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);

  return vscode.Disposable.from(
    results,
    vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new CheckActions(results), { providedCodeActionKinds: CheckActions.kinds }),
    vscode.commands.registerCommand('inkwell.checkWriting', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return void vscode.window.showInformationMessage('Inkwell: open a document to check its writing.');
      await check(editor.document, 'command');
    }),
    vscode.commands.registerCommand(CHECK_COMMANDS.ignore, (uri: string, ignoreKey: string) => {
      const document = documentFor(uri);
      if (document) results.ignore(document, ignoreKey);
    }),
    vscode.commands.registerCommand(CHECK_COMMANDS.rewrite, async (uri: string, start: number, end: number, tone: RewriteTone) => {
      const document = documentFor(uri);
      if (!document) return;
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(end));
      await vscode.commands.executeCommand('inkwell.rewriteSelection', { ...REWRITE_REQUEST[tone], target: 'replace' });
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (isEnabledFor(deps.config().checksOnSave, document.languageId)) void check(document, 'save');
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const key = document.uri.toString();
      running.get(key)?.cancel();
      answeredSize.delete(key);
    }),
    { dispose: () => running.forEach((s) => s.cancel()) },
  );
}
