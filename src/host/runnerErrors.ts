import * as vscode from 'vscode';
import { ResponseError } from 'vscode-jsonrpc/node';
import { settingId, type SettingName } from '../config';
import { RunnerErrorCode } from '../protocol';

/** The setting that fixes each remote-server error. */
const REMOTE_SETTING = new Map<number, SettingName>([
  [RunnerErrorCode.RemoteModelNotFound, 'remoteModel'],
  [RunnerErrorCode.RemoteUnreachable, 'remoteBaseUrl'],
  [RunnerErrorCode.RemoteBadResponse, 'remoteBaseUrl'],
  [RunnerErrorCode.RemoteTimeout, 'remoteTimeoutMs'],
]);

/** Shows a runner failure with the action that fixes it, and logs it. */
export async function showRunnerError(err: unknown, log: vscode.LogOutputChannel): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  log.error(message);
  const actions: string[] = [];
  const code = err instanceof ResponseError ? err.code : undefined;
  if (code === RunnerErrorCode.ModelUnavailableOffline) actions.push('Open Settings');
  if (code === RunnerErrorCode.ModelNotFound || code === RunnerErrorCode.ModelCorrupt) actions.push('Choose Model');
  if (code === RunnerErrorCode.RemoteUnauthorized) actions.push('Set API Key');
  const remoteSetting = REMOTE_SETTING.get(code ?? 0);
  if (remoteSetting) actions.push('Open Server Settings');
  actions.push('Show Log');
  const choice = await vscode.window.showErrorMessage(`Inkwell: ${message}`, ...actions);
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', settingId('offline'));
  if (choice === 'Choose Model') await vscode.commands.executeCommand('workbench.action.openSettings', settingId('generationModel'));
  if (choice === 'Set API Key') await vscode.commands.executeCommand('inkwell.setApiKey');
  if (choice === 'Open Server Settings' && remoteSetting) await vscode.commands.executeCommand('workbench.action.openSettings', settingId(remoteSetting));
  if (choice === 'Show Log') log.show();
}
