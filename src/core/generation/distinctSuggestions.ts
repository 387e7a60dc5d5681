/**
 * "n distinct suggestions", the one policy for local models and remote servers:
 * the first attempt follows the request's temperature, later ones are sampled
 * (at least `ALTERNATIVE_TEMPERATURE`) until `n` distinct texts are in hand, with
 * two spare attempts for repeats. A cancelled attempt ends the collection and
 * its texts are not kept.
 */

/** The most suggestions one request asks for. */
export const MAX_SUGGESTIONS = 3;

/** Temperature for the extra, sampled suggestions when the first is greedy. */
export const ALTERNATIVE_TEMPERATURE = 0.8;

/** Attempts beyond `n`, for samples that repeat an earlier text. */
const SPARE_ATTEMPTS = 2;

/** How many suggestions a request for `n` gets: 1 to `MAX_SUGGESTIONS`. */
export function suggestionCount(n: number): number {
  return Math.min(MAX_SUGGESTIONS, Math.max(1, Math.round(n)));
}

export interface SuggestionAttempt {
  /** 0 for the first attempt. */
  index: number;
  /** The request's temperature for the first attempt, then at least `ALTERNATIVE_TEMPERATURE`. */
  temperature: number | undefined;
  /** Distinct texts still wanted. */
  missing: number;
}

export interface AttemptOutcome {
  texts: readonly string[];
  cancelled: boolean;
}

/** Runs `attempt` until `n` distinct texts are collected, the spare attempts are used up, or `cancelled()`. */
export async function collectDistinctSuggestions(n: number, temperature: number | undefined, cancelled: () => boolean, attempt: (next: SuggestionAttempt) => Promise<AttemptOutcome>): Promise<string[]> {
  const wanted = suggestionCount(n);
  const texts: string[] = [];
  for (let index = 0; texts.length < wanted && index < wanted + SPARE_ATTEMPTS && !cancelled(); index++) {
    const next = { index, temperature: index === 0 ? temperature : Math.max(temperature ?? 0, ALTERNATIVE_TEMPERATURE), missing: wanted - texts.length };
    const outcome = await attempt(next);
    if (outcome.cancelled) break;
    for (const text of outcome.texts) if (texts.length < wanted && !texts.includes(text)) texts.push(text);
  }
  return texts;
}
