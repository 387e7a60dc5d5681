// Chat in code-server (VS Code 1.139) without any sign-in: the Chat view with
// `chat.disableAIFeatures` off, in Ask mode (Agent mode lists only models that call tools).
// "Inkwell: tiny-llama" is chosen in the model picker; `@inkwell /summarize` on a selected
// paragraph streams an answer from the tiny instruction model; its "Insert at Cursor" button
// writes it into the file (saved, read from disk). A plain question (no @inkwell) goes to VS
// Code's default agent, Copilot's, which asks for a sign-in even with Inkwell's model picked;
// so Inkwell's model answering is checked as another extension sees it: vscode.lm
// selectChatModels / countTokens / sendRequest, through the test hooks (INKWELL_TEST_HOOKS,
// no command or manifest entry).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { ChatView } from './chatView.ts';
import { inkwellVsix, sampleWorkspace, step, withVSCode } from './harness.ts';
import { INKWELL_ID, offlineInkwellSettings } from './inkwellSettings.ts';
import { TestHooks } from './testHooksClient.ts';

const skip = !existsSync(inkwellVsix) && process.env.CI !== 'true' && `no ${inkwellVsix}; run npm run package`;
const MODEL = 'Inkwell: tiny-llama';

const words = (text: string): string[] => text.toLowerCase().match(/[a-z]{3,}/g) ?? [];

test("chat: Inkwell in the model picker; @inkwell /summarize streams an answer that Insert puts in the file; Inkwell's model answers through vscode.lm", { timeout: 300_000, skip }, async (t) => {
  const settings = await offlineInkwellSettings({ 'chat.disableAIFeatures': false, '[markdown]': { 'editor.wordWrap': 'off' } });
  const hooks = await TestHooks.create();
  t.after(() => rm(hooks.folder, { recursive: true, force: true }));
  await withVSCode({ scenario: 'inkwell-chat', vsix: inkwellVsix, ...settings, env: hooks.env }, async (vscode) => {
    const chat = new ChatView(vscode.page);
    const failWithView = async (error: Error): Promise<never> => {
      throw new Error(`${error.message}\nChat view:\n${await chat.shown()}`);
    };
    await vscode.waitForExtensionActivated(INKWELL_ID);
    const original = await readFile(path.join(sampleWorkspace, 'harbour.md'), 'utf8');
    const lines = original.split('\n');
    const paragraph = lines[2]!;
    let answer = '';

    await step(t, `signed out, "Chat: Open Chat (Ask)" opens Ask mode and the model picker offers "${MODEL}"`, async () => {
      await vscode.openFile('harbour.md');
      await vscode.press('Control+Home');
      await vscode.press('ArrowDown');
      await vscode.press('ArrowDown');
      await vscode.press('Home');
      await vscode.press('Shift+End');
      await vscode.waitForStatusBarText('status.editor.selection', `Ln 3, Col ${paragraph.length + 1} (${paragraph.length} selected)`);
      // Agent mode (the default) offers only models that call tools, and its mode picker hides Ask in 1.139.
      await vscode.runCommand('Chat: Open Chat (Ask)');
      await chat.input.waitFor({ state: 'visible', timeout: 60_000 });
      await chat.pickModel(MODEL, 60_000).catch(failWithView);
      await vscode.screenshot('picker');
    });

    await step(t, '@inkwell /summarize streams an answer for the selection, with Insert and Replace buttons', async () => {
      // The trailing space closes the slash-command suggestions, so Enter sends.
      await chat.send('@inkwell /summarize ');
      const insert = chat.view.getByRole('button', { name: 'Insert at Cursor' });
      await insert.waitFor({ state: 'visible', timeout: 90_000 }).catch(failWithView);
      answer = await chat.lastResponse();
      await vscode.screenshot('answer');
      assert.ok(words(answer).length > 0, `an answer was streamed: ${JSON.stringify(answer)}`);
      assert.ok(await chat.view.getByRole('button', { name: 'Replace Selection' }).isVisible(), 'Replace Selection is offered for a selection');
    });

    await step(t, 'Insert at Cursor writes the answer after the paragraph; Ctrl+S saves it to disk', async () => {
      await chat.view.getByRole('button', { name: 'Insert at Cursor' }).click();
      await vscode.waitForNoProgress('Inkwell: inserting the answer', { timeoutMs: 30_000 });
      // The editor's tab gives it the keyboard focus back (the chat had it), so Ctrl+S saves the file.
      await vscode.page.locator('.tabs-container .tab.active.dirty').filter({ hasText: 'harbour.md' }).click();
      await vscode.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
      await vscode.save();
      const saved = await vscode.waitForFile('harbour.md', (text) => text !== original);
      const head = lines.slice(0, 2).join('\n') + '\n' + paragraph;
      const tail = '\n' + lines.slice(3).join('\n');
      assert.ok(saved.startsWith(head) && saved.endsWith(tail), `the answer went in at the cursor (the end of the paragraph):\n${saved}`);
      const inserted = saved.slice(head.length, saved.length - tail.length);
      assert.ok(inserted.trim().length > 0, 'something was inserted');
      const shown = new Set(words(answer));
      assert.ok(words(inserted).some((w) => shown.has(w)), `the inserted text is the answer shown:\n${inserted}\n---\n${answer}`);
    });

    await step(t, `a plain question (no participant) with ${MODEL} picked asks for a GitHub sign-in: VS Code's default chat agent is Copilot's`, async () => {
      await chat.send('Say hello to the harbour.');
      const dialog = vscode.page.locator('.monaco-dialog-box').filter({ hasText: 'Sign in to use GitHub Copilot' });
      await dialog.waitFor({ state: 'visible', timeout: 30_000 }).catch(failWithView);
      await vscode.screenshot('plain-question');
      await vscode.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });

    await step(t, "another extension's view: vscode.lm.selectChatModels({ vendor: 'inkwell' }), countTokens, sendRequest", async () => {
      const result = await hooks.askLanguageModel('Say hello.');
      assert.equal(result.model.name, MODEL);
      assert.equal(result.model.vendor, 'inkwell');
      assert.ok(result.promptTokens > 0, `tokens counted: ${result.promptTokens}`);
      assert.ok(words(result.text).length > 0, `an answer: ${JSON.stringify(result.text)}`);
    });
  });
});
