/**
 * Sentences of prose passages, with document offsets, split by `Intl.Segmenter` (Unicode sentence
 * boundaries: abbreviations like "e.g." are not special-cased, but decimals, quotes and CJK
 * punctuation are handled). Leading and trailing whitespace is not part of a sentence.
 */
import type { ProsePassage } from './proseText';

export interface Sentence {
  /** The sentence as the model reads it: its source with masked spans as spaces (`end - start` long). */
  text: string;
  /** Document offsets of the sentence's first character and just past its last. */
  start: number;
  end: number;
  /** Index of its passage (paragraph, heading, table cell) in the passages given. */
  passage: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, s);
  }
  return s;
}

/** For messages: whitespace runs collapsed to one space. */
export function readable(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function splitSentences(passages: readonly ProsePassage[], locale = 'en'): Sentence[] {
  const out: Sentence[] = [];
  passages.forEach((passage, index) => {
    // A line break inside a paragraph is a soft break, not a sentence end (UAX #29 breaks at every one).
    const flat = passage.text.replace(/[\r\n]/g, ' ');
    for (const { segment, index: at } of segmenter(locale).segment(flat)) {
      const lead = segment.length - segment.trimStart().length;
      const trimmed = segment.trim();
      if (!/\p{L}/u.test(trimmed)) continue;
      const start = passage.start + at + lead;
      out.push({ text: trimmed, start, end: start + trimmed.length, passage: index });
    }
  });
  return out;
}
