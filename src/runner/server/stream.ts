/**
 * A streamed completion from an OpenAI-compatible server, retried with backoff
 * while nothing has been received: refused or reset connections, 429, 502, 503, 504.
 */
import type { CancellationToken } from 'vscode-jsonrpc';
import { delay } from '../../core/delay';
import { RetryableError, type ServerBackend } from './serverErrors';
import { StreamReader, UnsupportedField, type ServerOptions, type StreamRequest, type StreamResult } from './streamReader';

export type { ChoiceResult, Endpoint, ServerOptions, StreamRequest, StreamResult } from './streamReader';

/**
 * Streams one completion request. Text reaches `request.onText` as it becomes
 * safe to show; cancelling `token` closes the connection and returns the text
 * so far with finishReason 'cancelled'. Never retries once text has arrived.
 * A server's Retry-After is honoured up to 5 s.
 */
export async function streamCompletion(backend: ServerBackend, request: StreamRequest, token: CancellationToken, options: ServerOptions = {}): Promise<StreamResult> {
  const delays = options.retryDelaysMs ?? [250, 1000];
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  try {
    for (let attempt = 0; ; ) {
      const read = new StreamReader(backend, request, options);
      try {
        await read.run(controller.signal);
        return read.result(false);
      } catch (err) {
        if (controller.signal.aborted) return read.result(true);
        if (err instanceof UnsupportedField) continue;
        if (!(err instanceof RetryableError)) throw err;
        if (read.receivedText || attempt >= delays.length) throw err.error;
        const wait = Math.max(delays[attempt] ?? 0, Math.min(err.retryAfterMs ?? 0, 5000));
        attempt++;
        if (!(await delay(wait, controller.signal))) return read.result(true);
      }
    }
  } finally {
    subscription.dispose();
  }
}
