// The packaged extension (dist-vsix/inkwell-linux-x64.vsix, from `npm run package`) in a
// real VS Code. Skipped when the VSIX is missing, except on CI (CI=true), where a
// missing VSIX is a failure.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { inkwellVsix, withVSCode } from './harness.ts';

const EXTENSION_ID = 'inkwell.inkwell';
const missing = !existsSync(inkwellVsix) && process.env.CI !== 'true';

test('inkwell: the packaged extension installs and activates', { timeout: 240_000, skip: missing && `no ${inkwellVsix}; run npm run package` }, async () => {
  await withVSCode({ scenario: 'inkwell-activation', vsix: inkwellVsix }, async (vscode) => {
    await vscode.waitForExtensionActivated(EXTENSION_ID);
    await vscode.openFile('notes.md');
    await vscode.press('Control+End');
    await vscode.type('\nThe');
    assert.equal(await vscode.activationFailure(EXTENSION_ID), undefined);
    assert.equal(await vscode.activationCount(EXTENSION_ID), 1, 'one extension host, one activation');
  });
});
