/** The Inkwell output channel's log level, set as a user would (Developer: Set Log Level…). */
import { waitUntil, type VSCodeSession } from './harness.ts';

/** Sets the "Inkwell" output channel's log level to Debug (Developer: Set Log Level…). */
export async function debugLogLevel(vscode: VSCodeSession): Promise<void> {
  const widget = vscode.page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  const pick = async (text: string, label: RegExp) => {
    await input.fill(text);
    await waitUntil(
      async () => label.test((await widget.locator('.quick-input-list .monaco-list-row.focused .label-name').first().textContent({ timeout: 1000 })) ?? ''),
      `the quick pick to offer ${label}`,
      { timeoutMs: 30_000 },
    );
    await vscode.press('Enter');
  };
  // The picker lists the loggers it knows when it opens: wait for the channel's log file first.
  await waitUntil(async () => (await vscode.logFiles()).some((file) => /Inkwell\.log$/.test(file)), 'the Inkwell log file', { timeoutMs: 120_000 });
  for (let attempt = 1; ; attempt++) {
    try {
      await vscode.press('F1');
      await widget.waitFor({ state: 'visible' });
      await pick('>Developer: Set Log Level', /^\s*Developer: Set Log Level/);
      await pick('Inkwell', /^\s*Inkwell\s*$/);
      await pick('Debug', /^\s*Debug\s*$/);
      await widget.waitFor({ state: 'hidden' });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await vscode.press('Escape');
      await widget.waitFor({ state: 'hidden' });
    }
  }
}
