// The Chat view of code-server's workbench (VS Code 1.139), signed out: its input, the model
// picker (an action widget) and the responses, for test/e2e/chat.e2e.test.ts.
import type { Locator, Page } from 'playwright-core';
import { waitUntil } from './wait.ts';

export class ChatView {
  readonly view: Locator;
  readonly input: Locator;

  constructor(readonly page: Page) {
    this.view = page.locator('.part.auxiliarybar');
    this.input = this.view.locator('.interactive-input-part');
  }

  /** What the Chat view shows, for failure messages. */
  async shown(): Promise<string> {
    return (await this.view.innerText().catch(() => '?')).replace(/\n{2,}/g, '\n');
  }

  /** The model picker's label in the input ("Models" until one is picked). */
  modelLabel(): Promise<string> {
    return this.input.locator('.model-picker-name').first().innerText();
  }

  /** Rows of the open model picker (an action widget that is not closing). */
  private get pickerRows(): Locator {
    return this.page.locator('.action-widget:not(.action-widget-dropdown-closing) .monaco-list-row');
  }

  /**
   * Opens the model picker and clicks the row whose name is `name` (its aria label is
   * e.g. "Inkwell: tiny-llama, local, Current model"). VS Code fills the picker once the
   * provider has listed its models (asynchronously after start-up), so a picker without
   * the row is closed and opened again until `timeoutMs`.
   */
  async pickModel(name: string, timeoutMs: number): Promise<void> {
    let seen: string[] = [];
    await waitUntil(
      async () => {
        await this.input.locator('a.model-picker-name').click();
        await this.pickerRows.first().waitFor({ state: 'visible', timeout: 5_000 });
        seen = await this.pickerRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''));
        const row = this.pickerRows.and(this.page.locator(`[aria-label^="${name},"]`));
        const found = (await row.count()) > 0;
        if (found) await row.first().click();
        else await this.page.keyboard.press('Escape');
        await this.pickerRows.first().waitFor({ state: 'hidden', timeout: 5_000 });
        return found || undefined;
      },
      `"${name}" in the chat's model picker`,
      { timeoutMs, intervalMs: 500 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the picker offered: ${JSON.stringify(seen)}`);
    });
    await waitUntil(async () => (await this.modelLabel()) === name || undefined, `the model picker to show "${name}"`, { timeoutMs: 10_000 });
  }

  /** Replaces whatever the chat input holds (a sticky "@inkwell", say) with `text` and sends it with Enter. */
  async send(text: string): Promise<void> {
    const editor = this.input.locator('.monaco-editor').first();
    await editor.click();
    await this.page.keyboard.press('Control+a');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  get responses(): Locator {
    return this.view.locator('.interactive-response');
  }

  /** Text of the last response (its header, the responder's name, included). */
  lastResponse(): Promise<string> {
    return this.responses.last().innerText();
  }
}
