import { LogitsProcessorList, random, StoppingCriteriaList, type Tensor } from '@huggingface/transformers';
import type { CancellationToken } from 'vscode-jsonrpc';
import type { GenerateParams, GenerateResult } from '../protocol';
import { RunnerErrorCode } from '../protocol';
import { runnerError } from './errors';
import { GenerationMonitor } from './generationMonitor';
import type { CausalLm } from './modelStore';
import { TopPLogitsWarper } from './topP';

export interface GenerationHooks {
  token: CancellationToken;
  onText: (delta: string) => void;
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

/** Generates text for one prompt, streaming it, honouring stop strings and cancellation. */
export async function generateText(lm: CausalLm, params: GenerateParams, loadMs: number, hooks: GenerationHooks): Promise<GenerateResult> {
  const started = performance.now();
  const encoded = lm.tokenizer(promptText(lm, params), { return_tensor: true }) as { input_ids: Tensor; attention_mask: Tensor };
  const promptTokens = encoded.input_ids.dims.at(-1) ?? 0;
  const monitor = new GenerationMonitor(lm.tokenizer, promptTokens, params.stop ?? [], hooks.onText);
  const subscription = hooks.token.onCancellationRequested(() => monitor.interrupt());
  if (hooks.token.isCancellationRequested) monitor.interrupt();

  const sample = (params.temperature ?? 0) > 0;
  if (sample && params.seed !== undefined) random.seed(params.seed);
  const logitsProcessor = new LogitsProcessorList();
  if (sample && params.topP !== undefined && params.topP < 1) logitsProcessor.push(new TopPLogitsWarper(params.topP));
  const stopping = new StoppingCriteriaList();
  stopping.push(monitor);

  try {
    await lm.model.generate({
      ...encoded,
      max_new_tokens: params.maxNewTokens,
      min_new_tokens: params.minNewTokens ?? null,
      do_sample: sample,
      temperature: sample ? params.temperature : 1,
      top_k: sample ? (params.topK ?? 0) : 0,
      repetition_penalty: params.repetitionPenalty ?? 1,
      logits_processor: logitsProcessor,
      stopping_criteria: stopping,
    } as Parameters<typeof lm.model.generate>[0]);
  } catch (err) {
    throw runnerError(RunnerErrorCode.GenerationFailed, `Generation failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    subscription.dispose();
  }

  const text = monitor.finish();
  const eos = new Set(eosIds(lm));
  const last = monitor.generated.at(-1);
  const finishReason = monitor.interrupted
    ? 'cancelled'
    : monitor.tracker.stopped
      ? 'stop'
      : last !== undefined && eos.has(Number(last))
        ? 'eos'
        : 'length';
  const end = performance.now();
  return {
    text,
    promptTokens,
    generatedTokens: monitor.generated.length,
    finishReason,
    tokensAfterCancel: monitor.interrupted ? monitor.generated.length - monitor.tokensAtInterrupt : undefined,
    timings: { loadMs, firstTokenMs: (monitor.firstTokenAt || end) - started, totalMs: end - started },
  };
}

function eosIds(lm: CausalLm): number[] {
  const configured = (lm.model.generation_config as { eos_token_id?: number | number[] | null } | null)?.eos_token_id;
  if (configured === undefined || configured === null) return [];
  return Array.isArray(configured) ? configured : [configured];
}
