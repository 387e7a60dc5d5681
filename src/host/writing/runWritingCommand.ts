import * as vscode from 'vscode';
import { commentSyntax } from '../../core/languages';
import { LinePrefixStream } from '../../core/linePrefixStream';
import type { StreamEnd } from '../documentStream';
import { showRunnerError } from '../runnerErrors';
import { clipboardTarget, documentTarget, sideTarget, type OutputMode, type OutputTarget } from './outputTarget';

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
  /** The text the command read, and where `replace` writes / `below` writes after. */
  range: vscode.Range;
  mode: OutputMode;
  /** Produces the text, streaming it through `hooks.onText`; returns the whole text. */
  run: (hooks: WritingHooks) => Promise<string>;
  log: vscode.LogOutputChannel;
  /** `below` as plain paragraphs (a drafted section), not a quote or comment. */
  plain?: boolean;
  /** The document version the range belongs to; if the document changed since (a download or a dialog came first), write beside it. */
  version?: number;
}

/** How `below` output looks: a blockquote in Markdown, a comment in code, plain text elsewhere. */
function belowFormat(editor: vscode.TextEditor, range: vscode.Range): { prefix: string; separator: string; eol: string } {
  const document = editor.document;
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const indent = /^\s*/.exec(document.lineAt(range.start.line).text)?.[0] ?? '';
  if (document.languageId === 'markdown') return { prefix: `${indent}> `, separator: eol + eol, eol };
  const comment = commentSyntax(document.languageId)?.line[0];
  if (comment) return { prefix: `${indent}${comment} `, separator: eol, eol };
  return { prefix: indent, separator: eol + eol, eol };
}

async function isReadOnly(document: vscode.TextDocument): Promise<boolean> {
  return vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false;
}

/**
 * Runs a writing command inside a cancellable progress notification: streams
 * its text to the chosen output, as one undo step; cancel restores the
 * document exactly; an edit of the text being written moves the draft to a
 * side document; a read-only document always gets a side document.
 */
export async function runWritingCommand(job: WritingJob): Promise<void> {
  const document = job.editor.document;
  // Text inserted right at the end of a selection extends it; the user's selection should stay theirs.
  const selections = job.editor.selections;
  const restoreSelection = (): void => {
    if (mode === 'below' && !document.isClosed) job.editor.selections = selections;
  };
  let mode = job.mode;
  if ((mode === 'below' || mode === 'replace') && (await isReadOnly(document))) mode = 'side';
  if ((mode === 'below' || mode === 'replace') && job.version !== undefined && document.version !== job.version) {
    mode = 'side';
    void vscode.window.showInformationMessage('Inkwell: the document changed since the command read it, so the result goes to a side document.');
  }
  const lineEnd = document.lineAt(job.range.end.line).range.end;
  const below = belowFormat(job.editor, job.range);
  const formatter = mode === 'below' && !job.plain ? new LinePrefixStream(below.prefix, below.eol) : undefined;
  const open = (): Promise<OutputTarget> | OutputTarget =>
    mode === 'side' ? sideTarget(document.languageId) : mode === 'clipboard' ? clipboardTarget() : documentTarget(job.editor, mode === 'below' ? new vscode.Range(job.range.start, lineEnd) : job.range, mode, below.separator);

  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: job.title, cancellable: true }, async (progress, token) => {
    const cancel = new vscode.CancellationTokenSource();
    token.onCancellationRequested(() => cancel.cancel());
    let target = await open();
    let raw = '';
    let moved: Promise<void> | undefined;
    const onInterrupted = (why: StreamEnd): void => {
      if (why === 'closed') {
        cancel.cancel();
        void vscode.window.showWarningMessage('Inkwell stopped because the document was closed.');
        return;
      }
      // The user edited the text being written: keep their edit, continue the draft beside it.
      moved = sideTarget(document.languageId).then((side) => {
        target.dispose();
        target = side;
        side.write(raw);
        void vscode.window.showWarningMessage('You edited the text Inkwell was writing, so it stopped writing there and put the whole draft in a side document. Your edit was kept.');
      });
    };
    target.onInterrupted(onInterrupted);
    try {
      const full = await job.run({
        token: cancel.token,
        onText: (text) => {
          // After an interruption the side document gets `raw` once, then each later piece: no piece twice.
          if (!moved) raw += text;
          if (moved) void moved.then(() => target.write(text));
          else target.write(formatter ? formatter.push(text) : text);
        },
        report: (message) => progress.report({ message }),
      });
      await moved;
      if (token.isCancellationRequested) {
        await target.revert();
        restoreSelection();
        return;
      }
      const where = await target.finish(full);
      restoreSelection();
      if (where !== 'the document') void vscode.window.setStatusBarMessage(`Inkwell: the result is in ${where}.`, 4000);
    } catch (err) {
      await target.revert();
      // Not awaited: the progress notification ends now, not when the user dismisses the error.
      if (!token.isCancellationRequested) void showRunnerError(err, job.log);
    } finally {
      target.dispose();
      cancel.dispose();
    }
  });
}
