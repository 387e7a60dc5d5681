import type { Config } from '../config';
import type { BackendConfig } from '../protocol';

/** The remote server only when the user chose it and gave a URL; otherwise local models. */
export function backendFor(config: Config, apiKey: string | undefined): BackendConfig {
  if (config.backend !== 'openai-compatible' || !config.remoteBaseUrl) return { kind: 'local' };
  return { kind: 'openai-compatible', baseUrl: config.remoteBaseUrl, model: config.remoteModel, apiKey, timeoutMs: config.remoteTimeoutMs };
}
