import * as vscode from 'vscode';
import type { Eol } from '../core/documentEdits/lineEndings';
import { StreamWriter, type DocumentPort, type WriterOptions } from '../core/documentEdits/streamWriter';

export function documentEol(document: vscode.TextDocument): Eol {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

/**
 * Edits `editor`'s document: through the editor while it is visible (one undo
 * step with the rest of the stream), else through a workspace edit, which
 * works on a hidden or closed editor's document too. Both are refused (false)
 * when the document changed since the offsets were read.
 */
function portFor(editor: vscode.TextEditor): DocumentPort {
  const document = editor.document;
  return {
    eol: documentEol(document),
    get isClosed() {
      return document.isClosed;
    },
    async replace(start, end, text, newUndoStep) {
      const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
      const visible = vscode.window.visibleTextEditors.find((e) => e === editor) ?? vscode.window.visibleTextEditors.find((e) => e.document === document);
      if (visible) {
        try {
          return await visible.edit((b) => b.replace(range, text), { undoStopBefore: newUndoStep, undoStopAfter: false });
        } catch {
          // The editor was hidden in between: fall through to a workspace edit.
        }
      }
      if (document.isClosed) return false;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, range, text);
      return vscode.workspace.applyEdit(edit);
    },
  };
}

/**
 * VS Code glue for StreamWriter (src/core/documentEdits/streamWriter.ts): streams
 * text into a range of an editor's document (replacing the range's text at the
 * first write; an empty range inserts), forwarding the document's change and
 * close events.
 */
export class DocumentStream implements vscode.Disposable {
  readonly writer: StreamWriter;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly editor: vscode.TextEditor,
    range: vscode.Range,
    options?: WriterOptions,
  ) {
    const document = editor.document;
    this.writer = new StreamWriter(portFor(editor), { start: document.offsetAt(range.start), end: document.offsetAt(range.end) }, document.getText(range), options);
    const undoRedo = [vscode.TextDocumentChangeReason.Undo, vscode.TextDocumentChangeReason.Redo];
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document) this.writer.onChanges(e.contentChanges, e.reason !== undefined && undoRedo.includes(e.reason));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => d === document && this.writer.onClosed()),
    ];
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
