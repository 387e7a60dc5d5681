/**
 * Map-reduce summarization of a text longer than the model's input: summarize each
 * chunk (map), then group the partial summaries into inputs that fit and summarize
 * those (reduce), round after round, until one summary remains. The model call is
 * injected, so this file stays pure and testable with a fake summarizer.
 */
import type { TokenEstimator } from '../text/tokenEstimate';
import { chunkText } from '../chunking/chunker';

/** What the host shows while it works: "Summarizing part 3 of 12", "Combining summaries (round 2): part 1 of 2". */
export interface MapReduceProgress {
  phase: 'map' | 'reduce';
  /** 0 for the map phase, 1 for the first reduce round, … */
  round: number;
  /** 1-based index of the part being summarized in this round. */
  part: number;
  /** Parts in this round. */
  parts: number;
}

export type Summarize = (input: string, progress: MapReduceProgress) => Promise<string>;

export interface MapReduceOptions {
  /** The most tokens one model input may have. */
  budget: number;
  countTokens: TokenEstimator;
  /** Joins partial summaries in a reduce input (default a blank line). */
  separator?: string;
  /** Stop after this many reduce rounds (default 6). */
  maxRounds?: number;
}

export interface MapReduceResult {
  summary: string;
  /** Model calls made. */
  calls: number;
  /** Reduce rounds run (0 when the text fit in one input). */
  rounds: number;
  /**
   * False when the summaries stopped getting shorter (or `maxRounds` ran out): then
   * `summary` is the remaining partial summaries joined, longer than one input.
   */
  converged: boolean;
}

/**
 * Groups partial summaries, in order, into as few inputs as fit the budget (greedy).
 * A summary that alone is over the budget is chunked like any text.
 */
export function groupForReduce(summaries: readonly string[], budget: number, countTokens: TokenEstimator, separator = '\n\n'): string[] {
  const inputs: string[] = [];
  let current: string | undefined;
  for (const raw of summaries) {
    const summary = raw.trim();
    if (summary === '') continue;
    const joined = current === undefined ? summary : current + separator + summary;
    if (countTokens(joined) <= budget) {
      current = joined;
      continue;
    }
    if (current !== undefined) inputs.push(current);
    current = undefined;
    if (countTokens(summary) <= budget) current = summary;
    else inputs.push(...chunkText(summary, budget, countTokens).map((c) => c.text));
  }
  if (current !== undefined) inputs.push(current);
  return inputs;
}

/** Summarizes `text` with as many model calls as its length needs. */
export async function runMapReduce(text: string, options: MapReduceOptions, summarize: Summarize): Promise<MapReduceResult> {
  const { budget, countTokens, separator = '\n\n', maxRounds = 6 } = options;
  let calls = 0;
  const runRound = async (inputs: readonly string[], phase: 'map' | 'reduce', round: number) => {
    const outputs: string[] = [];
    for (const [i, input] of inputs.entries()) {
      calls++;
      outputs.push((await summarize(input, { phase, round, part: i + 1, parts: inputs.length })).trim());
    }
    return outputs;
  };

  let summaries = await runRound(chunkText(text, budget, countTokens).map((c) => c.text), 'map', 0);
  let rounds = 0;
  while (summaries.length > 1) {
    const inputs = groupForReduce(summaries, budget, countTokens, separator);
    // No two summaries fit together, or the round limit is reached: more rounds would not converge.
    if (inputs.length >= summaries.length || rounds >= maxRounds) {
      return { summary: summaries.join(separator), calls, rounds, converged: false };
    }
    rounds++;
    summaries = await runRound(inputs, 'reduce', rounds);
  }
  return { summary: summaries[0] ?? '', calls, rounds, converged: true };
}
