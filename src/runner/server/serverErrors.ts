/**
 * Failures of the inference server as ResponseErrors with the Server* codes and a
 * message that says what to do.
 */
import type { ResponseError } from 'vscode-jsonrpc';
import { RunnerErrorCode, type BackendConfig } from '../../protocol';
import { runnerError } from '../errors';
import type { TransportError } from './http';

/** The configured OpenAI-compatible server. */
export type ServerBackend = Extract<BackendConfig, { kind: 'openai-compatible' }>;

/** A failure that may be retried when nothing was streamed yet. */
export class RetryableError extends Error {
  constructor(
    readonly error: ResponseError<void>,
    /** The server's Retry-After, in ms, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(error.message);
  }
}

/** Statuses worth another try: rate limited, or a proxy/server that is briefly unavailable. */
export const RETRYABLE_STATUSES = [429, 502, 503, 504];

/** The error message of an OpenAI/vLLM (`{error: {message}}`, `{message}`) or Ollama (`{error: "…"}`) error body. */
export function serverMessage(body: string): string {
  try {
    const json = JSON.parse(body) as { message?: unknown; error?: unknown; detail?: unknown };
    const error = json.error as { message?: unknown } | string | undefined;
    const message = typeof error === 'string' ? error : (error?.message ?? json.message ?? json.detail);
    if (typeof message === 'string' && message) return excerpt(message);
  } catch {
    // Not JSON: use the text itself.
  }
  return excerpt(body.trim());
}

export function httpError(server: ServerBackend, status: number, body: string, endpoint: string): ResponseError<void> {
  const message = serverMessage(body);
  const at = `The server at ${server.baseUrl}`;
  if (status === 401 || status === 403) {
    const what = server.apiKey ? 'rejected the API key' : 'requires an API key';
    return runnerError(RunnerErrorCode.ServerUnauthorized, `${at} ${what} (${status}). Set it with "Inkwell: Set API Key".`);
  }
  if ((status === 404 || status === 400) && /model/i.test(message) && /not found|does not exist|no such|unknown|try pulling/i.test(message)) {
    return runnerError(
      RunnerErrorCode.ServerModelNotFound,
      `${at} does not have the model "${server.model}" (${message}). Check the setting inkwell.remote.model (or pull the model on the server).`,
    );
  }
  if (status === 404) {
    return runnerError(
      RunnerErrorCode.ServerBadResponse,
      `${at} has no ${endpoint} endpoint (404). inkwell.remote.baseUrl must be the API's base, usually ending in /v1 (e.g. http://localhost:8000/v1).`,
    );
  }
  if (RETRYABLE_STATUSES.includes(status)) {
    const why = status === 429 ? 'is rate limiting requests' : 'is unavailable';
    return runnerError(RunnerErrorCode.ServerUnreachable, `${at} ${why} (${status}${message ? `: ${message}` : ''}). Try again later.`);
  }
  return runnerError(RunnerErrorCode.ServerBadResponse, `${at} answered ${status}${message ? `: ${message}` : ''}.`);
}

export function transportError(server: ServerBackend, err: TransportError, idleTimeoutMs: number): ResponseError<void> {
  switch (err.kind) {
    case 'refused':
      return runnerError(RunnerErrorCode.ServerUnreachable, `Could not connect to ${server.baseUrl} (connection refused). Is the server running?`);
    case 'unreachable':
      return runnerError(RunnerErrorCode.ServerUnreachable, `Could not connect to ${server.baseUrl} (${err.message}). Check inkwell.remote.baseUrl and the network.`);
    case 'first-byte-timeout':
      return runnerError(
        RunnerErrorCode.ServerTimeout,
        `The server at ${server.baseUrl} did not answer within ${server.timeoutMs} ms. It may still be loading the model; raise inkwell.remote.timeoutMs if it needs longer.`,
      );
    case 'idle-timeout':
      return runnerError(RunnerErrorCode.ServerTimeout, `The server at ${server.baseUrl} stopped sending for ${idleTimeoutMs} ms in the middle of an answer.`);
    case 'reset':
      return runnerError(RunnerErrorCode.ServerUnreachable, `The connection to ${server.baseUrl} was closed unexpectedly (${err.message}).`);
    case 'cancelled':
      return runnerError(RunnerErrorCode.ServerUnreachable, 'The request was cancelled.');
  }
}

export function badResponse(server: ServerBackend, what: string): ResponseError<void> {
  return runnerError(RunnerErrorCode.ServerBadResponse, `The server at ${server.baseUrl} sent a response Inkwell cannot use: ${what}.`);
}

/** A short, single-line piece of server text for an error message. */
export function excerpt(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
