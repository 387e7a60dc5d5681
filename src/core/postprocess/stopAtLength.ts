/**
 * Cuts a completion to the configured length: the first word, sentence, line or paragraph.
 * Leading whitespace (a space, or line breaks when the model starts a new line) is kept
 * and does not count: "the first line" is the first line with content.
 */
import { findSentenceEnd } from '../sentenceEnd';
import { leadingWhitespaceLength, lineBreakAt, paragraphEnd } from './lines';
import type { PostprocessContext, PostprocessFilter } from './types';

/** A line break followed by the start of a new Markdown block: heading, list item, quote, fence, table. */
const BLOCK_START = /\r?\n[ \t]*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|```|~~~|\|)/;

function wordEnd(text: string): number {
  const m = /^\s*\S+/u.exec(text);
  return m ? m[0].length : text.length;
}

function sentenceEnd(text: string, ctx: PostprocessContext): number {
  const lead = leadingWhitespaceLength(text);
  const ends = [paragraphEnd(text, ctx.comment)];
  const sentence = findSentenceEnd(text.slice(lead), ctx.prefix + text.slice(0, lead));
  if (sentence !== -1) ends.push(lead + sentence);
  if (!ctx.comment) {
    const block = BLOCK_START.exec(text.slice(lead));
    if (block) ends.push(lead + block.index);
  }
  return Math.min(...ends);
}

/** Offset where the first `ctx.length` unit of `text` ends (`text.length` when it has not ended yet). */
export function lengthCut(text: string, ctx: PostprocessContext): number {
  switch (ctx.length) {
    case 'word':
      return wordEnd(text);
    case 'sentence':
      return sentenceEnd(text, ctx);
    case 'line':
      return lineBreakAt(text, leadingWhitespaceLength(text));
    case 'paragraph':
      return paragraphEnd(text, ctx.comment);
  }
}

/** Keeps the first `ctx.length` unit of the completion. */
export const stopAtLength: PostprocessFilter = (completion, ctx) => completion.slice(0, lengthCut(completion, ctx));
