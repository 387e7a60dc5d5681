/**
 * Token counts estimated from characters, for budgets where the model's own
 * tokenizer is not at hand (the host, a remote server without a tokenize call).
 * The byte-level BPE tokenizers of the default models average about four
 * characters per token on English prose and code.
 */

/** Estimates how many tokens a text takes. Must grow (weakly) with the text. */
export type TokenEstimator = (text: string) => number;

/** Characters per token, on average. */
export const CHARS_PER_TOKEN = 4;

/** The default estimator: `CHARS_PER_TOKEN` characters per token, rounded up. */
export const estimateTokensByChars: TokenEstimator = (text) => Math.ceil(text.length / CHARS_PER_TOKEN);

/** Input tokens assumed for an inference server, which has its own tokenizer and does not say its limit. */
export const SERVER_INPUT_LIMIT = 4096;
