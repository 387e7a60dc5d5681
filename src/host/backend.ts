import type { Config } from '../config';
import { keyDecision, type StoredKey } from '../core/remoteKey';
import { serverTasks, type BackendConfig, type Task } from '../protocol';

/** The remote server only when the user chose it and gave a URL; otherwise local models. The key goes only where `keyDecision` allows. */
export function backendFor(config: Config, storedKey: StoredKey | undefined): BackendConfig {
  if (!serverConfigured(config)) return { kind: 'local' };
  const apiKey = keyDecision(storedKey, config.remoteBaseUrl).kind === 'send' ? storedKey?.key : undefined;
  return { kind: 'openai-compatible', baseUrl: config.remoteBaseUrl, model: config.remoteModel, apiKey, timeoutMs: config.remoteTimeoutMs };
}

export function serverConfigured(config: Config): boolean {
  return config.backend === 'openai-compatible' && config.remoteBaseUrl !== '';
}

/** Whether the runner sends this task to the server: the same table (`serverTasks`) the runner routes by. */
export function servedByServer(config: Config, task: Task): boolean {
  return serverConfigured(config) && serverTasks.includes(task);
}

/** Where generation runs, in words, for the status bar's tooltip. */
export function describeBackend(config: Config): string {
  if (!serverConfigured(config)) return 'Local models';
  return `Text on ${config.remoteBaseUrl}${config.remoteModel ? ` (${config.remoteModel})` : ''}; summaries and translations on local models`;
}
