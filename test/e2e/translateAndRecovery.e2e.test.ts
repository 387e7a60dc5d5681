// On the generated tiny models (offline), with `inkwell.output: replace`: Translate
// Selection on Markdown with a fenced code block leaves the code block byte-identical;
// the model runner killed (SIGKILL) while Continue Writing streams text gives a clear
// message, and the next Continue Writing works on the restarted runner.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { inkwellVsix, sampleWorkspace, step, withVSCode } from './harness.ts';
import { INKWELL_ID, INKWELL_STATUS_ID, offlineInkwellSettings } from './inkwellSettings.ts';

const missing = !existsSync(inkwellVsix) && process.env.CI !== 'true';
const skip = missing && `no ${inkwellVsix}; run npm run package`;

const settings = () =>
  offlineInkwellSettings({
    'inkwell.output': 'replace',
    // Continue Writing streams for long enough to be killed mid-way; greedy, so every run is the same.
    'inkwell.generation.maxNewTokens': 2048,
    'inkwell.generation.temperature': 0,
  });

/** Processes (pid) whose command line contains every one of `parts` (Linux /proc). */
async function processesWith(...parts: string[]): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (parts.every((part) => commandLine.includes(part))) pids.push(Number(entry));
  }
  return pids;
}

test('inkwell: Translate Selection keeps a code block byte-identical; a killed runner is reported and restarted', { timeout: 240_000, skip }, async (t) => {
  await withVSCode({ scenario: 'inkwell-translate-recovery', vsix: inkwellVsix, ...(await settings()) }, async (vscode) => {
    await vscode.waitForExtensionActivated(INKWELL_ID);

    await step(t, 'Translate Selection (output replace) keeps the fenced code block byte-identical', async () => {
      const original = await readFile(path.join(sampleWorkspace, 'setup.md'), 'utf8');
      const fence = /^```sh\n[\s\S]*?\n```\n/m.exec(original)?.[0];
      assert.ok(fence, 'setup.md has a fenced code block');
      await vscode.openFile('setup.md');
      await vscode.press('Control+a');
      await vscode.runCommand('Inkwell: Translate Selection');
      // `replace` deletes the original when the first translated text arrives.
      await vscode.waitForEditorText((text) => !text.includes('Install the packages'), { timeoutMs: 60_000 });
      await vscode.waitForNoProgress('Inkwell: translating', { timeoutMs: 60_000 });
      await vscode.screenshot('translation');
      await vscode.save();
      const saved = await vscode.waitForFile('setup.md', (text) => text !== original);
      assert.ok(saved.includes(fence), `the code block is byte-identical:\n${saved}`);
      assert.ok(!saved.includes('Install the packages and build the project'), `the prose was translated:\n${saved}`);
    });

    await step(t, 'killing the runner while Continue Writing streams: a clear message, then Continue Writing works again', async () => {
      const original = await readFile(path.join(sampleWorkspace, 'letter.txt'), 'utf8');
      await vscode.openFile('letter.txt');
      await vscode.press('Control+End');
      const before = await vscode.editorText();
      // The runner this session started (translation used it); other sessions' runners have other paths.
      const runners = await processesWith(vscode.server.tempDir, 'dist/runner.js');
      assert.equal(runners.length, 1, `one runner process of this session, found ${runners.join(', ') || 'none'}`);
      await vscode.runCommand('Inkwell: Continue Writing');
      // Text is streaming in (2048 tokens take several seconds): kill it now.
      await vscode.waitForEditorText((text) => text.length > before.length + 20, { timeoutMs: 60_000 });
      process.kill(runners[0]!, 'SIGKILL');

      const message = await vscode.waitForNotification(/stopped unexpectedly/);
      assert.match(message, /Inkwell model runner stopped unexpectedly \(killed by SIGKILL\)/);
      // The failed run's progress notification ends with the error (not when the error is dismissed).
      await vscode.waitForNoProgress('Inkwell: writing');
      await vscode.screenshot('runner-crashed');
      // The half-written text is taken back.
      await vscode.waitForEditorText((text) => text === before);
      // The runner restarts by itself.
      await vscode.waitForStatusBarLabel(INKWELL_STATUS_ID, 'Inkwell: Ready.', { timeoutMs: 30_000 });
      const restarted = await processesWith(vscode.server.tempDir, 'dist/runner.js');
      assert.equal(restarted.length, 1, 'a new runner process');
      assert.notEqual(restarted[0], runners[0]);

      await vscode.focusEditor();
      await vscode.runCommand('Inkwell: Continue Writing');
      await vscode.waitForEditorText((text) => text.length > before.length + 20, { timeoutMs: 60_000 });
      await vscode.waitForNoProgress('Inkwell: writing', { timeoutMs: 60_000 });
      await vscode.save();
      const saved = await vscode.waitForFile('letter.txt', (text) => text !== original);
      assert.ok(saved.startsWith(original) && saved.length > original.length + 20, `Continue Writing added text after the letter:\n${saved}`);
      assert.equal(await vscode.activationFailure(INKWELL_ID), undefined);
      assert.equal(await vscode.activationCount(INKWELL_ID), 1);
    });
  });
});
