// Writing commands from the command palette, on the generated tiny models (offline), with
// the default output (`below`): Summarize Selection writes a blockquote under the
// paragraph and one Ctrl+Z takes it away again; Draft Documentation puts a doc comment
// above a TypeScript function. The tiny models write nonsense: the checks are on structure.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { inkwellVsix, sampleWorkspace, step, withVSCode } from './harness.ts';
import { INKWELL_ID, offlineInkwellSettings } from './inkwellSettings.ts';
import { takePicture } from './pictures.ts';

const missing = !existsSync(inkwellVsix) && process.env.CI !== 'true';
const skip = missing && `no ${inkwellVsix}; run npm run package`;

const settings = () =>
  offlineInkwellSettings({
    // One paragraph = one screen line, so Home / Shift+End select exactly it.
    '[markdown]': { 'editor.wordWrap': 'off' },
  });

test('inkwell: Summarize Selection below the paragraph, undone by one Ctrl+Z; Draft Documentation above a function', { timeout: 240_000, skip }, async (t) => {
  await withVSCode({ scenario: 'inkwell-writing', vsix: inkwellVsix, ...(await settings()) }, async (vscode) => {
    await vscode.waitForExtensionActivated(INKWELL_ID);

    await step(t, 'Summarize Selection writes a blockquote below the selected paragraph; one Ctrl+Z restores the file', async () => {
      const original = await readFile(path.join(sampleWorkspace, 'harbour.md'), 'utf8');
      const lines = original.split('\n');
      const paragraph = lines[2]!;
      await vscode.openFile('harbour.md');
      // Select line 3, the paragraph.
      await vscode.press('Control+Home');
      await vscode.press('ArrowDown');
      await vscode.press('ArrowDown');
      await vscode.press('Home');
      await vscode.press('Shift+End');
      await vscode.waitForStatusBarText('status.editor.selection', `Ln 3, Col ${paragraph.length + 1} (${paragraph.length} selected)`);

      await vscode.runCommand('Inkwell: Summarize Selection');
      await vscode.waitForEditorText((text) => text.split('\n').some((line) => line.startsWith('> ')), { timeoutMs: 60_000 });
      await vscode.waitForNoProgress('Inkwell: summarizing', { timeoutMs: 60_000 });
      // The user's selection is still the paragraph, not extended over the summary.
      await vscode.waitForStatusBarText('status.editor.selection', `Ln 3, Col ${paragraph.length + 1} (${paragraph.length} selected)`);
      await vscode.press('Control+Home');
      await vscode.screenshot('summary');
      await takePicture(vscode.page, 'summary');
      await vscode.save();
      const saved = await vscode.waitForFile('harbour.md', (text) => text !== original).catch(async (error: Error) => {
        const dirty = await vscode.page.locator('.tabs-container .tab.dirty').count();
        throw new Error(`${error.message}\ndirty tabs: ${dirty}\neditor:\n${await vscode.editorText()}`);
      });
      // paragraph, blank line, "> " lines, then the rest of the file as it was.
      const head = lines.slice(0, 3).join('\n') + '\n\n';
      const tail = '\n' + lines.slice(3).join('\n');
      assert.ok(saved.startsWith(head), `the text up to the paragraph is unchanged:\n${saved}`);
      assert.ok(saved.endsWith(tail), `the text after the paragraph is unchanged:\n${saved}`);
      const summary = saved.slice(head.length, saved.length - tail.length);
      assert.match(summary, /^> \S/, `the summary is a blockquote: ${JSON.stringify(saved)}`);
      for (const line of summary.split('\n')) assert.match(line, /^>( |$)/, `every summary line is quoted: ${JSON.stringify(line)}`);

      await vscode.press('Control+z');
      await vscode.waitForEditorText((text) => !text.includes('\n> '));
      await vscode.save();
      await vscode.waitForFile('harbour.md', (text) => text === original).catch(async (error: Error) => {
        throw new Error(`one undo did not restore the file exactly: ${error.message}\n${JSON.stringify(await vscode.readFile('harbour.md'))}`);
      });
    });

    await step(t, 'Draft Documentation inserts a doc comment directly above a TypeScript function', async () => {
      const original = await readFile(path.join(sampleWorkspace, 'src', 'greeting.ts'), 'utf8');
      await vscode.openFile('src/greeting.ts');
      await vscode.press('Control+Home');
      await vscode.press('ArrowDown');
      // TypeScript's symbol provider is up when the breadcrumbs show the function around the cursor.
      await vscode.waitForBreadcrumb('greet', { timeoutMs: 60_000 });
      await vscode.runCommand('Inkwell: Draft Documentation');
      await vscode.waitForEditorText((text) => text.startsWith('/**'), { timeoutMs: 60_000 });
      await vscode.waitForNoProgress('Inkwell: drafting documentation', { timeoutMs: 60_000 });
      await vscode.screenshot('doc-comment');
      await vscode.save();
      const saved = await vscode.waitForFile('src/greeting.ts', (text) => text !== original);
      assert.ok(saved.endsWith(original), `the function is unchanged, under the comment:\n${saved}`);
      const comment = saved.slice(0, saved.length - original.length);
      assert.match(comment, /^\/\*\*\n/, `the comment opens with /** on its own line:\n${comment}`);
      assert.match(comment, /\n \*\/\n$/, `the comment closes with */ right above the function:\n${comment}`);
      for (const line of comment.split('\n').slice(1, -2)) assert.match(line, /^ \*( |$)/, `a comment line: ${JSON.stringify(line)}`);
      assert.equal(await vscode.activationFailure(INKWELL_ID), undefined);
      assert.equal(await vscode.activationCount(INKWELL_ID), 1);
    });
  });
});
