/**
 * Streams generated text into a region of a document and can put the region
 * back exactly, without VS Code: the host adapts a `TextEditor` to
 * `DocumentPort` and forwards change events (src/host/documentStream.ts).
 *
 * - Text goes in in the document's line ending (see lineEndings.ts), so the
 *   writer recognises its own edit in the change event and the region grows
 *   by exactly what was inserted.
 * - The region follows the user's edits around it; an edit inside it (or an
 *   undo/redo) is a conflict: writing stops and the user's text is never
 *   overwritten or deleted.
 * - An edit the editor refuses (the document changed first: typing elsewhere,
 *   format-on-type, another extension) is retried at the tracked position.
 * - `revert()` restores the original text of the region (empty for an
 *   insertion) and is not mistaken for a user edit.
 */
import { trackChanges, type OffsetRange, type TextChange } from '../offsetTracking';
import { EolStream, sameText, type Eol } from './lineEndings';

export interface DocumentPort {
  readonly eol: Eol;
  readonly isClosed: boolean;
  /** Replaces [start, end) with `text`. Resolves false when the editor refused the edit (the document changed first, or it closed). */
  replace(start: number, end: number, text: string, newUndoStep: boolean): Promise<boolean>;
}

/** Why writing stopped before the end: the user edited the text being written, the document closed, or every retry was refused. */
export type WriterStop = 'conflict' | 'closed' | 'refused';

/** What `revert()` did: restored; nothing to restore after a conflict (the user's edit is kept); or could not. */
export type RevertOutcome = 'restored' | 'kept-user-edit' | 'closed' | 'failed';

export interface WriterOptions {
  /** Whether the first edit starts a new undo step (false when it continues an edit just made). */
  newUndoStep?: boolean;
  /** How many times a refused edit is tried again at the tracked position. */
  retries?: number;
}

export class StreamWriter {
  /** The region: the original text until the first write, then the text written. */
  private region: OffsetRange;
  private written = false;
  private pending = '';
  private queue: Promise<void> = Promise.resolve();
  /** The edit in flight: recognised in the change event, so it is not taken for a user edit. */
  private expected: { start: number; length: number; text: string; whole: boolean } | undefined;
  private stopped: WriterStop | undefined;
  /** Set when a revert starts: nothing more is written, and stops are reported by the revert's outcome. */
  private reverting = false;
  /** Set when the revert is over: later changes no longer concern this writer. */
  private finished = false;
  private reverted: Promise<RevertOutcome> | undefined;
  private readonly eolStream: EolStream;
  private readonly listeners: ((why: WriterStop) => void)[] = [];
  private readonly retries: number;
  private readonly newUndoStep: boolean;

  constructor(
    private readonly port: DocumentPort,
    region: OffsetRange,
    /** The text in `region` now ('' to insert at a point); `revert()` puts it back. */
    private readonly original: string,
    options: WriterOptions = {},
  ) {
    this.region = { ...region };
    this.eolStream = new EolStream(port.eol);
    this.retries = options.retries ?? 20;
    this.newUndoStep = options.newUndoStep ?? true;
  }

  /** Where the region is now (offsets). */
  get range(): OffsetRange {
    return { ...this.region };
  }

  get stopReason(): WriterStop | undefined {
    return this.stopped;
  }

  /** Whether any text was written into the document. */
  get hasWritten(): boolean {
    return this.written;
  }

  /** Called once if writing stops early: a conflict, a closed document, or refused edits. */
  onStop(listener: (why: WriterStop) => void): void {
    this.listeners.push(listener);
  }

  /** Queues text; edits are applied one at a time, in order. */
  append(text: string): void {
    if (this.stopped || this.reverting || !text) return;
    this.pending += this.eolStream.push(text);
    this.schedule();
  }

  /** Writes what is held back (a trailing "\r" or half a surrogate pair) and waits until everything is in. */
  async finish(): Promise<void> {
    if (!this.stopped && !this.reverting) {
      this.pending += this.eolStream.flush();
      this.schedule();
    }
    await this.settle();
  }

