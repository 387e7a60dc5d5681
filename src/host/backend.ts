import type { Config } from '../config';
import type { BackendConfig, Task } from '../protocol';

/** The remote server only when the user chose it and gave a URL; otherwise local models. */
export function backendFor(config: Config, apiKey: string | undefined): BackendConfig {
  if (!remoteConfigured(config)) return { kind: 'local' };
  return { kind: 'openai-compatible', baseUrl: config.remoteBaseUrl, model: config.remoteModel, apiKey, timeoutMs: config.remoteTimeoutMs };
}

function remoteConfigured(config: Config): boolean {
  return config.backend === 'openai-compatible' && config.remoteBaseUrl !== '';
}

/** Whether the runner sends this task to the remote server (text tasks only; summaries and translations stay local). */
export function servedRemotely(config: Config, task: Task): boolean {
  return remoteConfigured(config) && (task === 'instruction' || task === 'text-generation');
}
