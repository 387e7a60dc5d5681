// The Getting Started walkthrough in a real VS Code: it opens by itself on the first start
// after install, its ghost-text step completes on the real event (a suggestion accepted in
// the sample document its button opens), and after a reload Inkwell does not open it again.
// Skipped when the VSIX is missing, except on CI (CI=true).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { inkwellVsix, step, waitUntil, withVSCode } from './harness.ts';
import { INKWELL_ID, INKWELL_STATUS_ID, offlineInkwellSettings } from './inkwellSettings.ts';
import { debugLogLevel } from './logLevel.ts';

const missing = !existsSync(inkwellVsix) && process.env.CI !== 'true';
const skip = missing && `no ${inkwellVsix}; run npm run package`;

const TITLE = 'Get Started with Inkwell';
/**
 * Records, in the page, what happens from the typing on (time, kind, detail): focus moves (VS
 * Code stops asking inline providers while its editor has no focus), keys, the Inkwell status
 * item's icon (it spins while the provider's request runs, after its debounce) and ghost text
 * appearing or going. Printed when the typing shows no suggestion.
 */
const TYPING_RECORDER = `(() => {
  const events = [];
  window.__inkwellTyping = events;
  const now = () => Math.round(performance.now());
  const name = (el) => (el && el.tagName ? el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '') : String(el));
  for (const type of ['focusin', 'focusout']) document.addEventListener(type, (e) => events.push({ t: now(), type, detail: name(e.target) }), true);
  document.addEventListener('keydown', (e) => events.push({ t: now(), type: 'key', detail: e.key }), true);
  let status = '';
  let ghost = '';
  new MutationObserver(() => {
    const item = document.querySelector('.part.statusbar .statusbar-item[id$="inkwell.status"]');
    const icons = item ? [...item.querySelectorAll('.codicon')].map((el) => [...el.classList].filter((c) => c.startsWith('codicon-')).join(' ')).join(',') : 'none';
    if (icons !== status) events.push({ t: now(), type: 'status', detail: (status = icons) });
    const shown = [...document.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview')].map((el) => el.textContent || '').join('');
    if (shown !== ghost) events.push({ t: now(), type: 'ghost', detail: (ghost = shown) });
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
})()`;

const STEPS = ['Choose the models', 'Try ghost text', 'Summarize a selection', 'Settings and the status menu', 'What stays on your machine'];

