/**
 * The Playground on an OpenAI-compatible server: each sequence one streamed
 * request, with token probabilities from `logprobs` where the server
 * returns them (vLLM and OpenAI's API do; other servers vary). Without them
 * the result says `confidence: 'none'`.
 */
import { logprobTokens } from '../../core/generation/logprobs';
import { clipPieces } from '../../core/generation/tokenConfidence';
import type { PlaygroundParams, PlaygroundResult, TokenConfidence } from '../../protocol';
import { serverGenerate, type ServerBackend } from './openaiClient';
import type { PlaygroundHooks } from '../playground';
import type { ServerOptions } from './stream';

/**
 * One request per sequence, one after another, each with its own seed (seed + i):
 * servers that ignore `n` (Ollama, llama.cpp) still give every sequence.
 */
export async function serverPlayground(backend: ServerBackend, params: PlaygroundParams, hooks: PlaygroundHooks, options?: ServerOptions): Promise<PlaygroundResult> {
  const started = performance.now();
  const chat = !!params.messages && params.messages.length > 0;
  const sequences: PlaygroundResult['sequences'] = [];
  let promptTokens = 0;
  let firstTokenMs = 0;
  let withLogprobs = false;
  for (let i = 0; i < params.sequences && !hooks.token.isCancellationRequested; i++) {
    const tokens: TokenConfidence[] = [];
    let chunkHadLogprobs = false;
    const seed = params.seed === undefined ? undefined : params.seed + i;
    const result = await serverGenerate(
      backend,
      { ...params, seed },
      {
        token: hooks.token,
        extraBody: chat ? { logprobs: true, top_logprobs: 5 } : { logprobs: 5 },
        // onChoice sees a chunk before its text reaches onText.
        onChoice: (index, choice) => {
          if (index !== 0) return;
          const fresh = logprobTokens(choice);
          chunkHadLogprobs = fresh.length > 0;
          tokens.push(...fresh);
          if (chunkHadLogprobs) hooks.onTokens(i, fresh);
        },
        onText: (text) => {
          if (!chunkHadLogprobs) hooks.onText?.(i, text);
        },
      },
      options,
    );
    withLogprobs ||= tokens.length > 0;
    promptTokens = result.promptTokens;
    if (i === 0) firstTokenMs = result.timings.firstTokenMs;
    sequences.push({ text: result.text, tokens: clipPieces(tokens, result.text), generatedTokens: result.generatedTokens, finishReason: result.finishReason });
  }
  const end = performance.now();
  return { sequences, promptTokens, timings: { loadMs: 0, firstTokenMs, totalMs: end - started }, confidence: withLogprobs ? 'server' : 'none' };
}
