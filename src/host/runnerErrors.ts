import * as vscode from 'vscode';
import { ResponseError } from 'vscode-jsonrpc/node';
import { settingId, type SettingName } from '../config';
import { RunnerErrorCode } from '../protocol';

/** The setting that fixes each remote-server error. */
const SERVER_SETTING = new Map<number, SettingName>([
  [RunnerErrorCode.ServerModelNotFound, 'remoteModel'],
  [RunnerErrorCode.ServerUnreachable, 'remoteBaseUrl'],
  [RunnerErrorCode.ServerBadResponse, 'remoteBaseUrl'],
  [RunnerErrorCode.ServerTimeout, 'remoteTimeoutMs'],
]);

/** The runner's typed "this model is not on this machine" (not downloaded, or missing and offline mode is on). */
export function isModelMissing(err: unknown): boolean {
  return err instanceof ResponseError && (err.code === RunnerErrorCode.ModelNotDownloaded || err.code === RunnerErrorCode.ModelUnavailableOffline);
}

/** Shows a runner failure with the action that fixes it, and logs it. */
export async function showRunnerError(err: unknown, log: vscode.LogOutputChannel): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  log.error(message);
  const actions: string[] = [];
  const code = err instanceof ResponseError ? err.code : undefined;
  if (code === RunnerErrorCode.ModelUnavailableOffline) actions.push('Open Settings');
  if (code === RunnerErrorCode.ModelNotFound || code === RunnerErrorCode.ModelNotDownloaded || code === RunnerErrorCode.ModelCorrupt) actions.push('Choose Model');
  if (code === RunnerErrorCode.ServerUnauthorized) actions.push('Set API Key');
  const serverSetting = SERVER_SETTING.get(code ?? 0);
  if (serverSetting) actions.push('Open Server Settings');
  actions.push('Show Log');
  const choice = await vscode.window.showErrorMessage(`Inkwell: ${message}`, ...actions);
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', settingId('offline'));
  if (choice === 'Choose Model') await vscode.commands.executeCommand('workbench.action.openSettings', settingId('generationModel'));
  if (choice === 'Set API Key') await vscode.commands.executeCommand('inkwell.setApiKey');
  if (choice === 'Open Server Settings' && serverSetting) await vscode.commands.executeCommand('workbench.action.openSettings', settingId(serverSetting));
  if (choice === 'Show Log') log.show();
}
