/** Runner contract, part: the Playground: several sequences side by side, with each token's probability. */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { ChatMessage, GenerateResult, ModelRef, SamplingParams, Timings } from './index';

/** A token the model could have written instead, with its probability (0..1). */
export interface TokenAlternative {
  text: string;
  probability: number;
}

/** One generated token and how sure the model was of it. */
export interface TokenConfidence {
  text: string;
  /** Probability in the distribution it was drawn from (after temperature, top-k, top-p); for greedy decoding, the model's own. */
  probability: number;
  /** Probability in the model's raw distribution (softmax of the logits, temperature 1, nothing cut). */
  rawProbability?: number;
  /** The most likely tokens of that same distribution, most likely first (top 5). */
  alternatives: TokenAlternative[];
}

export interface PlaygroundParams extends ModelRef, SamplingParams {
  task: 'text-generation' | 'instruction';
  /** A raw prompt, or chat messages rendered with the instruction model's chat template. */
  prompt?: string;
  messages?: ChatMessage[];
  /** Sequences sampled side by side (1 to 5). */
  sequences: number;
  /** `playgroundTokens` notifications carry this id. */
  streamId?: string;
}

/** Tokens of one sequence as they are generated (before stop strings are applied; the result is final). */
export interface PlaygroundTokensParams {
  streamId: string;
  sequence: number;
  tokens: TokenConfidence[];
  /** Text without probabilities (a server that returns no `logprobs`). */
  text?: string;
}

export interface PlaygroundSequence {
  text: string;
  /** The tokens of `text` (cut at a stop string like the text). */
  tokens: TokenConfidence[];
  generatedTokens: number;
  finishReason: GenerateResult['finishReason'];
}

export interface PlaygroundResult {
  sequences: PlaygroundSequence[];
  promptTokens: number;
  timings: Timings;
  /** Where token probabilities came from; 'none' when the server did not return `logprobs` (the text is still there). */
  confidence: 'local' | 'server' | 'none';
}

export const PlaygroundMethods = {
  generate: new RequestType<PlaygroundParams, PlaygroundResult, void>('inkwell/playgroundGenerate'),
} as const;

export const PlaygroundNotifications = {
  tokens: new NotificationType<PlaygroundTokensParams>('inkwell/playgroundTokens'),
} as const;
