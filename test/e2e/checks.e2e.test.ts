// Writing checks in a real VS Code, on the generated test encoders (test/fixtures/checkMarkers.ts:
// "GitHub"/"Github" are organisations to the NER model, "terrible" is negative to the sentiment
// model, "gonna"/"stuff"/"cool" are casual to the NLI model). "Inkwell: Check Writing" on a
// Markdown file with "Github" once and "GitHub" three times in its prose gives one names
// diagnostic, on "Github"; its quick fix makes all four read "GitHub" on disk after saving; the
// Problems panel shows the tone diagnostics (screenshot); "Rewrite more formal" rewrites the
// flagged paragraph in place through the Rewrite command's flow, undone by one Ctrl+Z.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { ensureFixture } from '../fixtures/generate.ts';
import { inkwellVsix, step, withVSCode } from './harness.ts';
import { INKWELL_ID, offlineInkwellSettings } from './inkwellSettings.ts';
import { takePicture } from './pictures.ts';
import { waitUntil } from './wait.ts';

const missing = !existsSync(inkwellVsix) && process.env.CI !== 'true';
const skip = missing && `no ${inkwellVsix}; run npm run package`;

const settings = async () =>
  offlineInkwellSettings({
    'inkwell.checks.models.entities': await ensureFixture('tiny-bert-ner'),
    'inkwell.checks.models.sentiment': await ensureFixture('tiny-bert-sentiment'),
    'inkwell.checks.models.tone': await ensureFixture('tiny-bert-nli'),
    'inkwell.checks.targetTone': 'formal',
    'editor.wordWrap': 'off',
  });

test('inkwell: Check Writing shows names and tone diagnostics; "Make consistent" fixes every spelling in one edit', { timeout: 240_000, skip }, async (t) => {
  await withVSCode({ scenario: 'inkwell-checks', vsix: inkwellVsix, ...(await settings()) }, async (vscode) => {
    await vscode.waitForExtensionActivated(INKWELL_ID);
    const page = vscode.page;
    const rows = page.locator('.markers-panel .monaco-list-row');
    const rowTexts = async () => (await rows.allTextContents()).map((text) => text.replace(/\s+/g, ' '));

    await step(t, 'Check Writing: one names diagnostic on "Github", tone diagnostics in the Problems panel', async () => {
      await vscode.openFile('style.md');
      await vscode.runCommand('Inkwell: Check Writing');
      await vscode.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor();
      const texts = await waitUntil(
        async () => {
          const all = await rowTexts();
          return all.some((r) => r.includes('Github')) && all.some((r) => r.includes('strongly negative')) && all.some((r) => r.includes('sounds casual')) ? all : undefined;
        },
        'names and tone diagnostics in the Problems panel',
        { timeoutMs: 90_000 },
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\nrows: ${JSON.stringify(await rowTexts())}`);
      });
      const names = texts.filter((r) => r.includes('is written'));
      assert.equal(names.length, 1, `exactly one names diagnostic: ${JSON.stringify(texts)}`);
      assert.match(names[0], /"Github" is written "GitHub" 3 times elsewhere/);
      assert.ok(texts.every((r) => !r.includes('--version')), 'inline code is not checked');
      await vscode.screenshot('problems');
      await takePicture(page, 'checks-problems');
    });

    await step(t, 'Quick fix "Make consistent: GitHub" on the diagnostic; saved, all four read "GitHub"', async () => {
      await rows.filter({ hasText: 'is written' }).first().click();
      // Clicking a problem selects its range in the editor: "Github".
      await vscode.waitForStatusBarText('status.editor.selection', /\(6 selected\)/);
      // Focus the editor without clicking in it (a click would move the selection).
      await vscode.runCommand('View: Focus Active Editor Group');
      await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
      await vscode.waitForStatusBarText('status.editor.selection', /\(6 selected\)/);
      await vscode.press('Control+.');
      const fix = page.locator('.action-widget').getByText('Make consistent: GitHub', { exact: true });
      await fix.waitFor();
      await fix.click();
      await vscode.waitForEditorText((text) => text.includes('Open GitHub and look'));
      await vscode.save();
      const saved = await vscode.waitForFile('style.md', (text) => /Open GitHub and look/.test(text));
      const body = saved.split('---\n').slice(2).join('---\n');
      assert.equal(body.match(/GitHub/g)?.length, 4, `four "GitHub" in the prose:\n${saved}`);
      assert.equal(body.match(/Github/g)?.length, 1, `only the inline code keeps "Github":\n${saved}`);
      assert.match(saved, /title: Release notes \(GitHub, Github: front matter/, 'front matter unchanged');
      await waitUntil(async () => ((await rowTexts()).some((r) => r.includes('is written')) ? undefined : true), 'the names diagnostic to go (its text changed)');
      assert.ok((await rowTexts()).some((r) => r.includes('strongly negative')), 'the tone diagnostics stay');
    });

    await step(t, 'Quick fix "Rewrite more formal" rewrites the casual paragraph in place; one Ctrl+Z puts it back', async () => {
      const paragraph = 'We are gonna ship cool stuff next week.';
      await rows.filter({ hasText: 'sounds casual' }).first().click();
      await vscode.waitForStatusBarText('status.editor.selection', new RegExp(`\\(${paragraph.length} selected\\)`));
      await vscode.runCommand('View: Focus Active Editor Group');
      await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
      await vscode.press('Control+.');
      await page.locator('.action-widget').getByText('Rewrite more formal', { exact: true }).click();
      // The tiny instruction model writes nonsense: the check is that the paragraph (and only it) was replaced.
      const rewritten = await vscode.waitForEditorText((text) => !text.includes(paragraph), { timeoutMs: 60_000 });
      await vscode.waitForNoProgress('Inkwell: rewriting', { timeoutMs: 60_000 });
      assert.match(rewritten, /# Release notes\n\nThe code lives on GitHub\./, 'the text before is unchanged');
      assert.match(rewritten, /Open GitHub and look for the release\. This setup is terrible\./, 'the text after is unchanged');
      await vscode.press('Control+z');
      await vscode.waitForEditorText((text) => text.includes(paragraph));
      assert.equal(await vscode.activationFailure(INKWELL_ID), undefined);
    });
  });
});
