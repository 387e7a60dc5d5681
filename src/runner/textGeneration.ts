import { DynamicCache, LogitsProcessorList, random, StoppingCriteriaList, type Tensor } from '@huggingface/transformers';
import type { CancellationToken } from 'vscode-jsonrpc';
import type { GenerateParams, GenerateResult, SamplingParams } from '../protocol';
import { RunnerErrorCode } from '../protocol';
import { runnerError } from './errors';
import { GenerationMonitor } from './generationMonitor';
import { boundedPrompt } from './promptBudget';
import type { CausalLm } from './modelStore';
import { TopPLogitsWarper } from './topP';
import { ownedDecode, type AnyCache } from './decode/ownedDecode';
import type { KvState } from './decode/kvState';
import { ownedModel } from './decode/ownedModel';

export interface GenerationHooks {
  token: CancellationToken;
  onText: (delta: string) => void;
  /** Stop once this says the text so far holds the whole suggestion (see core/inline/unitStop.ts). */
  unitEnded?: (text: string) => boolean;
}

export interface Encoded {
  input_ids: Tensor;
  attention_mask: Tensor;
}

export interface Decoded {
  text: string;
  /** Prompt ids followed by generated ids. */
  sequence: bigint[];
  generatedTokens: number;
  finishReason: GenerateResult['finishReason'];
  tokensAfterCancel?: number;
  firstTokenAt: number;
  /** The cache Inkwell's own decode loop filled (absent after transformers.js' generate(), which fills the one passed in). */
  cache?: KvState;
}

/** Renders chat messages with the model's template, or takes the raw prompt. */
export function promptText(lm: CausalLm, params: GenerateParams): string {
  if (params.messages && params.messages.length > 0) {
    const rendered = lm.tokenizer.apply_chat_template(params.messages, { tokenize: false, add_generation_prompt: true });
    if (typeof rendered !== 'string') throw runnerError(RunnerErrorCode.GenerationFailed, 'The chat template did not render to text.');
    return rendered;
  }
  if (typeof params.prompt !== 'string') throw runnerError(RunnerErrorCode.InvalidParams, 'generate needs a prompt or chat messages.');
  return params.prompt;
}

export function encode(lm: CausalLm, text: string): Encoded {
  return lm.tokenizer(text, { return_tensor: true }) as Encoded;
}

/**
 * Decodes an encoded prompt with Inkwell's own loop (decode/ownedLoop.ts) where
 * the graph allows, else with transformers.js' generate(): streams text, honours
 * stop strings and cancellation, and, given a cache, reuses and fills it.
 */
export async function decode(lm: CausalLm, encoded: Encoded, sampling: SamplingParams, hooks: GenerationHooks, cache?: AnyCache): Promise<Decoded> {
  const promptTokens = encoded.input_ids.dims.at(-1) ?? 0;
  const monitor = new GenerationMonitor(lm.tokenizer, promptTokens, sampling.stop ?? [], hooks.onText, hooks.unitEnded);
  const subscription = hooks.token.onCancellationRequested(() => monitor.interrupt());
  if (hooks.token.isCancellationRequested) monitor.interrupt();

  const sample = (sampling.temperature ?? 0) > 0;
  if (sample && sampling.seed !== undefined) random.seed(sampling.seed);
  const promptIds = (encoded.input_ids.tolist() as bigint[][])[0] ?? [];
  const owned = await ownedModel(lm);
  let filled: KvState | undefined;
  const logitsProcessor = new LogitsProcessorList();
  if (sample && sampling.topP !== undefined && sampling.topP < 1) logitsProcessor.push(new TopPLogitsWarper(sampling.topP));
  const stopping = new StoppingCriteriaList();
  stopping.push(monitor);

  try {
    if (owned) filled = await ownedDecode(owned, promptIds.map(Number), sampling, eosIds(lm), monitor, cache);
    else await lm.model.generate({
      ...encoded,
      max_new_tokens: sampling.maxNewTokens,
      min_new_tokens: sampling.minNewTokens ?? null,
      do_sample: sample,
      temperature: sample ? sampling.temperature : 1,
      top_k: sample ? (sampling.topK ?? 0) : 0,
      repetition_penalty: sampling.repetitionPenalty ?? 1,
      logits_processor: logitsProcessor,
      stopping_criteria: stopping,
      ...(cache instanceof DynamicCache ? { past_key_values: cache } : {}),
    } as Parameters<typeof lm.model.generate>[0]);
  } catch (err) {
    throw runnerError(RunnerErrorCode.GenerationFailed, `Generation failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    subscription.dispose();
  }

  const text = monitor.finish();
  const last = monitor.generated.at(-1);
  const finishReason = monitor.interrupted ? 'cancelled' : monitor.tracker.stopped || monitor.unitStopped ? 'stop' : last !== undefined && eosIds(lm).includes(Number(last)) ? 'eos' : 'length';
  return {
    text,
    sequence: [...promptIds, ...monitor.generated.map((id) => BigInt(id))],
    generatedTokens: monitor.generated.length,
    finishReason,
    tokensAfterCancel: monitor.interrupted ? monitor.generated.length - monitor.tokensAtInterrupt : undefined,
    firstTokenAt: monitor.firstTokenAt,
    cache: filled,
  };
}

/** Generates text for one prompt (the `generate` request). */
export async function generateText(lm: CausalLm, params: GenerateParams, loadMs: number, hooks: GenerationHooks): Promise<GenerateResult> {
  const started = performance.now();
  const encoded = boundedPrompt(lm, params);
  const result = await decode(lm, encoded, params, hooks);
  const end = performance.now();
  return {
    text: result.text,
    promptTokens: encoded.input_ids.dims.at(-1) ?? 0,
    generatedTokens: result.generatedTokens,
    finishReason: result.finishReason,
    tokensAfterCancel: result.tokensAfterCancel,
    timings: { loadMs, firstTokenMs: (result.firstTokenAt || end) - started, totalMs: end - started },
  };
}

export function eosIds(lm: CausalLm): number[] {
  const configured = (lm.model.generation_config as { eos_token_id?: number | number[] | null } | null)?.eos_token_id;
  if (configured === undefined || configured === null) return [];
  return Array.isArray(configured) ? configured : [configured];
}
