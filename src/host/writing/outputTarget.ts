import * as vscode from 'vscode';
import { trackChanges, type OffsetRange } from '../../core/offsetTracking';
import { DocumentStream, type StreamEnd } from '../documentStream';

export type OutputMode = 'below' | 'replace' | 'side' | 'clipboard';

/**
 * Where a writing command's text goes, streamed as it is generated. Never
 * overwrites the user's own edits: an edit inside the text being written ends
 * the stream there, and the rest of the draft goes to a side document.
 */
export interface OutputTarget {
  /** Appends generated (already formatted) text. */
  write(text: string): void;
  /** Called when the command completes; returns where the text ended up. */
  finish(fullText: string): Promise<string>;
  /** Puts the document back exactly as it was before the command. */
  revert(): Promise<void>;
  /** Fires once when the user interrupts (edits the target, closes the document). */
  onInterrupted(listener: (why: StreamEnd) => void): void;
  dispose(): void;
}

/** Streams into a new untitled document beside the editor. */
export async function sideTarget(languageId: string, heading = ''): Promise<OutputTarget> {
  const document = await vscode.workspace.openTextDocument({ language: languageId, content: heading });
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  const stream = new DocumentStream(editor, document.positionAt(heading.length));
  return {
    write: (text) => stream.append(text),
    finish: async () => {
      await stream.settle();
      return 'a side document';
    },
    revert: async () => undefined,
    onInterrupted: (l) => stream.onInterrupted(l),
    dispose: () => stream.dispose(),
  };
}

export function clipboardTarget(): OutputTarget {
  let text = '';
  return {
    write: (piece) => (text += piece),
    finish: async (full) => {
      await vscode.env.clipboard.writeText(full || text);
      return 'the clipboard';
    },
    revert: async () => undefined,
    onInterrupted: () => undefined,
    dispose: () => undefined,
  };
}

/**
 * Streams into the document: after the selection (`below`) or in its place
 * (`replace`, the original text deleted when the first text arrives). All
 * edits form one undo step.
 */
export function documentTarget(editor: vscode.TextEditor, range: vscode.Range, mode: 'below' | 'replace', separator: string): OutputTarget {
  const document = editor.document;
  const original = document.getText(range);
  // Until the first text arrives, track what we will write over (replace) or after (below).
  let target: OffsetRange =
    mode === 'replace' ? { start: document.offsetAt(range.start), end: document.offsetAt(range.end) } : { start: document.offsetAt(range.end), end: document.offsetAt(range.end) };
  let stream: DocumentStream | undefined;
  let opening: Promise<DocumentStream | undefined> | undefined;
  const listeners: ((why: StreamEnd) => void)[] = [];
  let interrupted: StreamEnd | undefined;
  const interrupt = (why: StreamEnd) => {
    if (interrupted) return;
    interrupted = why;
    listeners.forEach((l) => l(why));
  };
  const watch = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document !== document || stream || e.contentChanges.length === 0) return;
    const tracked = trackChanges(target, e.contentChanges);
    target = tracked.range;
    if (tracked.kind === 'overlap') interrupt('conflict');
  });

  const open = async (): Promise<DocumentStream | undefined> => {
    watch.dispose();
    if (interrupted) return undefined;
    if (mode === 'replace') {
      const range = new vscode.Range(document.positionAt(target.start), document.positionAt(target.end));
      if (!(await editor.edit((b) => b.delete(range), { undoStopBefore: true, undoStopAfter: false }))) {
        interrupt('closed');
        return undefined;
      }
    }
    const s = new DocumentStream(editor, document.positionAt(target.start), mode !== 'replace');
    s.onInterrupted(interrupt);
    if (mode === 'below') s.append(separator);
    return s;
  };

  return {
    write: (text) => {
      if (interrupted) return;
      opening ??= open().then(
        (s) => (stream = s),
        () => {
          interrupt('closed'); // the editor went away before the first edit
          return undefined;
        },
      );
      void opening.then((s) => s?.append(text));
    },
    finish: async () => {
      await opening;
      await stream?.settle();
      return 'the document';
    },
    revert: async () => {
      await opening;
      if (!stream) return;
      await stream.revert();
      if (mode === 'replace' && stream.endReason !== 'closed') {
        const at = stream.currentRange.start;
        await editor.edit((b) => b.insert(at, original), { undoStopBefore: false, undoStopAfter: false });
      }
    },
    onInterrupted: (l) => listeners.push(l),
    dispose: () => {
      watch.dispose();
      stream?.dispose();
    },
  };
}
