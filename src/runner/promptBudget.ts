/**
 * Bounds a local prompt before it reaches the tokenizer and the model: a
 * prompt costs memory and time in proportion to its length, and a model reads
 * only so many tokens. A plain prompt (a continuation) keeps its end, which is
 * what the model continues; chat messages cannot be cut safely, so an
 * over-long conversation is refused with its size and the model's limit.
 */
import type { GenerateParams } from '../protocol';
import { RunnerErrorCode } from '../protocol';
import { runnerError } from './errors';
import type { CausalLm } from './modelStore';
import { encode, promptText, type Encoded } from './textGeneration';
import { contextLimit } from './tokenCount';

/** Characters read per token of the limit, at most, before tokenizing (a token is rarely over 8 characters). */
const CHARS_PER_TOKEN_CEILING = 8;

/** The encoded prompt, at most `limit - maxNewTokens` tokens (at least a quarter of the limit). */
export function boundedPrompt(lm: CausalLm, params: GenerateParams): Encoded {
  const limit = contextLimit(lm);
  const budget = Math.max(Math.floor(limit / 4), limit - params.maxNewTokens);
  const chat = !!params.messages && params.messages.length > 0;
  let text = promptText(lm, params);
  const maxChars = limit * CHARS_PER_TOKEN_CEILING;
  if (text.length > maxChars) {
    if (chat) throw tooLong(`${text.length.toLocaleString('en')} characters`, limit);
    text = text.slice(-maxChars);
    // Never start with the low half of a surrogate pair.
    if (/^[\udc00-\udfff]/.test(text)) text = text.slice(1);
  }
  const encoded = encode(lm, text);
  const tokens = encoded.input_ids.dims.at(-1) ?? 0;
  if (tokens <= budget) return encoded;
  if (chat) throw tooLong(`${tokens} tokens`, limit);
  return { input_ids: encoded.input_ids.slice(null, [tokens - budget, tokens]), attention_mask: encoded.attention_mask.slice(null, [tokens - budget, tokens]) };
}

function tooLong(size: string, limit: number): Error {
  return runnerError(RunnerErrorCode.InvalidParams, `The request is too long for the model: ${size}, and it reads at most ${limit} tokens. Select less text.`);
}
