import * as vscode from 'vscode';
import { trackChanges, type OffsetRange } from '../core/offsetTracking';

export type StreamEnd = 'done' | 'cancelled' | 'conflict' | 'closed';

/**
 * Streams generated text into a document at a point, as one undo step.
 * Tracks the inserted range through the user's own edits: an edit before it
 * moves it; an edit inside it is a conflict (we stop and never overwrite the
 * user's text). `revert()` removes exactly what was inserted.
 */
export class DocumentStream implements vscode.Disposable {
  private range: OffsetRange;
  private pending = '';
  private flushing: Promise<void> = Promise.resolve();
  private expected: { offset: number; text: string } | undefined;
  private ended: StreamEnd | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly endListeners: ((why: StreamEnd) => void)[] = [];

  constructor(
    private readonly editor: vscode.TextEditor,
    at: vscode.Position,
    /** Whether the first insertion starts a new undo step (false when it continues an edit we just made). */
    private readonly newUndoStep = true,
  ) {
    const offset = editor.document.offsetAt(at);
    this.range = { start: offset, end: offset };
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((d) => d === editor.document && this.end('closed')),
    );
  }

  get insertedText(): string {
    return this.editor.document.getText(this.vscodeRange());
  }

  get endReason(): StreamEnd | undefined {
    return this.ended;
  }

  /** Where the inserted text is now. */
  get currentRange(): vscode.Range {
    return this.vscodeRange();
  }

  /** Called once when the stream is interrupted by the user (conflict or closed document). */
  onInterrupted(listener: (why: StreamEnd) => void): void {
    this.endListeners.push(listener);
  }

  /** Queues text; edits are applied one at a time, in order. */
  append(text: string): void {
    if (this.ended || !text) return;
    this.pending += text;
    this.flushing = this.flushing.then(() => this.flush());
  }

  /** Waits until every queued piece is in the document (or the stream was interrupted). */
  async settle(): Promise<void> {
    await this.flushing;
  }

  /** Removes what this stream inserted, leaving the document as before. */
  async revert(): Promise<boolean> {
    await this.settle();
    // After the user edited inside our text, deleting "our" range would delete their edit too.
    if (this.ended === 'closed' || this.ended === 'conflict') return false;
    if (this.range.end === this.range.start) return true;
    const range = this.vscodeRange();
    this.expected = undefined;
    return this.editor.edit((b) => b.delete(range), { undoStopBefore: false, undoStopAfter: false });
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }

  private async flush(): Promise<void> {
    if (this.ended || !this.pending) return;
    const text = this.pending;
    this.pending = '';
    const document = this.editor.document;
    const at = document.positionAt(this.range.end);
    this.expected = { offset: this.range.end, text };
    const first = this.range.start === this.range.end;
    // edit() rejects once the editor is hidden or closed: end the stream instead of breaking the queue.
    const ok = await this.editor.edit((b) => b.insert(at, text), { undoStopBefore: first && this.newUndoStep, undoStopAfter: false }).then(
      (applied) => applied,
      () => false,
    );
    this.expected = undefined;
    if (!ok && !this.ended) this.end('closed');
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.document !== this.editor.document || e.contentChanges.length === 0) return;
    const own = this.expected;
    const only = e.contentChanges.length === 1 ? e.contentChanges[0] : undefined;
    if (own && only && only.rangeOffset === own.offset && only.rangeLength === 0 && only.text === own.text) {
      this.range = { start: this.range.start, end: this.range.end + own.text.length };
      this.expected = undefined;
      return;
    }
    if (e.reason === vscode.TextDocumentChangeReason.Undo || e.reason === vscode.TextDocumentChangeReason.Redo) {
      this.end('conflict');
      return;
    }
    const tracked = trackChanges(this.range, e.contentChanges);
    this.range = tracked.range;
    if (tracked.kind === 'overlap') this.end('conflict');
  }

  private end(why: StreamEnd): void {
    if (this.ended) return;
    this.ended = why;
    this.pending = '';
    this.endListeners.forEach((l) => l(why));
  }

  private vscodeRange(): vscode.Range {
    const document = this.editor.document;
    return new vscode.Range(document.positionAt(this.range.start), document.positionAt(this.range.end));
  }
}
