/**
 * Should an inline completion be requested at all? Cheap checks run before any model call.
 */
import { commentContextAt, type CommentContext } from './commentContext';
import { commentSyntax, isProseLanguage } from '../languages';
import { markdownContextAt } from './markdownContext';

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
}

export const DEFAULT_MAX_CHARS_RIGHT_OF_CURSOR = 8;

const WORD_CHAR = /^[\p{L}\p{N}\p{M}_]/u;

function restOfLine(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  return text.slice(offset, nl === -1 ? text.length : nl);
}

/** Why not to suggest at this cursor, or null to go ahead. */
export function skipReason(input: TriggerInput): SkipReason | null {
  const { text, offset, languageId } = input;
  const rest = restOfLine(text, offset);
  if (WORD_CHAR.test(rest)) return 'mid-word';
  const limit = input.maxCharsRightOfCursor ?? DEFAULT_MAX_CHARS_RIGHT_OF_CURSOR;
  if (rest.replace(/\s/g, '').length > limit) return 'text-right-of-cursor';

  if (isProseLanguage(languageId)) {
    if (languageId !== 'markdown') return null;
    const markdown = markdownContextAt(text, offset);
    if (markdown.inFrontMatter) return 'in-front-matter';
    if (markdown.inCodeFence) return 'in-code-block';
    return null;
  }
  if (!commentSyntax(languageId)) return 'unsupported-language';
  const comment = input.comment !== undefined ? input.comment : commentContextAt(text, offset, languageId);
  return comment ? null : 'not-in-comment';
}