test('walkthrough: opens once after install; accepting ghost text in its sample completes a step', { timeout: 600_000, skip }, async (t) => {
  const inkwell = await offlineInkwellSettings({ 'workbench.welcomePage.walkthroughs.openOnInstall': true });
  await withVSCode({ scenario: 'inkwell-walkthrough', vsix: inkwellVsix, ...inkwell }, async (vscode) => {
    const page = vscode.page;
    const walkthrough = page.locator('.gettingStartedContainer');
    const ghostTextStep = walkthrough.locator('.getting-started-step[data-step-id$="ghostText"]');
    // A done step: the button has aria-checked="true" and its check icon the class `complete`.
    // How often Inkwell opened it: its output channel logs each time (one log file per extension host).
    const inkwellLogs = async () => (await vscode.logFiles()).filter((file) => /inkwell\.inkwell[/\\]Inkwell\.log$/.test(file));
    const timesOpened = async () => {
      const texts = await Promise.all((await inkwellLogs()).map((file) => readFile(file, 'utf8')));
      return texts.join('\n').split('Opened the Getting Started walkthrough').length - 1;
    };
    const isChecked = () => ghostTextStep.evaluate((element) => element.getAttribute('aria-checked') === 'true' || element.querySelector('.complete') !== null);

    await step(t, 'opens by itself on the first start, with its five steps', async () => {
      await vscode.waitForExtensionActivated(INKWELL_ID, { timeoutMs: 90_000 });
      await walkthrough.getByText(TITLE).first().waitFor({ timeout: 60_000 });
      for (const title of STEPS) await walkthrough.getByText(title, { exact: true }).first().waitFor();
      assert.equal(await ghostTextStep.count(), 1, 'the ghost text step by its id');
      assert.equal(await isChecked(), false, 'not done before anything happened');
      await waitUntil(async () => ((await timesOpened()) === 1 ? true : undefined), 'Inkwell to log that it opened the walkthrough');
      await vscode.screenshot('opened');
    });

    await step(t, '"Open a Sample Document", then Tab on a suggestion: the step is checked', async () => {
      // The provider's debug lines ("inline: asked at …") say whether VS Code asked it at all.
      await debugLogLevel(vscode);
      await ghostTextStep.click();
      await walkthrough.getByText('Open a Sample Document', { exact: true }).first().click();
      await page.locator('.tabs-container .tab.active').filter({ hasText: 'Untitled' }).waitFor();
      await vscode.waitForEditorText((text) => text.includes('A walk by the harbour'));
      await vscode.focusEditor();
      await vscode.press('Control+End');
      // The sample opens with the cursor at its end (line 7); typing must not be moved from there.
      await vscode.waitForCursorPosition(7, 1);
      await page.evaluate(TYPING_RECORDER);
      await vscode.typeWords('The gulls ');
      await vscode.waitForCursorPosition(7, 11);
      // Before the sample opened with its selection, a selection set afterwards could land after
      // the typing and move the cursor to the line start (the provider then saw "mid-word"). A
      // second case remains, not yet explained (2 of 6 runs: VS Code called no inline provider
      // after the typing, the cursor at the end, the editor focused): ask explicitly then, and
      // say so in the output.
      await vscode.waitForGhostText({ timeoutMs: 15_000 }).catch(async () => {
        const focus = await page.evaluate('JSON.stringify({ now: Math.round(performance.now()), editorFocused: !!document.querySelector(".editor-group-container.active .monaco-editor.focused"), active: document.activeElement && document.activeElement.className, events: window.__inkwellTyping })');
        const provider = (await Promise.all((await inkwellLogs()).map((file) => readFile(file, 'utf8')))).join('\n').split('\n').filter((line) => / inline/.test(line));
        process.stderr.write(`[walkthrough] no suggestion from typing; asking explicitly. Since the typing began (focus, keys, status icon, ghost text): ${String(focus)}\nThe provider's log: ${JSON.stringify(provider)}\n`);
        await vscode.focusEditor();
        await vscode.runCommand('Trigger Inline Suggestion');
        await vscode.waitForGhostText({ timeoutMs: 60_000 });
      });
      await vscode.acceptGhostText();
      await page.locator('.tabs-container .tab').filter({ hasText: 'Welcome' }).first().click();
      await waitUntil(
        async () => ((await isChecked()) ? true : undefined),
        'the ghost text step to be marked complete',
        { timeoutMs: 30_000 },
      );
      await vscode.screenshot('step-complete');
    });

    await step(t, 'closed and reloaded: Inkwell does not open it again', async () => {
      const tab = page.locator('.tabs-container .tab').filter({ hasText: 'Welcome' });
      await tab.first().click();
      const close = tab.first().getByRole('button', { name: /^Close/ });
      if ((await close.count()) > 0) await close.first().click();
      else await vscode.press('Control+F4'); // the web workbench's Close Editor
      await tab.waitFor({ state: 'detached' });
      await page.reload({ waitUntil: 'domcontentloaded', timeout: 120_000 }); // as the harness's first load
      await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
      // Activated again in the reloaded window (a second activation in the logs): its first-start check has run.
      await waitUntil(async () => ((await vscode.activationCount(INKWELL_ID)) >= 2 ? true : undefined), 'Inkwell to activate after the reload', { timeoutMs: 90_000 });
      await vscode.waitForStatusBarText(INKWELL_STATUS_ID, 'Inkwell');
      // The reloaded extension host has its own Inkwell log: wait for it, so the count below covers it.
      await waitUntil(async () => ((await inkwellLogs()).length >= 2 ? true : undefined), 'the reloaded window to have an Inkwell log');
      // Bounded observation for the negative case (the first step shows the positive one). Not a
      // check of the editor area: VS Code itself may restore its Welcome editor after a reload.
      const openedAgain = await waitUntil(async () => ((await timesOpened()) > 1 ? true : undefined), 'a second open', { timeoutMs: 5_000 }).then(() => true, () => false);
      await vscode.screenshot('reloaded');
      assert.equal(openedAgain, false, 'Inkwell opened the walkthrough again after a reload');
      assert.equal(await timesOpened(), 1, 'Inkwell opened it once, before the reload only');
    });
  });
});
