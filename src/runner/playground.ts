/**
 * The Playground's `generate`: several sequences of one prompt sampled side by
 * side in one batch, each token reported with its probability and the top 5
 * alternatives, computed from the logits the generation already has.
 */
import { LogitsProcessor, LogitsProcessorList, random, StoppingCriteriaList, Tensor } from '@huggingface/transformers';
import type { CancellationToken } from 'vscode-jsonrpc';
import type { PlaygroundParams, PlaygroundResult, TokenConfidence } from '../protocol';
import type { CausalLm } from './modelStore';
import { SequencesMonitor, type StepRecord } from './sequencesMonitor';
import { encode, eosIds, promptText } from './textGeneration';
import { TopPLogitsWarper } from './topP';
import { runnerError } from './errors';
import { RunnerErrorCode } from '../protocol';

export interface PlaygroundHooks {
  token: CancellationToken;
  onTokens: (sequence: number, tokens: TokenConfidence[]) => void;
  /** Text that comes without probabilities (a server without `logprobs`). */
  onText?: (sequence: number, text: string) => void;
}

export const MAX_SEQUENCES = 5;

/** Copies the logits it sees (one row per sequence) into the step record, then applies `warp`. */
class LogitsRecorder extends LogitsProcessor {
  constructor(
    private readonly record: (data: Float32Array) => void,
    private readonly warp?: (data: Float32Array) => void,
  ) {
    super();
  }
  override _call(_inputIds: bigint[][], logits: Tensor): Tensor {
    const data = logits.data as Float32Array;
    this.record(data.slice());
    this.warp?.(data);
    return logits;
  }
}

export async function playgroundGenerate(lm: CausalLm, params: PlaygroundParams, loadMs: number, hooks: PlaygroundHooks): Promise<PlaygroundResult> {
  const n = Math.round(params.sequences);
  if (!(n >= 1 && n <= MAX_SEQUENCES)) throw runnerError(RunnerErrorCode.InvalidParams, `sequences must be 1 to ${MAX_SEQUENCES}, not ${params.sequences}.`);
  const started = performance.now();
  const encoded = encode(lm, promptText(lm, params));
  const promptTokens = encoded.input_ids.dims.at(-1) ?? 0;
  const temperature = params.temperature ?? 0;
  const sampled = temperature > 0;
  const topK = sampled ? (params.topK ?? 0) : 0;
  const step: StepRecord = { raw: new Float32Array(), processed: new Float32Array(), sampled, topK };

  const processors = new LogitsProcessorList();
  // Raw logits first; temperature is applied here (generate() gets 1) so the raw copy is the model's own.
  processors.push(new LogitsRecorder((data) => (step.raw = data), sampled && temperature !== 1 ? (data) => divide(data, temperature) : undefined));
  if (sampled && params.topP !== undefined && params.topP < 1) processors.push(new TopPLogitsWarper(params.topP));
  processors.push(new LogitsRecorder((data) => (step.processed = data)));

  const monitor = new SequencesMonitor(lm.tokenizer, { sequences: n, promptLength: promptTokens, stops: params.stop ?? [], eos: eosIds(lm), step, onTokens: hooks.onTokens });
  const stopping = new StoppingCriteriaList();
  stopping.push(monitor);
  const subscription = hooks.token.onCancellationRequested(() => monitor.interrupt());
  if (hooks.token.isCancellationRequested) monitor.interrupt();
  if (sampled && params.seed !== undefined) random.seed(params.seed);

  try {
    await lm.model.generate({
      input_ids: repeatRows(encoded.input_ids, n),
      attention_mask: repeatRows(encoded.attention_mask, n),
      max_new_tokens: params.maxNewTokens,
      do_sample: sampled,
      temperature: 1,
      top_k: topK,
      logits_processor: processors,
      stopping_criteria: stopping,
    } as Parameters<typeof lm.model.generate>[0]);
  } catch (err) {
    throw runnerError(RunnerErrorCode.GenerationFailed, `Generation failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    subscription.dispose();
  }
  const end = performance.now();
  return {
    sequences: monitor.results(),
    promptTokens,
    timings: { loadMs, firstTokenMs: (monitor.firstTokenAt || end) - started, totalMs: end - started },
    confidence: 'local',
  };
}

function divide(data: Float32Array, by: number): void {
  for (let i = 0; i < data.length; i++) data[i]! /= by;
}

/** The single prompt row repeated `n` times (same prompt, so no padding). */
function repeatRows(tensor: Tensor, n: number): Tensor {
  const row = tensor.data as BigInt64Array;
  const data = new BigInt64Array(row.length * n);
  for (let i = 0; i < n; i++) data.set(row, i * row.length);
  return new Tensor('int64', data, [n, row.length]);
}
