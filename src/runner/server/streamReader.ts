/**
 * One attempt at a streamed completion: one HTTP request, its SSE stream read
 * into choices, stop strings enforced as the text grows.
 */
import { SseLimitError, SseParser } from '../../core/generation/sse';
import { RunnerErrorCode } from '../../protocol';
import { runnerError } from '../errors';
import { ChoiceText, type ChoiceResult } from './choiceText';
import { post, TransportError, type PostResponse } from './http';
import { badResponse, excerpt, httpError, RETRYABLE_STATUSES, RetryableError, serverMessage, transportError, type ServerBackend } from './serverErrors';

export type Endpoint = '/completions' | '/chat/completions';
export type { ChoiceResult } from './choiceText';

/** The longest one streamed answer may take, from the request to its end (default). */
export const MAX_STREAM_MS = 10 * 60_000;
/** The most characters one streamed answer may hold, events and JSON included (default). */
export const MAX_STREAM_CHARS = 16 * 1024 * 1024;

export interface ServerOptions {
  /** Longest silence between two chunks of an answer (default: timeoutMs, at most 30 s). */
  idleTimeoutMs?: number;
  /** Waits before the 2nd, 3rd… attempt (default 250 ms, 1 s). */
  retryDelaysMs?: readonly number[];
  /** Longest one answer may stream, in total (default MAX_STREAM_MS). */
  maxStreamMs?: number;
  /** Most characters one answer's stream may hold (default MAX_STREAM_CHARS). */
  maxStreamChars?: number;
  /** Most characters one unfinished SSE line plus event may hold (default MAX_EVENT_CHARS). */
  maxEventChars?: number;
}

export interface StreamRequest {
  endpoint: Endpoint;
  /** The request body without `stream` and `stream_options`. */
  body: Record<string, unknown>;
  stops: readonly string[];
  /** Safe-to-show text of the first choice, in order. */
  onText: (delta: string) => void;
  /** Every streamed choice object as received (the Playground reads `logprobs` from it). */
  onChoice?: (index: number, choice: unknown) => void;
}

export interface StreamResult {
  choices: ChoiceResult[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  /** Chunks that carried text: about one per token on vLLM, Ollama, llama.cpp and TGI. */
  textChunks: number;
  /** performance.now() of the first text, 0 if none. */
  firstTextAt: number;
}

/** Optional body fields that some servers reject; dropped (per server and model) after a 400 that names them. */
const OPTIONAL_FIELDS = ['stream_options', 'suffix', 'top_logprobs', 'logprobs'];
const unsupported = new Map<string, Set<string>>();

interface StreamEvent {
  error?: unknown;
  usage?: StreamResult['usage'];
  choices?: { index?: number; text?: string; delta?: { content?: string | null }; message?: { content?: string | null }; finish_reason?: string | null }[];
}

/** The server rejected an optional field; it is now dropped for this server, so try again. */
export class UnsupportedField extends Error {}

/** One attempt: one HTTP request and its stream. */
export class StreamReader {
  private readonly choices: ChoiceText[] = [];
  private usage: StreamResult['usage'];
  private textChunks = 0;
  private firstTextAt = 0;
  private readonly idleTimeoutMs: number;
  private readonly maxTokens: number | undefined;

  constructor(
    private readonly backend: ServerBackend,
    private readonly request: StreamRequest,
    private readonly options: ServerOptions,
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? Math.min(backend.timeoutMs, 30_000);
    const maxTokens = request.body['max_tokens'];
    this.maxTokens = typeof maxTokens === 'number' && maxTokens > 0 ? maxTokens : undefined;
  }

  private get serverKey(): string {
    return `${this.backend.baseUrl}|${this.backend.model}`;
  }

  get receivedText(): boolean {
    return this.textChunks > 0;
  }

  async run(signal: AbortSignal): Promise<void> {
    const dropped = unsupported.get(this.serverKey) ?? new Set<string>();
    const body: Record<string, unknown> = { ...this.request.body, stream: true, stream_options: { include_usage: true } };
    for (const field of dropped) delete body[field];
    let response: PostResponse;
    try {
      response = await post({
        url: new URL(this.backend.baseUrl + this.request.endpoint),
        body,
        apiKey: this.backend.apiKey,
        signal,
        firstByteTimeoutMs: this.backend.timeoutMs,
        idleTimeoutMs: this.idleTimeoutMs,
        // Keep-alive comments do not count as progress: only events do.
        idleResetBy: 'progress',
      });
    } catch (err) {
      throw this.transportFailure(err);
    }
    if (response.status < 200 || response.status > 299) await this.failHttp(response, body, dropped);
    const type = response.headers['content-type'] ?? '';
    if (/application\/json/i.test(type)) {
      // The server ignored `stream: true` and answered in one piece.
      this.handle(await this.readAll(response));
      return;
    }
    if (type && !/event-stream/i.test(type)) {
      response.close();
      throw badResponse(this.backend, `it answered with ${excerpt(type, 60)} instead of an event stream; check inkwell.remote.baseUrl`);
    }
    await this.readEvents(response);
  }

