import type { Config } from '../config';
import { keyDecision, type StoredKey } from '../core/remoteKey';
import type { BackendConfig, Task } from '../protocol';

/** The remote server only when the user chose it and gave a URL; otherwise local models. The key goes only where `keyDecision` allows. */
export function backendFor(config: Config, storedKey: StoredKey | undefined): BackendConfig {
  if (!remoteConfigured(config)) return { kind: 'local' };
  const apiKey = keyDecision(storedKey, config.remoteBaseUrl).kind === 'send' ? storedKey?.key : undefined;
  return { kind: 'openai-compatible', baseUrl: config.remoteBaseUrl, model: config.remoteModel, apiKey, timeoutMs: config.remoteTimeoutMs };
}

export function remoteConfigured(config: Config): boolean {
  return config.backend === 'openai-compatible' && config.remoteBaseUrl !== '';
}

/** Whether the runner sends this task to the remote server (text tasks only; summaries and translations stay local). */
export function servedRemotely(config: Config, task: Task): boolean {
  return remoteConfigured(config) && (task === 'instruction' || task === 'text-generation');
}
