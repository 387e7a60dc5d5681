import * as vscode from 'vscode';
import { ResponseError } from 'vscode-jsonrpc/node';
import { settingId } from '../config';
import { RunnerErrorCode } from '../protocol';

/** Shows a runner failure with the action that fixes it, and logs it. */
export async function showRunnerError(err: unknown, log: vscode.LogOutputChannel): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  log.error(message);
  const actions: string[] = [];
  const code = err instanceof ResponseError ? err.code : undefined;
  if (code === RunnerErrorCode.ModelUnavailableOffline) actions.push('Open Settings');
  if (code === RunnerErrorCode.ModelNotFound || code === RunnerErrorCode.ModelCorrupt) actions.push('Choose Model');
  actions.push('Show Log');
  const choice = await vscode.window.showErrorMessage(`Inkwell: ${message}`, ...actions);
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', settingId('offline'));
  if (choice === 'Choose Model') await vscode.commands.executeCommand('workbench.action.openSettings', settingId('generationModel'));
  if (choice === 'Show Log') log.show();
}