  /** Reads the event stream within its limits: event size, total size, total time, idle time between events. */
  private async readEvents(response: PostResponse): Promise<void> {
    const parser = new SseParser({ maxEventChars: this.options.maxEventChars });
    const maxChars = this.options.maxStreamChars ?? MAX_STREAM_CHARS;
    const maxMs = this.options.maxStreamMs ?? MAX_STREAM_MS;
    let tooLong = false;
    const deadline = setTimeout(() => {
      tooLong = true;
      response.close();
    }, maxMs);
    let chars = 0;
    try {
      for await (const text of response.text()) {
        chars += text.length;
        if (chars > maxChars) throw badResponse(this.backend, `it streamed more than ${Math.round(maxChars / 1024)} KB for one answer, so the answer was stopped`);
        const events = parser.push(text);
        if (events.length > 0 || parser.done) response.progress();
        for (const data of events) this.handle(data);
        if (parser.done || this.allComplete()) break;
      }
      if (!parser.done && !tooLong) for (const data of parser.end()) this.handle(data);
    } catch (err) {
      if (err instanceof SseLimitError) throw badResponse(this.backend, `${err.message}, so the answer was stopped`);
      if (!tooLong && (!(err instanceof TransportError) || err.kind !== 'reset')) throw this.transportFailure(err);
      // The connection broke: fine if the answer was complete, else cut off (below).
    } finally {
      clearTimeout(deadline);
    }
    if (tooLong) {
      throw runnerError(RunnerErrorCode.ServerTimeout, `The server at ${this.backend.baseUrl} was still streaming after ${Math.round(maxMs / 1000)} s, the most one answer may take, so the answer was stopped.`);
    }
    if (!parser.done && !this.choices[0]?.ended) {
      const error = badResponse(this.backend, 'the server closed the stream early (no [DONE] and no finish_reason), so the partial answer was discarded');
      throw this.receivedText ? error : new RetryableError(error);
    }
  }

  result(cancelled: boolean): StreamResult {
    const choices = this.choices.map((choice, index) => {
      const delta = choice.tracker.finish(choice.raw);
      if (index === 0 && delta) this.request.onText(delta);
      return choice.result(cancelled);
    });
    if (choices.length === 0) choices.push({ text: '', finishReason: cancelled ? 'cancelled' : 'stop' });
    return { choices, usage: this.usage, textChunks: this.textChunks, firstTextAt: this.firstTextAt };
  }

  /** Every expected choice reached a stop string or its token budget: stop reading, which stops the server generating. */
  private allComplete(): boolean {
    const wanted = typeof this.request.body['n'] === 'number' ? this.request.body['n'] : 1;
    return this.choices.length >= wanted && this.choices.every((choice) => choice.complete);
  }

  private handle(data: string): void {
    let event: StreamEvent;
    try {
      event = JSON.parse(data) as StreamEvent;
    } catch {
      throw badResponse(this.backend, `a data line is not JSON ("${excerpt(data, 80)}")`);
    }
    if (!event || typeof event !== 'object') throw badResponse(this.backend, `a data line is not a JSON object ("${excerpt(data, 80)}")`);
    if (event.error) throw runnerError(RunnerErrorCode.ServerBadResponse, `The server at ${this.backend.baseUrl} reported an error: ${serverMessage(data)}`);
    if (event.usage) this.usage = event.usage;
    if (!Array.isArray(event.choices)) {
      if (event.usage) return;
      throw badResponse(this.backend, `a chunk has no "choices" (${excerpt(data, 80)})`);
    }
    for (const choice of event.choices) {
      const index = typeof choice.index === 'number' ? choice.index : 0;
      if (!Number.isInteger(index) || index < 0 || index > 16) throw badResponse(this.backend, `a chunk names choice ${index}`);
      const state = (this.choices[index] ??= new ChoiceText(this.request.stops, this.maxTokens));
      if (!state.tracker.stopped) this.request.onChoice?.(index, choice);
      const text = this.request.endpoint === '/chat/completions' ? (choice.delta?.content ?? choice.message?.content) : choice.text;
      if (typeof text === 'string' && text && !state.complete) {
        const before = state.chunks;
        const delta = state.add(text);
        if (state.chunks > before) this.textChunks++;
        this.firstTextAt ||= performance.now();
        if (index === 0 && delta) this.request.onText(delta);
      }
      if (choice.finish_reason) state.finishWith(choice.finish_reason);
    }
  }

  private async failHttp(response: PostResponse, body: Record<string, unknown>, dropped: Set<string>): Promise<never> {
    const text = await this.readAll(response);
    const status = response.status;
    const field = OPTIONAL_FIELDS.find((name) => name in body && text.includes(name));
    if ((status === 400 || status === 422) && field) {
      dropped.add(field);
      unsupported.set(this.serverKey, dropped);
      throw new UnsupportedField(field);
    }
    const error = httpError(this.backend, status, text, this.request.endpoint);
    if (!RETRYABLE_STATUSES.includes(status)) throw error;
    const retryAfter = Number(response.headers['retry-after']);
    throw new RetryableError(error, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
  }

  private async readAll(response: PostResponse): Promise<string> {
    try {
      return await response.readAll();
    } catch (err) {
      throw this.transportFailure(err);
    }
  }

  private transportFailure(err: unknown): unknown {
    if (!(err instanceof TransportError)) return err;
    const error = transportError(this.backend, err, this.idleTimeoutMs);
    return err.kind === 'refused' || err.kind === 'reset' ? new RetryableError(error) : error;
  }
}

