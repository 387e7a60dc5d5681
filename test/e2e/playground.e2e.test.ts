// The Playground in a real VS Code, on the generated tiny model (offline): opened from the
// command palette (F1), 3 sequences at temperature 0.9 with a seed, Generate, three results
// with shaded tokens (screenshot), a token's tooltip with its alternatives, Insert at cursor
// and the text on disk after Ctrl+S; Stop mid-generation, then the next run works.
// The webview's page is inside two nested iframes: Playwright's frameLocator reaches it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { inkwellVsix, sampleWorkspace, step, waitUntil, withVSCode } from './harness.ts';
import { INKWELL_ID, offlineInkwellSettings } from './inkwellSettings.ts';

const missing = !existsSync(inkwellVsix) && process.env.CI !== 'true';
const skip = missing && `no ${inkwellVsix}; run npm run package`;

test('inkwell: Playground — 3 seeded sequences with token confidence, Insert at cursor and save, Stop', { timeout: 600_000, skip }, async (t) => {
  await withVSCode({ scenario: 'inkwell-playground', vsix: inkwellVsix, timeoutMs: 90_000, ...(await offlineInkwellSettings()) }, async (vscode) => {
    const original = await readFile(path.join(sampleWorkspace, 'letter.txt'), 'utf8');
    let page!: FrameLocator;
    const setField = async (id: string, value: string) => {
      await page.locator(`#${id}`).fill(value);
    };
    const generateAndWait = async () => {
      await page.locator('#generate').click();
      await page.locator('#generate:disabled').waitFor({ timeout: 10_000 }).catch(() => undefined);
      await page.locator('#generate:enabled').waitFor({ timeout: 90_000 });
    };

    await step(t, 'opens from the palette beside the editor, the prompt taken from nothing selected', async () => {
      await vscode.waitForExtensionActivated(INKWELL_ID);
      await vscode.openFile('letter.txt');
      await vscode.press('Control+End');
      await vscode.runCommand('Inkwell: Open Playground');
      page = vscode.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await page.locator('#prompt').waitFor({ timeout: 30_000 });
      // The model list comes from the host: the generation and the instruction model.
      await waitUntil(async () => ((await page.locator('#model-0 option').count()) === 2 ? true : undefined), 'the model choices');
    });

    let inserted = '';
    await step(t, '3 sequences at temperature 0.9 with a seed: three results, tokens shaded, stats shown', async () => {
      await page.locator('#prompt').fill('The harbour at dawn was');
      await setField('temperature-0', '0.9');
      await setField('sequences-0', '3');
      await setField('seed-0', '42');
      await setField('max-new-tokens-0', '16');
      await generateAndWait();
      const sequences = page.locator('[data-pane="0"] .sequence');
      assert.equal(await sequences.count(), 3);
      const stats = await page.locator('[data-pane="0"] .stats').textContent();
      assert.match(stats ?? '', /Time to first token \d+ ms · [\d.]+ tokens\/s · token probabilities from the local model/);
      const texts: string[] = [];
      for (let i = 0; i < 3; i++) {
        const tokens = sequences.nth(i).locator('.token');
        assert.ok((await tokens.count()) > 0, `sequence ${i + 1} has tokens`);
        const shades = await tokens.evaluateAll((spans) => spans.map((span) => Number(span.ownerDocument.defaultView?.getComputedStyle(span).getPropertyValue('--shade'))));
        assert.ok(shades.every((s) => s >= 0 && s <= 1), `shades in 0..1: ${shades.join(',')}`);
        // Shading is visible: a token's background is not transparent unless it was certain.
        const backgrounds = await tokens.evaluateAll((spans) => spans.map((span) => span.ownerDocument.defaultView?.getComputedStyle(span).backgroundColor));
        assert.ok(backgrounds.some((b) => b !== 'rgba(0, 0, 0, 0)'), 'some token is shaded');
        texts.push((await sequences.nth(i).locator('.sequence-text').textContent()) ?? '');
      }
      assert.ok(new Set(texts).size >= 2, `sampled sequences differ: ${JSON.stringify(texts)}`);
      inserted = texts[1]!;
      await vscode.screenshot('results');
    });

    await step(t, 'hovering a token shows its probability and up to 5 alternatives; keyboard focus does too', async () => {
      const token = page.locator('[data-sequence="0"] .token').first();
      await token.hover();
      const tooltip = page.locator('#token-tooltip');
      await tooltip.waitFor({ state: 'visible' });
      const text = (await tooltip.textContent()) ?? '';
      assert.match(text, /\d+(\.\d+)?%/);
      assert.match(text, /Top alternatives:/);
      const alternatives = await tooltip.locator('li').count();
      assert.ok(alternatives >= 1 && alternatives <= 5, `${alternatives} alternatives`);
      // Keyboard: the first token is the tab stop; ArrowRight moves to the next and shows its tooltip.
      await token.focus();
      await token.press('ArrowRight');
      const second = page.locator('[data-sequence="0"] .token').nth(1);
      await waitUntil(async () => ((await second.evaluate((el) => el === el.ownerDocument.activeElement)) ? true : undefined), 'focus on the second token');
      await tooltip.waitFor({ state: 'visible' });
      await vscode.screenshot('tooltip');
      await token.press('Escape');
      await tooltip.waitFor({ state: 'hidden' });
    });

    await step(t, 'Insert at cursor puts sequence 2 at the end of letter.txt; Ctrl+S saves it', async () => {
      await page.locator('[data-sequence="1"] button', { hasText: 'Insert at cursor' }).click();
      await vscode.page.locator('.tabs-container .tab.active.dirty').filter({ hasText: 'letter.txt' }).waitFor();
      await vscode.save();
      const saved = await vscode.waitForFile('letter.txt', (text) => text !== original);
      assert.equal(saved, original + inserted);
    });

    await step(t, 'Stop mid-generation ends the run; the runner is ready for the next one', async () => {
      await setField('max-new-tokens-0', '2048');
      await page.locator('#generate').click();
      await waitUntil(async () => ((await page.locator('[data-pane="0"] .token').count()) >= 6 ? true : undefined), 'tokens streaming', { timeoutMs: 60_000 });
      await page.locator('#stop').click();
      await page.locator('#generate:enabled').waitFor({ timeout: 30_000 });
      assert.match((await page.locator('[data-pane="0"] .stats').textContent()) ?? '', /stopped/);
      await setField('max-new-tokens-0', '8');
      await generateAndWait();
      assert.equal(await page.locator('[data-pane="0"] .sequence').count(), 3);
      assert.doesNotMatch((await page.locator('[data-pane="0"] .stats').textContent()) ?? '', /stopped|Stopped/);
      assert.ok((await page.locator('[data-pane="0"] .token').count()) > 0);
    });

    await step(t, 'Open Playground with a selection makes it the prompt', async () => {
      // letter.txt is in the first group (an Explorer click would open it in the Playground's group).
      await vscode.runCommand('View: Focus First Editor Group');
      await vscode.page.locator('.editor-group-container .monaco-editor.focused').first().waitFor();
      await vscode.press('Control+Home');
      await vscode.press('Shift+End');
      await vscode.runCommand('Inkwell: Open Playground');
      await waitUntil(async () => ((await page.locator('#prompt').inputValue()) === 'Dear reader,' ? true : undefined), 'the selection as the prompt');
    });

    await step(t, 'hidden behind another editor and shown again, the page keeps its prompt, settings and results', async () => {
      const before = await page.locator('[data-pane="0"] .sequence-text').allTextContents();
      // The Playground's group is active: the file opens there and hides the Playground.
      await vscode.openFile('notes.md');
      await page.locator('#prompt').waitFor({ state: 'detached' });
      await vscode.page.locator('.tabs-container .tab').filter({ hasText: 'Inkwell Playground' }).click();
      await waitUntil(async () => ((await page.locator('[data-pane="0"] .sequence .token').count()) > 0 ? true : undefined), 'the results back');
      assert.equal(await page.locator('#prompt').inputValue(), 'Dear reader,');
      assert.equal(await page.locator('#sequences-0').inputValue(), '3');
      assert.equal(await page.locator('#seed-0').inputValue(), '42');
      assert.deepEqual(await page.locator('[data-pane="0"] .sequence-text').allTextContents(), before);
    });
  });
});
