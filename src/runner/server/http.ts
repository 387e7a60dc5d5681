/**
 * One JSON POST to the configured server over node:http(s), with a streamed
 * answer. Deliberately not `fetch`: no proxy taken from the environment, no
 * headers beyond the ones given here, and every failure has a clear kind.
 */
import * as http from 'node:http';
import * as https from 'node:https';

/** Keep-alive connections to the server; a stale one shows up as a reset, which is retried. */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/** Error bodies are read up to this many bytes. */
const MAX_ERROR_BODY = 64 * 1024;

export type TransportFailure = 'refused' | 'reset' | 'unreachable' | 'first-byte-timeout' | 'idle-timeout' | 'cancelled';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'TransportError';
  }
}

export interface PostOptions {
  url: URL;
  body: unknown;
  apiKey?: string;
  signal: AbortSignal;
  /** From sending the request to the first byte of the body. */
  firstByteTimeoutMs: number;
  /** Between two chunks of the body. */
  idleTimeoutMs: number;
  /**
   * What keeps the idle timer from firing: any bytes (default), or only the
   * caller's `progress()` calls, so that a stream of keep-alive comments cannot
   * hold a request open forever (until the first `progress()`, the first-byte
   * timeout runs).
   */
  idleResetBy?: 'bytes' | 'progress';
}

export interface PostResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text, decoded across chunk boundaries. Ending early releases the connection. */
  text(): AsyncGenerator<string>;
  /** The whole body (at most 64 KB), for error answers. */
  readAll(): Promise<string>;
  /** Drops the answer unread and closes the connection. */
  close(): void;
  /** The answer moved on: restarts the idle timer (for `idleResetBy: 'progress'`). */
  progress(): void;
}

/** Sends the request; resolves once the status line and headers arrived. */
export function post(options: PostOptions): Promise<PostResponse> {
  const { url, signal } = options;
  if (signal.aborted) return Promise.reject(new TransportError('cancelled', 'cancelled'));
  const payload = JSON.stringify(options.body);
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    Accept: 'text/event-stream, application/json',
    'User-Agent': 'inkwell',
  };
  if (options.apiKey) headers['Authorization'] = `Bearer ${options.apiKey}`;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  const request = (url.protocol === 'https:' ? https : http).request(url, { method: 'POST', headers, agent });

  return new Promise((resolve, reject) => {
    let response: http.IncomingMessage | undefined;
    let timer: NodeJS.Timeout | undefined;
    /** Why we closed the connection ourselves. Destroyed without an error object: that would format its stack. */
    let failure: TransportError | undefined;
    const fail = (err: TransportError) => {
      failure ??= err;
      (response ?? request).destroy();
    };
    const arm = (ms: number, kind: TransportFailure) => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(new TransportError(kind, `no data for ${ms} ms`)), ms);
    };
    const onAbort = () => fail(new TransportError('cancelled', 'cancelled'));
    const cleanup = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    signal.addEventListener('abort', onAbort);
    arm(options.firstByteTimeoutMs, 'first-byte-timeout');

    const onRequestEnd = (err?: unknown) => {
      cleanup();
      reject(failure ?? classify(err ?? new Error('the connection closed')));
    };
    request.on('error', onRequestEnd);
    request.on('close', () => {
      if (!response) onRequestEnd();
    });
    request.on('response', (res) => {
      response = res;
      res.on('close', cleanup);
      // Errors reach the caller through text(); without a listener one would crash the runner.
      res.on('error', () => undefined);
      async function* text(): AsyncGenerator<string> {
        const decoder = new TextDecoder('utf-8');
        try {
          for await (const chunk of res as AsyncIterable<Buffer>) {
            if (options.idleResetBy !== 'progress') arm(options.idleTimeoutMs, 'idle-timeout');
            const decoded = decoder.decode(chunk, { stream: true });
            if (decoded) yield decoded;
          }
          if (failure) throw failure;
          const rest = decoder.decode();
          if (rest) yield rest;
        } catch (err) {
          throw failure ?? classify(err);
        } finally {
          // Stopped reading early (done, stop string, error): close rather than drain.
          if (!res.complete) res.destroy();
          cleanup();
        }
      }
      async function readAll(): Promise<string> {
        let body = '';
        for await (const piece of text()) {
          progress();
          body += piece;
          if (body.length >= MAX_ERROR_BODY) break;
        }
        return body;
      }
      const progress = () => {
        if (!res.destroyed) arm(options.idleTimeoutMs, 'idle-timeout');
      };
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text, readAll, close: () => res.destroy(), progress });
    });
    request.end(payload);
  });
}

/** Node's network errors, by what they mean for the user. */
function classify(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ECONNREFUSED') return new TransportError('refused', 'connection refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('unreachable', 'host not found');
  if (/CERT|SSL|TLS/.test(code)) return new TransportError('unreachable', `TLS certificate problem: ${message}`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') return new TransportError('unreachable', `${code}`);
  return new TransportError('reset', code ? `${code}: ${message}` : message);
}
