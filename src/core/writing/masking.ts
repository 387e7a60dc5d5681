/**
 * Markdown translation without breaking its structure.
 *
 * `segmentForTranslation` cuts a document into verbatim segments (front matter, code,
 * blank lines, line structure: never sent to the model) and translate segments (one
 * paragraph, heading, list item or table cell each), whose inline code, URLs, link
 * targets, HTML tags and `{placeholders}` are masked as `{N}` tokens. The host sends
 * each translate segment's `masked` text to the model and calls `reassemble`.
 *
 * Failure policy: a segment whose translation lost, repeated or invented a token is
 * left in the original language (reported in `fallbacks`), so the document is never
 * broken; the host tells the user how many passages were left untranslated.
 */
import { maskInline, unmaskInline, type MaskedPassage } from './inlineMasking';
import { markdownBlocks } from './markdownBlocks';
import { restorePlaceholders, token, type Protected, type RestoreResult } from './placeholders';

export type { RestoreResult } from './placeholders';

export type Segment =
  | { kind: 'verbatim'; text: string }
  | {
      kind: 'translate';
      /** The original text. */
      text: string;
      /** What to send to the model: `text` with protected spans as `{N}` tokens. */
      masked: string;
      passage: MaskedPassage;
    };

export interface SegmentFallback {
  /** Index among the translate segments (the index into `translations`). */
  index: number;
  missing: number[];
  duplicated: number[];
  unknown: number[];
}

export interface Reassembled {
  text: string;
  /** Segments left untranslated because their tokens did not come back intact. */
  fallbacks: SegmentFallback[];
}

/** The document as verbatim and translate segments; their texts concatenated are the document. */
export function segmentForTranslation(markdown: string): Segment[] {
  const segments: Segment[] = [];
  const addVerbatim = (text: string) => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    if (last?.kind === 'verbatim') last.text += text;
    else segments.push({ kind: 'verbatim', text });
  };
  for (const piece of markdownBlocks(markdown)) {
    if (piece.kind === 'verbatim') {
      addVerbatim(piece.text);
      continue;
    }
    const passage = maskInline(piece.text);
    // Nothing to translate once the protected spans are out (an image, a URL, a number).
    if (!/\p{L}/u.test(passage.masked)) addVerbatim(piece.text);
    else segments.push({ kind: 'translate', text: piece.text, masked: passage.masked, passage });
  }
  return segments;
}

/** The translate segments' masked texts, in order: what to send to the model. */
export function textsToTranslate(segments: readonly Segment[]): string[] {
  return segments.flatMap((s) => (s.kind === 'translate' ? [s.masked] : []));
}

/**
 * The document with each translate segment replaced by its translation (tokens
 * restored). `translations[i]` is the model's output for the i-th translate segment.
 */
export function reassemble(segments: readonly Segment[], translations: readonly string[]): Reassembled {
  const expected = segments.filter((s) => s.kind === 'translate').length;
  if (translations.length !== expected) {
    throw new Error(`reassemble: ${translations.length} translations for ${expected} translate segments`);
  }
  const fallbacks: SegmentFallback[] = [];
  let text = '';
  let index = 0;
  for (const segment of segments) {
    if (segment.kind === 'verbatim') {
      text += segment.text;
      continue;
    }
    let translated = translations[index].trim();
    // A one-line passage (heading, list item, table cell) must stay on one line.
    if (!/[\r\n]/.test(segment.text)) translated = translated.replace(/\s*[\r\n]+\s*/g, ' ');
    const restored = unmaskInline(segment.passage, translated);
    if (restored.ok && restored.text !== '') text += restored.text;
    else {
      text += segment.text;
      fallbacks.push({ index, missing: restored.missing, duplicated: restored.duplicated, unknown: restored.unknown });
    }
    index++;
  }
  return { text, fallbacks };
}

export interface MaskedDocument {
  /** The whole document with everything protected (code blocks included) as `{N}` tokens. */
  text: string;
  /** Puts the protected parts back into a translation of `text`. */
  restore(translated: string): RestoreResult;
  /** How many tokens `text` holds. */
  placeholders: number;
}

/**
 * The whole document masked in one text, for a model that takes one input. Prefer
 * `segmentForTranslation`: here the model does see (tokens for) the code blocks, and one
 * lost token fails the whole document (`restore(...).ok` is false).
 */
export function maskForTranslation(markdown: string): MaskedDocument {
  const crlf = /\r\n/.test(markdown) && !/(?<!\r)\n/.test(markdown);
  const spans: Protected[] = [];
  let text = '';
  for (const segment of segmentForTranslation(markdown)) {
    if (segment.kind === 'verbatim') {
      // Line breaks and blank lines stay as they are; anything else becomes one token.
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(segment.text) ?? ['', '', segment.text, ''];
      text += m[1];
      if (m[2] !== '') text += token(spans.push({ text: m[2], glue: 'none' }) - 1);
      text += m[3];
      continue;
    }
    const offset = spans.length;
    spans.push(...segment.passage.spans);
    const masked = segment.passage.crlf && !crlf ? segment.masked.replace(/\n/g, '\r\n') : segment.masked;
    text += masked.replace(/\{(\d+)\}/g, (_, n: string) => token(Number(n) + offset));
  }
  if (crlf) text = text.replace(/\r\n/g, '\n');
  return {
    text,
    placeholders: spans.length,
    restore: (translated) => restorePlaceholders(crlf ? translated.replace(/\r?\n/g, '\r\n') : translated, spans),
  };
}
