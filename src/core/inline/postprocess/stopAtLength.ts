/**
 * Cuts a completion to the configured length: the first word, sentence, line or paragraph.
 * Leading whitespace (a space, or line breaks when the model starts a new line) is kept
 * and does not count: "the first line" is the first line with content.
 */
import { findSentenceEnd } from '../../text/sentenceEnd';
import { leadingWhitespaceLength, lineBreakAt, paragraphEnd } from './lines';
import type { PostprocessContext, PostprocessFilter } from './types';

/** A line break followed by the start of a new Markdown block: heading, list item, quote, fence, table. */
const BLOCK_START = /\r?\n[ \t]*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|```|~~~|\|)/;

/** Word boundaries by the Unicode rules with ICU's dictionaries: Chinese, Japanese and Thai have no spaces between words. */
const WORDS = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * End of the first word after leading whitespace, with the punctuation attached to
 * it ("word," "don't" "foo-bar"). A second word right after the first, with nothing
 * between them, starts a new word (我们|今天, สวัสดี|ครับ).
 */
function wordEnd(text: string): number {
  const lead = leadingWhitespaceLength(text);
  let end = lead;
  let previousWasWord = false;
  let seenWord = false;
  for (const { segment, index, isWordLike } of WORDS.segment(text.slice(lead))) {
    if (/^\s/u.test(segment)) break;
    if (isWordLike && seenWord && previousWasWord) break;
    seenWord ||= !!isWordLike;
    previousWasWord = !!isWordLike;
    end = lead + index + segment.length;
  }
  return end === lead ? text.length : end;
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
