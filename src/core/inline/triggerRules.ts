/**
 * Should an inline completion be requested at all? Cheap checks run before any model call.
 */
import { commentContextAt, type CommentContext } from './commentContext';
import { commentSyntax, isProseLanguage } from '../languages';
import { markdownContextAt, type MarkdownContext } from './markdownContext';

export type SkipReason =
  | 'mid-word'
  | 'text-right-of-cursor'
  | 'in-code-block'
  | 'in-front-matter'
  | 'not-in-comment'
  | 'unsupported-language';

export interface TriggerInput {
  text: string;
  offset: number;
  languageId: string;
  /** Skip when the rest of the line has more than this many non-whitespace characters (default 8). */
  maxCharsRightOfCursor?: number;
  /** The cursor's comment context when the caller already has it; computed when omitted. */
  comment?: CommentContext | null;
  /** Markdown only: the cursor's Markdown context when the caller already has it; parsed when omitted. */
  markdown?: MarkdownContext;
}

export const DEFAULT_MAX_CHARS_RIGHT_OF_CURSOR = 8;

const WORD_CHAR = /^[\p{L}\p{N}\p{M}_]/u;

function restOfLine(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  return text.slice(offset, nl === -1 ? text.length : nl);
}

/** The checks on the cursor's line alone (no parsing): mid-word, or too much text right of the cursor. */
export function cursorSkipReason(text: string, offset: number, maxCharsRightOfCursor = DEFAULT_MAX_CHARS_RIGHT_OF_CURSOR): SkipReason | null {
  const rest = restOfLine(text, offset);
  if (WORD_CHAR.test(rest)) return 'mid-word';
  if (rest.replace(/\s/g, '').length > maxCharsRightOfCursor) return 'text-right-of-cursor';
  return null;
}

/** The checks on where the cursor is in the document's structure: Markdown code and front matter, comments in code. */
export function contextSkipReason(languageId: string, comment: CommentContext | null, markdown: () => MarkdownContext): SkipReason | null {
  if (isProseLanguage(languageId)) {
    if (languageId !== 'markdown') return null;
    const context = markdown();
    if (context.inFrontMatter) return 'in-front-matter';
    if (context.inCodeFence) return 'in-code-block';
    return null;
  }
  if (!commentSyntax(languageId)) return 'unsupported-language';
  return comment ? null : 'not-in-comment';
}

/** Why not to suggest at this cursor, or null to go ahead. */
export function skipReason(input: TriggerInput): SkipReason | null {
  const { text, offset, languageId } = input;
  const atCursor = cursorSkipReason(text, offset, input.maxCharsRightOfCursor);
  if (atCursor) return atCursor;
  const comment = input.comment !== undefined ? input.comment : isProseLanguage(languageId) || !commentSyntax(languageId) ? null : commentContextAt(text, offset, languageId);
  return contextSkipReason(languageId, comment, () => input.markdown ?? markdownContextAt(text, offset));
}
