import * as vscode from 'vscode';
import { afterStop, placeOutput, revertMessage, stopMessage, type JobTarget } from '../../core/documentEdits/outputPlacement';
import type { RevertOutcome, WriterStop } from '../../core/documentEdits/streamWriter';
import type { ProgressParams } from '../../protocol';
import { showRunnerError } from '../runnerErrors';
import { clipboardOutput, documentOutput, sideOutput, type JobOutput } from './jobOutput';

export interface WritingHooks {
  token: vscode.CancellationToken;
  /** Streams generated text to the output. */
  onText: (text: string) => void;
  /** A message in the progress notification, e.g. "part 3 of 12". */
  report: (message: string) => void;
}

export interface WritingJob {
  /** The notification's title, e.g. "Inkwell: summarizing". */
  title: string;
  editor: vscode.TextEditor;
  /** The text the job read (an empty range at the cursor for Continue Writing). */
  range: vscode.Range;
  /** The document's version when the job read its text and position. */
  version: number;
  target: JobTarget;
  /** `below` as plain paragraphs (a drafted section), not a quote or comment. */
  plain?: boolean;
  /** For `region`: the text to write, made from the whole answer (a doc comment). */
  finalText?: (full: string) => string;
  /** Produces the text, streaming it through `hooks.onText`; returns the whole text. */
  run: (hooks: WritingHooks) => Promise<string>;
  log: vscode.LogOutputChannel;
}

async function isReadOnly(document: vscode.TextDocument): Promise<boolean> {
  return vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false;
}

/**
 * The one flow every writing job goes through (Continue Writing, Summarize,
 * Translate, Rewrite, Draft Documentation): a cancellable progress
 * notification; the text streamed to its output as one undo step; Cancel or an
 * error puts the document back exactly (and says so only if it could not); an
 * edit of the text being written stops there (Continue Writing) or moves the
 * draft to a side document; one job per document at a time.
 */
export class WritingJobs {
  private readonly busy = new Set<string>();

  constructor(private readonly loading?: vscode.Event<ProgressParams>) {}

  /** Whether a job is writing from this document now. */
  isBusy(document: vscode.TextDocument): boolean {
    return this.busy.has(document.uri.toString());
  }

  async run(job: WritingJob): Promise<void> {
    const document = job.editor.document;
    const key = document.uri.toString();
    if (this.busy.has(key)) {
      void vscode.window.showInformationMessage('Inkwell is already writing for this document. Wait for it, or cancel it in its notification.');
      return;
    }
    this.busy.add(key);
    try {
      const placement = placeOutput({ target: job.target, readOnly: await isReadOnly(document), closed: document.isClosed, changedSinceRead: document.version !== job.version });
      if (placement.kind === 'abort') {
        void vscode.window.showInformationMessage(placement.message);
        return;
      }
      if (placement.notice) void vscode.window.showInformationMessage(placement.notice);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: job.title, cancellable: true }, (progress, token) =>
        this.write(job, placement.target, progress, token),
      );
    } finally {
      this.busy.delete(key);
    }
  }

  private async write(job: WritingJob, target: JobTarget, progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<void> {
    const document = job.editor.document;
    // Text inserted right at the end of a selection extends it; the user's selection should stay theirs.
    const selections = job.editor.selections;
    const restoreSelection = (): void => {
      if (target === 'below' && !document.isClosed) job.editor.selections = selections;
    };
    const cancel = new vscode.CancellationTokenSource();
    const subscriptions: vscode.Disposable[] = [cancel, token.onCancellationRequested(() => cancel.cancel())];
    if (this.loading) {
      subscriptions.push(
        this.loading((p) => {
          if (p.status === 'progress' && p.progress !== undefined) progress.report({ message: `loading ${p.file ?? 'model'} (${Math.round(p.progress)}%)` });
        }),
      );
    }
    let output: JobOutput = await openOutput(job, target, document.languageId);
    let raw = '';
    let moved: Promise<void> | undefined;
    let stopped: WriterStop | undefined;
    output.onStop((why) => {
      stopped = why;
      if (afterStop(job.target, why) === 'stop') {
        cancel.cancel();
        return;
      }
      // Keep the user's edit; continue the whole draft beside the document.
      moved = sideOutput(document.languageId, job.finalText).then((side) => {
        output.dispose();
        output = side;
        side.write(raw);
      });
    });
    const warnStop = (): void => {
      if (stopped) void vscode.window.showWarningMessage(stopMessage(job.target, stopped));
    };
    let reverting: Promise<void> | undefined;
    const revert = (): Promise<void> =>
      (reverting ??= (async () => {
        const outcome: RevertOutcome = await output.revert().catch(() => 'failed' as const);
        restoreSelection();
        // After an interruption, its own warning says what happened to the text.
        const message = stopped ? undefined : revertMessage(outcome);
        if (message) void vscode.window.showWarningMessage(message);
      })());
    // Cancel takes the text back at once, also while queued text is still going into the document.
    subscriptions.push(token.onCancellationRequested(() => void revert()));
    try {
      const full = await job.run({
        token: cancel.token,
        onText: (text) => {
          if (!text) return;
          // After a move the side document gets `raw` once, then each later piece: no piece twice.
          if (!moved) raw += text;
          if (moved) void moved.then(() => output.write(text));
          else output.write(text);
        },
        report: (message) => progress.report({ message }),
      });
      await moved;
      if (token.isCancellationRequested) return await revert();
      const where = await output.finish(full);
      if (token.isCancellationRequested) return await revert();
      restoreSelection();
      warnStop();
      if (where !== 'the document') void vscode.window.setStatusBarMessage(`Inkwell: the result is in ${where}.`, 4000);
    } catch (err) {
      await moved?.catch(() => undefined);
      await revert();
      // Not awaited: the progress notification ends now, not when the user dismisses the error.
      if (token.isCancellationRequested) return;
      if (stopped) warnStop();
      else void showRunnerError(err, job.log);
    } finally {
      output.dispose();
      subscriptions.forEach((s) => s.dispose());
    }
  }
}

function openOutput(job: WritingJob, target: JobTarget, languageId: string): JobOutput | Promise<JobOutput> {
  if (target === 'side') return sideOutput(languageId, job.finalText);
  if (target === 'clipboard') return clipboardOutput(job.finalText);
  return documentOutput({ editor: job.editor, range: job.range, target, plain: job.plain, finalText: job.finalText });
}
