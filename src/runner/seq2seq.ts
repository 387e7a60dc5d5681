import { StoppingCriteriaList } from '@huggingface/transformers';
import type { Seq2SeqResult, TranslateParams } from '../protocol';
import { RunnerErrorCode } from '../protocol';
import { runnerError } from './errors';
import { GenerationMonitor } from './generationMonitor';
import type { GenerationHooks } from './textGeneration';
import type { Seq2Seq } from './modelStore';
import { inputLimit, tokenCount } from './tokenCount';

/** Summarizes or translates one piece of text that fits the model, streaming the output. */
export async function runSeq2Seq(s2s: Seq2Seq, params: TranslateParams, loadMs: number, hooks: GenerationHooks): Promise<Seq2SeqResult> {
  if (!params.text.trim()) throw runnerError(RunnerErrorCode.InvalidParams, 'There is no text to process.');
  const tokens = tokenCount(s2s.pipe.tokenizer, params.text);
  const limit = inputLimit(s2s);
  if (tokens > limit) {
    throw runnerError(RunnerErrorCode.InvalidParams, `The text is ${tokens} tokens long; this model reads at most ${limit}. Split it into smaller parts first.`);
  }
  const started = performance.now();
  // Decoder ids start with the decoder start token: one "prompt" token.
  const monitor = new GenerationMonitor(s2s.pipe.tokenizer, 1, [], hooks.onText);
  const subscription = hooks.token.onCancellationRequested(() => monitor.interrupt());
  const stopping = new StoppingCriteriaList();
  stopping.push(monitor);
  const options: Record<string, unknown> = {
    max_new_tokens: params.maxNewTokens,
    min_new_tokens: params.minNewTokens ?? null,
    stopping_criteria: stopping,
  };
  if (params.srcLang) options.src_lang = params.srcLang;
  if (params.tgtLang) options.tgt_lang = params.tgtLang;
  try {
    await (s2s.pipe as unknown as (text: string, options: Record<string, unknown>) => Promise<unknown>)(params.text, options);
  } catch (err) {
    throw runnerError(RunnerErrorCode.GenerationFailed, `Generation failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    subscription.dispose();
  }
  const text = monitor.finish().trim();
  const end = performance.now();
  return { finishReason: monitor.interrupted ? 'cancelled' : 'done', text, timings: { loadMs, firstTokenMs: (monitor.firstTokenAt || end) - started, totalMs: end - started } };
}
