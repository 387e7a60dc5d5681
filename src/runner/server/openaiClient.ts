/**
 * Generation on an OpenAI-compatible server (vLLM, TGI, Ollama, llama.cpp
 * server), in place of the local models: the runner's `generate` and `complete`
 * requests, with the same results.
 *
 * `baseUrl` is used as given, like the OpenAI SDKs do: it includes the version
 * (`http://localhost:8000/v1`); only a trailing slash is removed. Requests go
 * nowhere else: no proxy, no redirects followed.
 */
import { ResponseError, type CancellationToken } from 'vscode-jsonrpc';
import { collectDistinctSuggestions } from '../../core/generation/distinctSuggestions';
import { estimateTokensByChars } from '../../core/text/tokenEstimate';
import type { CompleteParams, CompleteResult, GenerateParams, GenerateResult, SamplingParams } from '../../protocol';
import { RunnerErrorCode } from '../../protocol';
import { REQUEST_CANCELLED, runnerError } from '../errors';
import type { ServerBackend } from './serverErrors';
import { streamCompletion, type ServerOptions, type StreamResult } from './stream';

export type { ServerBackend } from './serverErrors';
export type { ServerOptions } from './stream';

export interface ServerHooks {
  token: CancellationToken;
  onText: (delta: string) => void;
  /** Extra body fields (the Playground's `logprobs`) and a look at every streamed choice. */
  extraBody?: Record<string, unknown>;
  onChoice?: (index: number, choice: unknown) => void;
}

/** Inline completion params; `suffix` (the text after the cursor) asks for fill-in-the-middle. */
export type ServerCompleteParams = CompleteParams & { suffix?: string };

/** OpenAI accepts at most 4 stop strings; the rest are enforced here only. */
const MAX_SERVER_STOPS = 4;

/** The `generate` request: a prompt to `/completions`, chat messages to `/chat/completions`. */
export async function serverGenerate(backend: ServerBackend, params: GenerateParams, hooks: ServerHooks, options?: ServerOptions): Promise<GenerateResult> {
  const server = checked(backend, hooks.token);
  const started = performance.now();
  const chat = !!params.messages && params.messages.length > 0;
  if (!chat && typeof params.prompt !== 'string') throw runnerError(RunnerErrorCode.InvalidParams, 'generate needs a prompt or chat messages.');
  const body = { ...samplingBody(server, params), ...(chat ? { messages: params.messages } : { prompt: params.prompt }), ...hooks.extraBody };
  const result = await streamCompletion(server, { endpoint: chat ? '/chat/completions' : '/completions', body, stops: stopsOf(params), onText: hooks.onText, onChoice: hooks.onChoice }, hooks.token, options);
  const end = performance.now();
  const choice = result.choices[0] ?? { text: '', finishReason: 'stop' };
  const promptText = chat ? (params.messages ?? []).map((m) => m.content).join('\n') : (params.prompt ?? '');
  return {
    text: choice.text,
    promptTokens: result.usage?.prompt_tokens ?? estimateTokensByChars(promptText),
    generatedTokens: generatedTokens(result),
    finishReason: choice.finishReason,
    timings: timings(started, result.firstTextAt, end),
  };
}

/**
 * The `complete` request: up to 3 distinct continuations from `/completions`.
 * Asks for them with `n` in one request; servers that ignore `n` (Ollama,
 * llama.cpp) get more requests, one at a time. The first continuation follows
 * `temperature`; the others are sampled, as the local runner does.
 */
export async function serverComplete(backend: ServerBackend, params: ServerCompleteParams, hooks: ServerHooks, options?: ServerOptions): Promise<CompleteResult> {
  const server = checked(backend, hooks.token);
  const started = performance.now();
  let promptTokens: number | undefined;
  let generated = 0;
  let firstTextAt = 0;
  let cancelled = false;

  const completions = await collectDistinctSuggestions(params.n, params.temperature ?? 0, () => hooks.token.isCancellationRequested, async ({ index, temperature, missing }) => {
    const sampled = index > 0 || (params.temperature ?? 0) > 0;
    const n = sampled ? missing : 1;
    const seed = params.seed === undefined ? undefined : params.seed + index;
    const body = {
      ...samplingBody(server, { ...params, temperature, seed }),
      prompt: params.prompt,
      ...(params.suffix ? { suffix: params.suffix } : {}),
      ...(n > 1 ? { n } : {}),
    };
    const result = await streamCompletion(server, { endpoint: '/completions', body, stops: stopsOf(params), onText: index === 0 ? hooks.onText : () => undefined }, hooks.token, options);
    promptTokens ??= result.usage?.prompt_tokens;
    generated += generatedTokens(result);
    firstTextAt ||= result.firstTextAt;
    const stopped = result.choices.some((choice) => choice.finishReason === 'cancelled');
    if (stopped) cancelled = true;
    return { texts: result.choices.map((choice) => choice.text), cancelled: stopped };
  });
  const end = performance.now();
  return {
    finishReason: cancelled || hooks.token.isCancellationRequested ? 'cancelled' : 'done',
    completions,
    promptTokens: promptTokens ?? estimateTokensByChars(params.prompt),
    reusedTokens: 0,
    generatedTokens: generated,
    timings: timings(started, firstTextAt, end),
  };
}

/** Validates the configuration and normalizes the base URL. A request cancelled before it started fails as locally. */
function checked(backend: ServerBackend, token: CancellationToken): ServerBackend {
  if (token.isCancellationRequested) throw new ResponseError(REQUEST_CANCELLED, 'Request cancelled before it started.');
  const baseUrl = backend.baseUrl.trim().replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw runnerError(RunnerErrorCode.InvalidParams, `inkwell.remote.baseUrl "${backend.baseUrl}" is not an http(s) URL, e.g. http://localhost:8000/v1.`);
  }
  if (!backend.model.trim()) throw runnerError(RunnerErrorCode.InvalidParams, `Set inkwell.remote.model to a model the server at ${baseUrl} serves.`);
  return { ...backend, baseUrl, model: backend.model.trim() };
}

/** The OpenAI sampling fields. topK, repetitionPenalty and minNewTokens have no standard field and are not sent. */
function samplingBody(server: ServerBackend, params: SamplingParams): Record<string, unknown> {
  const stops = stopsOf(params).slice(0, MAX_SERVER_STOPS);
  return {
    model: server.model,
    max_tokens: params.maxNewTokens,
    // Servers' defaults differ (OpenAI: 1); the runner's is greedy.
    temperature: params.temperature ?? 0,
    ...(params.topP !== undefined ? { top_p: params.topP } : {}),
    ...(stops.length > 0 ? { stop: stops } : {}),
    ...(params.seed !== undefined ? { seed: params.seed } : {}),
  };
}

function stopsOf(params: SamplingParams): string[] {
  return (params.stop ?? []).filter((stop) => stop.length > 0);
}

function generatedTokens(result: StreamResult): number {
  return result.usage?.completion_tokens ?? result.textChunks;
}

function timings(started: number, firstTextAt: number, end: number): GenerateResult['timings'] {
  return { loadMs: 0, firstTokenMs: (firstTextAt || end) - started, totalMs: end - started };
}
