/**
 * The prompt for the suggestion that follows the one on screen: the document as it will
 * read once the user has typed (or accepted) the shown suggestion. The provider asks for
 * it ahead of time, so the next suggestion is ready when the user reaches this one's end.
 */
import { buildInlinePrompt, type InlinePrompt, type InlinePromptOptions, type Skipped } from './inlinePrompt';
import type { PrefixWindow } from './prefixWindow';

/** The prompt at the end of `shown` inserted at `offset`, or why no suggestion would be asked for there. */
export function nextSuggestionPrompt(
  text: string,
  offset: number,
  shown: string,
  previousWindow: PrefixWindow | undefined,
  options: InlinePromptOptions,
): InlinePrompt | Skipped | { skip: 'nothing-shown' } {
  if (shown.trim() === '') return { skip: 'nothing-shown' };
  const after = text.slice(0, offset) + shown + text.slice(offset);
  return buildInlinePrompt(after, offset + shown.length, previousWindow, options);
}
