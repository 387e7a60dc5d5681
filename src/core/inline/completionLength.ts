/**
 * How much text one suggestion should cover (the `length` setting).
 */

export const COMPLETION_LENGTHS = ['word', 'sentence', 'line', 'paragraph'] as const;

/** `word`: the next word; `sentence`: to the end of the sentence; `line`: to the end of the line; `paragraph`: to the next blank line. */
export type CompletionLength = (typeof COMPLETION_LENGTHS)[number];

/** Type guard for values read from settings. */
export function isCompletionLength(value: unknown): value is CompletionLength {
  return typeof value === 'string' && (COMPLETION_LENGTHS as readonly string[]).includes(value);
}
