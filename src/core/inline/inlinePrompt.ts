/**
 * Everything ghost text decides from the document before it asks the model, in one
 * pure step per keystroke: whether to suggest here at all, the prompt window (its start
 * stays put while you type, for KV-cache reuse), the suffix, and the cursor's comment
 * and Markdown context (parsed once). The provider is VS Code glue around it.
 */
import { estimateTokensByChars, type TokenEstimator } from '../text/tokenEstimate';
import { commentContextAt, type CommentContext } from './commentContext';
import { markdownHint, MarkdownContextReader, type MarkdownContext } from './markdownContext';
import { choosePrefixStart, type PrefixWindow } from './prefixWindow';
import { DEFAULT_MAX_SUFFIX_TOKENS, keepHead } from './tokenBudget';
import { contextSkipReason, cursorSkipReason, type SkipReason } from './triggerRules';

export interface InlinePromptOptions {
  languageId: string;
  /** Token budget of the text before the cursor (`inkwell.inline.contextTokens`). */
  maxPrefixTokens: number;
  /** Token budget of the text after the cursor (default 256). */
  maxSuffixTokens?: number;
  estimateTokens?: TokenEstimator;
  /** This document's Markdown reader, so a keystroke re-parses only the blocks near the cursor. */
  markdownReader?: MarkdownContextReader;
}

export interface Skipped {
  /** Why not to suggest at this cursor. */
  skip: SkipReason;
}

export interface InlinePrompt {
  skip: null;
  /** What the model continues: the prefix, after a one-line Markdown hint when the window starts below the top. */
  prompt: string;
  /** The text after the cursor, cut to its budget (for fill-in-the-middle and post-processing). */
  suffix: string;
  /** Where the prefix starts: give it back on the next keystroke. */
  window: PrefixWindow;
  /** All the text before the cursor (the cache key and the length rules read it). */
  before: string;
  /** The window's text: `before` from `window.start`. */
  prefix: string;
  /** The cursor's comment or docstring in code; null in prose. */
  comment: CommentContext | null;
  /** Markdown only: heading path, code fence, front matter. */
  markdown: MarkdownContext | null;
}

/** The Markdown hint as the prompt's first line: an HTML comment, which Markdown models read as a note. */
export const hintLine = (hint: string): string => `<!-- ${hint} -->\n`;

/** The prompt for a suggestion at `offset` in `text`, or why there is none. `previousWindow`: the window this returned last time in this document. */
export function buildInlinePrompt(text: string, offset: number, previousWindow: PrefixWindow | undefined, options: InlinePromptOptions): InlinePrompt | Skipped {
  const atCursor = cursorSkipReason(text, offset);
  if (atCursor) return { skip: atCursor };
  const { languageId } = options;
  const comment = commentContextAt(text, offset, languageId);
  let markdown: MarkdownContext | null = null;
  const markdownAt = () => (markdown ??= (options.markdownReader ?? new MarkdownContextReader()).at(text, offset));
  const inContext = contextSkipReason(languageId, comment, markdownAt);
  if (inContext) return { skip: inContext };

  const estimate = options.estimateTokens ?? estimateTokensByChars;
  const before = text.slice(0, offset);
  const window = choosePrefixStart(before, options.maxPrefixTokens, previousWindow, estimate);
  const prefix = before.slice(window.start);
  const suffix = keepHead(text.slice(offset), options.maxSuffixTokens ?? DEFAULT_MAX_SUFFIX_TOKENS, estimate);
  const hint = languageId === 'markdown' && window.start > 0 ? markdownHint(markdownAt()) : undefined;
  return { skip: null, prompt: (hint ? hintLine(hint) : '') + prefix, suffix, window, before, prefix, comment, markdown };
}
