// Proves the harness with the generated probe extension: the workbench loads, the
// extension activates, the palette runs its command, its ghost text appears and Tab
// accepts it, and Ctrl+S writes the result to disk.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { withVSCode } from './harness.ts';
import * as probe from './probe.ts';

let probeDir: string;
let vsix: string;

before(async () => {
  probeDir = await mkdtemp(path.join(os.tmpdir(), 'inkwell-e2e-probe-'));
  vsix = await probe.buildProbeVsix(probeDir);
});

after(async () => {
  if (probeDir) await rm(probeDir, { recursive: true, force: true });
});

test('probe: palette command, ghost text accepted with Tab, Ctrl+S saves', { timeout: 240_000 }, async () => {
  await withVSCode({ scenario: 'smoke-probe', vsix }, async (vscode) => {
    await vscode.waitForExtensionActivated(probe.PROBE_ID);
    assert.equal(await vscode.waitForStatusBarText(probe.PROBE_STATUS_ID, probe.PROBE_STATUS_TEXT), probe.PROBE_STATUS_TEXT);

    await vscode.openFile('notes.md');
    await vscode.press('Control+End');
    await vscode.runCommand(probe.PROBE_COMMAND_TITLE);
    // The command runs in the extension host, asynchronously: wait for its edit before typing.
    await vscode.waitForEditorText((text) => text.includes(probe.PROBE_STAMP));
    await vscode.waitForCursorPosition(5, probe.PROBE_STAMP.length + 1);
    await vscode.type(` ${probe.PROBE_TRIGGER}`);
    assert.equal(await vscode.waitForGhostText(), probe.PROBE_SUGGESTION);
    await vscode.acceptGhostText();

    const expectedLine = `${probe.PROBE_STAMP} ${probe.PROBE_TRIGGER}${probe.PROBE_SUGGESTION}`;
    assert.ok((await vscode.editorText()).endsWith(expectedLine), 'the editor shows the accepted suggestion');
    await vscode.save();
    const saved = await vscode.waitForFile('notes.md', (text) => text.includes(expectedLine));
    assert.ok(saved.startsWith('# Field notes\n'), 'the rest of the file is unchanged');
    assert.ok(saved.endsWith(expectedLine), `saved text ends with the new line, got: ${JSON.stringify(saved.slice(-80))}`);
    assert.equal(await vscode.activationFailure(probe.PROBE_ID), undefined);
    assert.equal(await vscode.activationCount(probe.PROBE_ID), 1, 'one extension host, one activation');
  });
});

test('probe: nested file from the Explorer, multi-line ghost text, Escape dismisses', { timeout: 240_000 }, async () => {
  await withVSCode({ scenario: 'smoke-probe-multiline', vsix }, async (vscode) => {
    await vscode.waitForExtensionActivated(probe.PROBE_ID);
    await vscode.openFile('src/shapes.ts');
    await vscode.press('Control+End');
    await vscode.type(`\n// ${probe.PROBE_MULTILINE_TRIGGER}`);
    assert.equal(await vscode.waitForGhostText(), probe.PROBE_MULTILINE_SUGGESTION);
    await vscode.dismissGhostText();

    await vscode.type(` ${probe.PROBE_TRIGGER}`);
    await vscode.waitForGhostText({ text: probe.PROBE_SUGGESTION });
    await vscode.acceptGhostText();
    await vscode.save();
    const saved = await vscode.waitForFile('src/shapes.ts', (text) => text.includes(probe.PROBE_TRIGGER));
    assert.ok(saved.endsWith(`// ${probe.PROBE_MULTILINE_TRIGGER} ${probe.PROBE_TRIGGER}${probe.PROBE_SUGGESTION}`), JSON.stringify(saved.slice(-80)));
    assert.ok(!saved.includes('- second'), 'Escape dismissed the multi-line suggestion');
  });
});
