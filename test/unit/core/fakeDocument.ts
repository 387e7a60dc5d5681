/**
 * A text document that behaves as VS Code's does where StreamWriter depends on
 * it: an inserted line break is rewritten to the document's line ending; an
 * edit made against an older version is refused (resolves false); every change
 * is reported to listeners, before the edit resolves; a closed document takes
 * no edits. `beforeApply` runs in the gap between an edit being sent and
 * applied, where a user's keystroke can land first.
 */
import { withEol, type Eol } from '../../../src/core/documentEdits/lineEndings';
import type { DocumentPort } from '../../../src/core/documentEdits/streamWriter';
import type { TextChange } from '../../../src/core/offsetTracking';

export class FakeDocument {
  version = 1;
  isClosed = false;
  /** Every text the document held, in order (to check that no state ever split a character). */
  readonly history: string[] = [];
  readonly edits: { by: 'port' | 'user'; change: TextChange }[] = [];
  beforeApply: (() => void) | undefined;
  private readonly listeners: ((changes: TextChange[]) => void)[] = [];

  constructor(
    public text: string,
    readonly eol: Eol = '\n',
  ) {
    this.history.push(text);
  }

  onChange(listener: (changes: TextChange[]) => void): void {
    this.listeners.push(listener);
  }

  /** A user's edit (typing, paste, format-on-type), applied at once. */
  userEdit(start: number, end: number, text: string): void {
    this.apply(start, end, text, 'user');
  }

  close(): void {
    this.isClosed = true;
  }

  port(): DocumentPort {
    const isClosed = (): boolean => this.isClosed;
    return {
      eol: this.eol,
      get isClosed() {
        return isClosed();
      },
      replace: async (start, end, text) => {
        const version = this.version;
        await new Promise((resolve) => setImmediate(resolve));
        this.beforeApply?.();
        if (this.isClosed || this.version !== version) return false;
        this.apply(start, end, text, 'port');
        return true;
      },
    };
  }

  private apply(start: number, end: number, text: string, by: 'port' | 'user'): void {
    const inserted = withEol(text, this.eol);
    this.text = this.text.slice(0, start) + inserted + this.text.slice(end);
    this.version++;
    this.history.push(this.text);
    const change = { rangeOffset: start, rangeLength: end - start, text: inserted };
    this.edits.push({ by, change });
    this.listeners.forEach((listener) => listener([change]));
  }
}
