// Ghost text whose model is not downloaded says so once: which model, its size, and
// [Choose Another Model] [Not Now] (offline here, so no [Download]); typing on says nothing
// more; asking explicitly (Trigger Inline Suggestion) shows it again.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { findEntry } from '../../src/core/catalog.ts';
import { inkwellVsix, step, withVSCode } from './harness.ts';
import { INKWELL_ID, offlineInkwellSettings } from './inkwellSettings.ts';

const missing = !existsSync(inkwellVsix) && process.env.CI !== 'true';
const skip = missing && `no ${inkwellVsix}; run npm run package`;

const MODEL = 'onnx-community/SmolLM2-135M-ONNX';
const NOTICE = /ghost text needs onnx-community\/SmolLM2-135M-ONNX/;

test('ghost text: a missing model is announced once, with its size, until the user asks', { timeout: 420_000, skip }, async (t) => {
  const settings = await offlineInkwellSettings({ 'inkwell.models.generation': MODEL, 'inkwell.models.dtype': 'q8' });
  await withVSCode({ scenario: 'ghost-text-model-missing', vsix: inkwellVsix, timeoutMs: 90_000, ...settings }, async (vscode) => {
    const notices = vscode.page.locator('.notification-toast').filter({ hasText: NOTICE });

    await step(t, 'the first keystrokes show one notice naming the model and its size', async () => {
      await vscode.waitForExtensionActivated(INKWELL_ID);
      await vscode.openFile('notes.md');
      await vscode.press('Control+End');
      await vscode.typeWords('\nThe tide came in ');
      const message = await vscode.waitForNotification(NOTICE, { timeoutMs: 60_000 });
      // Answer at once: under load a toast can hide into the notification centre while a test dawdles.
      const buttons = await notices.first().locator('.monaco-button').allInnerTexts();
      assert.equal(await notices.count(), 1);
      await notices.getByRole('button', { name: 'Not Now' }).click();
      assert.ok(message.includes(`about ${findEntry(MODEL)!.downloadMB.q8} MB, q8`), message);
      assert.match(message, /offline mode is on/);
      assert.deepEqual(buttons.map((b) => b.trim()).filter(Boolean), ['Choose Another Model', 'Not Now']);
      await notices.first().waitFor({ state: 'detached' });
    });

    await step(t, 'typing on says nothing more', async () => {
      await vscode.focusEditor();
      await vscode.press('Control+End');
      // Every pause asks for a suggestion; the runner answers at once that the model is not on this machine.
      await vscode.typeWords(' early this morning, and ', { delayMs: 50 });
      await vscode.expectNoGhostText(1_500);
      assert.equal(await notices.count(), 0);
    });

    await step(t, 'asking explicitly shows it again', async () => {
      await vscode.runCommand('Trigger Inline Suggestion');
      await vscode.waitForNotification(NOTICE);
      assert.equal(await notices.count(), 1);
    });
  });
});
