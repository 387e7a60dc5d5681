// What a user does in the VS Code workbench, through playwright-core: open a file from
// the Explorer, run a command from the palette, type, see and accept ghost text, read
// the status bar and notifications, save. Every wait is on a condition, with a timeout.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { resultsDir } from './codeServer.ts';
import { waitUntil } from './wait.ts';

export interface WaitOptions {
  timeoutMs?: number;
}

export class Workbench {
  constructor(
    readonly page: Page,
    /** Names screenshots: test-results/<name>.png. */
    readonly name: string,
    /** Default timeout of waits, ms. */
    readonly timeoutMs = 30_000,
  ) {}

  /** Opens a workspace file by clicking its Explorer row (expanding folders on the way); focuses the editor. */
  async openFile(relativePath: string): Promise<void> {
    const parts = relativePath.split(/[/\\]/).filter(Boolean);
    const explorer = this.page.locator('.explorer-folders-view');
    for (const [index, name] of parts.entries()) {
      const row = explorer.getByRole('treeitem', { name, exact: true });
      const isFile = index === parts.length - 1;
      if (isFile) {
        await row.click();
      } else if ((await row.getAttribute('aria-expanded')) !== 'true') {
        await row.click();
        await explorer.locator(`[role="treeitem"][aria-expanded="true"]`).filter({ has: this.page.getByText(name, { exact: true }) }).first().waitFor();
      }
    }
    const fileName = parts[parts.length - 1] ?? relativePath;
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: fileName }).waitFor();
    await this.focusEditor();
  }

  /** The active editor (a text editor in the active group). */
  get activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Puts the keyboard focus in the active text editor, cursor unchanged if it already had focus. */
  async focusEditor(): Promise<void> {
    const editor = this.activeEditor;
    await editor.waitFor();
    if (await editor.evaluate((element) => element.classList.contains('focused'))) return;
    await editor.locator('.view-lines').click({ position: { x: 2, y: 2 } });
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
  }

  /** Runs a command from the palette (F1, type its title, Enter on the exact match). */
  async runCommand(title: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    await this.page.keyboard.press('F1');
    await widget.waitFor({ state: 'visible' });
    const input = widget.locator('.quick-input-box input');
    await input.waitFor();
    // One input event: typing key by key refilters every command per key (~0.3 s each on 2 cores).
    await input.fill(`>${title}`);
    // Wait for the list to filter down so Enter runs this command, not the previous top entry.
    const focused = widget.locator('.quick-input-list .monaco-list-row.focused');
    await waitUntil(
      async () => {
        const label = (await focused.locator('.label-name').first().textContent({ timeout: 1000 }))?.replace(/\s+/g, ' ').trim();
        return label === title ? true : undefined;
      },
      `the command palette to offer "${title}"`,
      { timeoutMs: this.timeoutMs },
    );
    await this.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
  }

  /** Types text with the keyboard into whatever has focus (usually the editor). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /**
   * Types text as a person finishes words before pausing for a suggestion: it must end on a
   * word boundary (whitespace or punctuation), where a writer pauses and where the adaptive
   * debounce is shortest; text ending mid-word is refused. Then waits until the editor shows
   * the typed text's last line, so lost keystrokes (the focus elsewhere) fail here, by name.
   */
  async typeWords(text: string, options: { delayMs?: number } = {}): Promise<void> {
    if (!/[\s\p{P}]$/u.test(text)) throw new Error(`typeWords(${JSON.stringify(text)}): end the text with a space or punctuation`);
    await this.page.keyboard.type(text, { delay: options.delayMs });
    const lastLine = text.slice(text.lastIndexOf('\n') + 1).trimEnd();
    await this.waitForEditorText((shown) => shown.trimEnd().endsWith(lastLine), { timeoutMs: 30_000 }).catch(async (err: unknown) => {
      const shown = await this.editorText();
      throw new Error(`typed ${JSON.stringify(text)}, but the editor ends with ${JSON.stringify(shown.slice(-80))}: ${String(err)}`);
    });
  }

  /** Presses a key or chord, e.g. 'Enter', 'Control+End', 'Escape'. */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Ghost text elements of the active editor (the inline part and the spans of further lines). */
  get ghostText(): Locator {
    return this.activeEditor.locator('.ghost-text-decoration, .ghost-text-decoration-preview, .ghost-text');
  }

  /**
   * Waits for ghost text (an inline completion) and returns it; with `text`, waits
   * until the ghost text equals it (string) or matches it (RegExp).
   */
  async waitForGhostText(options: WaitOptions & { text?: string | RegExp } = {}): Promise<string> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    await this.ghostText.first().waitFor({ state: 'attached', timeout: timeoutMs });
    return waitUntil(
      async () => {
        const text = await this.readGhostText();
        if (!text) return undefined;
        if (options.text === undefined) return text;
        const matches = typeof options.text === 'string' ? text === options.text : options.text.test(text);
        return matches ? text : undefined;
      },
      `ghost text${options.text === undefined ? '' : ` ${String(options.text)}`}`,
      { timeoutMs },
    );
  }

  /** Current ghost text ('' when none): the inline part, then any further lines. */
  async readGhostText(): Promise<string> {
    // No named helpers inside evaluate(): tsx's esbuild wraps them in __name(), which the page lacks.
    return this.activeEditor.evaluate((editor) => {
      const inline = [...editor.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview')].map((el) => el.textContent ?? '').join('');
      // Lines after the first are rows of a view zone under the cursor line.
      const lines = [...editor.querySelectorAll('.suggest-preview-text .view-line')].map((el) => el.textContent ?? '');
      return [inline, ...lines].join('\n').replace(/\u00a0/g, ' ');
    });
  }

  /**
   * Asserts that no ghost text shows up during `forMs`. A bounded observation, for the
   * negative case only: pair it with a positive check that the same trigger does show
   * ghost text when it should (e.g. from the provider's cache, which answers at once).
   */
  async expectNoGhostText(forMs: number): Promise<void> {
    const anyGhost = this.activeEditor.locator('.ghost-text-decoration, .ghost-text-decoration-preview, .suggest-preview-text');
    const appeared = await anyGhost
      .first()
      .waitFor({ state: 'attached', timeout: forMs })
      .then(
        () => true,
        () => false,
      );
    if (appeared) throw new Error(`Expected no ghost text, got ${JSON.stringify(await this.readGhostText())}`);
  }

  /**
   * Accepts the shown ghost text with Tab and waits until it is text in the editor (compared
   * without whitespace: long lines wrap) and no longer ghost text. The next suggestion may show
   * at once (Inkwell prefetches it), so "no ghost text" is not the sign.
   */
  async acceptGhostText(): Promise<void> {
    const accepted = await this.readGhostText();
    await this.page.keyboard.press('Tab');
    const bare = (text: string) => text.replace(/\s+/g, '');
    await waitUntil(
      async () => ((await this.readGhostText()) !== accepted && bare(await this.editorText()).includes(bare(accepted)) ? true : undefined),
      `the accepted ghost text ${JSON.stringify(accepted.slice(0, 60))} in the editor`,
      { timeoutMs: this.timeoutMs },
    );
  }

  /** Accepts the next word of the ghost text (Ctrl+Right). */
  async acceptGhostTextWord(): Promise<void> {
    await this.page.keyboard.press('Control+ArrowRight');
  }

  /** Dismisses the ghost text with Escape and waits for it to go. */
  async dismissGhostText(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.ghostText.first().waitFor({ state: 'detached' });
  }

  /** The active editor's text as rendered, without ghost text (all lines must be on screen: fine for small documents). */
  async editorText(): Promise<string> {
    return this.activeEditor.evaluate((editor) =>
      [...editor.querySelectorAll('.view-lines .view-line')]
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((line) => {
          const copy = line.cloneNode(true) as typeof line;
          copy.querySelectorAll('[class*="ghost-text"]').forEach((ghost: { remove(): void }) => ghost.remove());
          return (copy.textContent ?? '').replace(/\u00a0/g, ' ');
        })
        .join('\n'),
    );
  }

  /**
   * Waits until the active editor's rendered text satisfies `predicate`; returns it.
   * Commands run asynchronously in the extension host: wait for their effect before typing.
   */
  waitForEditorText(predicate: (text: string) => boolean, options: WaitOptions = {}): Promise<string> {
    return waitUntil(
      async () => {
        const text = await this.editorText();
        return predicate(text) ? text : undefined;
      },
      'the editor text to match',
      { timeoutMs: options.timeoutMs ?? this.timeoutMs },
    );
  }

  /**
   * A status bar item by the id given to `createStatusBarItem(id)` (the DOM id is
   * `<publisher>.<name>.<id>`; either form works) or, failing that, by its accessible name.
   */
  statusBarItem(idOrName: string | RegExp): Locator {
    const bar = this.page.locator('.part.statusbar');
    if (typeof idOrName !== 'string') return bar.locator('.statusbar-item').filter({ has: this.page.getByRole('button', { name: idOrName }) }).first();
    return bar.locator(`.statusbar-item[id="${idOrName}"], .statusbar-item[id$=".${idOrName}"]`).first();
  }

  /** The text a status bar item shows (codicons dropped). */
  async readStatusBarItem(idOrName: string | RegExp): Promise<string> {
    const item = this.statusBarItem(idOrName);
    await item.waitFor();
    return ((await item.innerText()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Waits until a status bar item's text equals (string) or matches (RegExp) `text`; returns it. */
  waitForStatusBarText(idOrName: string | RegExp, text: string | RegExp, options: WaitOptions = {}): Promise<string> {
    return waitUntil(
      async () => {
        const value = await this.readStatusBarItem(idOrName);
        return (typeof text === 'string' ? value === text : text.test(value)) ? value : undefined;
      },
      `status bar item ${String(idOrName)} to show ${String(text)}`,
      { timeoutMs: options.timeoutMs ?? this.timeoutMs },
    );
  }

  /** A status bar item's accessible label (Inkwell puts its state there, the same text as the tooltip). */
  async readStatusBarLabel(idOrName: string | RegExp): Promise<string> {
    const item = this.statusBarItem(idOrName);
    await item.waitFor();
    const label = (await item.locator('[aria-label]').first().getAttribute('aria-label', { timeout: 1000 })) ?? (await item.getAttribute('aria-label'));
    return (label ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Waits until a status bar item's accessible label equals (string) or matches (RegExp) `label`; returns it. */
  waitForStatusBarLabel(idOrName: string | RegExp, label: string | RegExp, options: WaitOptions = {}): Promise<string> {
    return waitUntil(
      async () => {
        const value = await this.readStatusBarLabel(idOrName);
        return (typeof label === 'string' ? value === label : label.test(value)) ? value : undefined;
      },
      `status bar item ${String(idOrName)} to be labelled ${String(label)}`,
      { timeoutMs: options.timeoutMs ?? this.timeoutMs },
    );
  }

  /** The cursor of the active editor, from the status bar ("Ln 5, Col 22"); 1-based. */
  async cursorPosition(): Promise<{ line: number; column: number }> {
    const text = await this.readStatusBarItem('status.editor.selection');
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    if (!match) throw new Error(`Unexpected cursor position text: ${text}`);
    return { line: Number(match[1]), column: Number(match[2]) };
  }

  /** Waits until the active editor's cursor is at `line`, `column` (1-based, as the status bar shows). */
  waitForCursorPosition(line: number, column: number, options: WaitOptions = {}): Promise<void> {
    return waitUntil(
      async () => {
        const position = await this.cursorPosition();
        return position.line === line && position.column === column ? true : undefined;
      },
      `the cursor at Ln ${line}, Col ${column}`,
      { timeoutMs: options.timeoutMs ?? this.timeoutMs },
    ).then(() => undefined);
  }

  /** Waits for a notification toast whose message matches; returns the message. */
  async waitForNotification(message: string | RegExp, options: WaitOptions = {}): Promise<string> {
    const toast = this.page.locator('.notification-toast .notification-list-item-message').filter({ hasText: message }).first();
    await toast.waitFor({ timeout: options.timeoutMs ?? this.timeoutMs });
    return (await toast.innerText()).trim();
  }

  /**
   * Waits until no notification toast shows `message` (e.g. the title of a finished
   * `withProgress` notification). Wait for the command's first effect before calling it.
   */
  async waitForNoNotification(message: string | RegExp, options: WaitOptions = {}): Promise<void> {
    const toasts = this.page.locator('.notification-toast .notification-list-item-message').filter({ hasText: message });
    await waitUntil(async () => ((await toasts.count()) === 0 ? true : undefined), `no notification ${String(message)}`, { timeoutMs: options.timeoutMs ?? this.timeoutMs });
  }

  /** Waits for a progress notification (`withProgress` in the notification area) with this title to end. */
  waitForNoProgress(title: string | RegExp, options: WaitOptions = {}): Promise<void> {
    return this.waitForNoNotification(title, options);
  }

  /** Waits until the active editor's breadcrumbs show `name` (a symbol around the cursor, once the language's symbol provider answers). */
  async waitForBreadcrumb(name: string, options: WaitOptions = {}): Promise<void> {
    const breadcrumbs = this.page.locator('.editor-group-container.active .breadcrumbs-control');
    await breadcrumbs.getByText(name, { exact: true }).first().waitFor({ timeout: options.timeoutMs ?? this.timeoutMs });
  }

  /** Saves the active editor with Ctrl+S and waits until its tab is no longer dirty. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+s');
    await waitUntil(
      async () => ((await this.page.locator('.tabs-container .tab.active.dirty').count()) === 0 ? true : undefined),
      'the active editor to be saved',
      { timeoutMs: this.timeoutMs },
    );
  }

  /** Screenshot to test-results/<name>[-<suffix>].png; returns the path. */
  async screenshot(suffix?: string): Promise<string> {
    const file = path.join(resultsDir, `${this.name}${suffix ? `-${suffix}` : ''}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