  /** Waits until every queued piece is in the document (or writing stopped). */
  settle(): Promise<void> {
    return this.queue;
  }

  /** The host forwards every change of the document; `undoRedo` for VS Code's Undo/Redo reasons. */
  onChanges(changes: readonly TextChange[], undoRedo = false): void {
    if (changes.length === 0 || this.finished) return;
    const own = this.expected;
    const only = changes.length === 1 ? changes[0] : undefined;
    if (own && only && only.rangeOffset === own.start && only.rangeLength === own.length && sameText(only.text, own.text)) {
      this.grow(own, only.text.length);
      return;
    }
    if (undoRedo && this.written) {
      this.stop('conflict');
      return;
    }
    const tracked = trackChanges(this.region, changes);
    this.region = tracked.range;
    if (tracked.kind === 'overlap') this.stop('conflict');
  }

  /** The host calls this when the document closes. */
  onClosed(): void {
    this.stop('closed');
  }

  /**
   * Puts the original text back (removes what was written), dropping text still queued. Never touches text the
   * user edited inside the region. Calling it again returns the same outcome.
   */
  revert(): Promise<RevertOutcome> {
    this.reverted ??= this.restore();
    return this.reverted;
  }

  private async restore(): Promise<RevertOutcome> {
    this.pending = '';
    this.reverting = true;
    try {
      await this.settle();
      if (this.stopped === 'conflict') return 'kept-user-edit';
      if (!this.written) return 'restored';
      if (this.port.isClosed) return 'closed';
      const outcome = await this.edit(this.original, false);
      if (outcome === 'applied') {
        this.written = false;
        return 'restored';
      }
      // Cast as a union so the compiler does not narrow `stopped` to what it was before the await.
      return (this.stopped as WriterStop | undefined) === 'conflict' ? 'kept-user-edit' : outcome === 'closed' ? 'closed' : 'failed';
    } finally {
      this.finished = true;
    }
  }

  private schedule(): void {
    this.queue = this.queue.then(() => this.flush());
  }

  private async flush(): Promise<void> {
    if (this.stopped || !this.pending) return;
    const text = this.pending;
    this.pending = '';
    const first = !this.written;
    const outcome = await this.edit(text, first && this.newUndoStep);
    if (outcome === 'applied') this.written = true;
    else if (outcome === 'closed') this.stop('closed');
    else if (outcome === 'refused') this.stop('refused');
  }

  /**
   * Replaces the region (the original before the first write; else appends at
   * its end, or for a revert replaces all of it), retrying a refused edit at
   * the region's tracked position.
   */
  private async edit(text: string, newUndoStep: boolean): Promise<'applied' | 'closed' | 'refused' | 'stopped'> {
    const reverting = this.reverting;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (this.port.isClosed) return 'closed';
      if (this.stopped === 'conflict' || (this.stopped && !reverting)) return 'stopped';
      // Reverting or the first write replaces the whole region; later writes append at its end.
      const whole = reverting || !this.written;
      const start = whole ? this.region.start : this.region.end;
      const expected = { start, length: this.region.end - start, text, whole };
      this.expected = expected;
      const ok = await this.port.replace(start, this.region.end, text, newUndoStep).then(
        (applied) => applied,
        () => false,
      );
      // VS Code sends the change event before the edit resolves; a port that did not is accounted for here.
      if (ok && this.expected === expected) this.grow(expected, text.length);
      this.expected = undefined;
      if (ok) return 'applied';
    }
    return this.port.isClosed ? 'closed' : 'refused';
  }

  private grow(own: { start: number; whole: boolean }, inserted: number): void {
    this.region = own.whole ? { start: own.start, end: own.start + inserted } : { start: this.region.start, end: this.region.end + inserted };
    this.expected = undefined;
  }

  private stop(why: WriterStop): void {
    if (this.stopped) return;
    this.stopped = why;
    this.pending = '';
    if (this.reverting) return; // a revert in progress reports through its outcome, not as an interruption
    this.listeners.forEach((listener) => listener(why));
  }
}
