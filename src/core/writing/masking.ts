/**
 * Markdown translation without breaking its structure.
 *
 * `segmentForTranslation` parses the document (CommonMark + GFM, `markdownTree.ts`)
 * and cuts it into translate segments, one per paragraph, heading and table cell,
 * and verbatim segments: everything else (front matter, code, HTML blocks, math,
 * reference definitions, thematic breaks, list markers, `>`, table pipes, blank
 * lines). Inside a translate segment, the syntax between words is masked as `{N}`
 * tokens (`inlineMasking.ts`). The host sends each translate segment's `masked`
 * text to the model and calls `reassemble`.
 *
 * Failure policy: a segment whose translation lost, repeated or invented a token is
 * left in the original language (reported in `fallbacks`), so the document is never
 * broken; the host tells the user how many passages were left untranslated.
 */
import type { Nodes } from 'mdast';
import { endOf, parseMarkdown, startOf, walk } from '../markdownTree';
import { maskParts, phrasingParts, unmaskInline, type MaskedPassage, type Part } from './inlineMasking';
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

/** Drops syntax and whitespace at both ends of a passage's parts: they stay verbatim. */
function trimEnds(markdown: string, parts: Part[]): void {
  for (;;) {
    const first = parts[0];
    if (first && first.kind === 'text') while (first.start < first.end && /\s/.test(markdown[first.start])) first.start++;
    if (!first || (first.kind === 'text' && first.start < first.end)) break;
    parts.shift();
  }
  for (;;) {
    const last = parts[parts.length - 1];
    if (last && last.kind === 'text') while (last.end > last.start && /\s/.test(markdown[last.end - 1])) last.end--;
    if (!last || (last.kind === 'text' && last.start < last.end)) break;
    parts.pop();
  }
}

/** The blocks whose children are words: paragraphs, headings, table cells. */
function passages(markdown: string): { start: number; end: number; parts: Part[] }[] {
  const found: { start: number; end: number; parts: Part[] }[] = [];
  walk(parseMarkdown(markdown), (node: Nodes) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
    const children = node.children as Nodes[];
    if (children.length === 0) return false;
    const parts: Part[] = [];
    let cursor = startOf(children[0]);
    for (const child of children) {
      if (startOf(child) > cursor) parts.push({ kind: 'protect', start: cursor, end: startOf(child) });
      phrasingParts(markdown, child, parts);
      cursor = endOf(child);
    }
    // Syntax at either end stays outside the passage: fewer tokens for the model.
    trimEnds(markdown, parts);
    if (parts.length > 0) found.push({ start: parts[0].start, end: parts[parts.length - 1].end, parts });
    return false;
  });
  return found;
}

/** The document as verbatim and translate segments; their texts concatenated are the document. */
export function segmentForTranslation(markdown: string): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  const addVerbatim = (end: number) => {
    if (end <= cursor) return;
    const text = markdown.slice(cursor, end);
    const last = segments[segments.length - 1];
    if (last?.kind === 'verbatim') last.text += text;
    else segments.push({ kind: 'verbatim', text });
    cursor = end;
  };
  for (const passage of passages(markdown)) {
    const masked = maskParts(markdown, passage.parts);
    // Nothing to translate once the protected spans are out (a number, a lone symbol).
    if (!/\p{L}/u.test(masked.masked.replace(/\{\d+\}/g, ''))) continue;
    addVerbatim(passage.start);
    segments.push({ kind: 'translate', text: markdown.slice(passage.start, passage.end), masked: masked.masked, passage: masked });
    cursor = passage.end;
  }
  addVerbatim(markdown.length);
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
    // A one-line passage (heading, table cell) stays on one line; others keep their line prefix.
    const restored = unmaskInline(segment.passage, translations[index].trim());
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
  const protect = (original: string) => token(spans.push({ text: original, glue: 'none' }) - 1);
  for (const segment of segmentForTranslation(markdown)) {
    if (segment.kind === 'verbatim') {
      // Surrounding line breaks and blank lines stay as they are; the rest becomes one token.
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(segment.text) ?? ['', '', segment.text, ''];
      text += m[1] + (m[2] ? protect(m[2]) : '') + m[3];
      continue;
    }
    const offset = spans.length;
    spans.push(...segment.passage.spans);
    let breakIndex = 0;
    text += segment.masked.replace(/\{(\d+)\}|\n/g, (_: string, n: string | undefined) => {
      if (n !== undefined) return token(Number(n) + offset);
      // A soft break keeps its line end; the next line's prefix (`> `, indentation) becomes a token.
      const original = segment.passage.lineBreaks[breakIndex++] ?? '\n';
      const eol = /^[ \t]*(\r\n|\n|\r)/.exec(original);
      const prefix = original.slice(eol?.[0].length ?? 0);
      return (eol?.[0] ?? '\n') + (prefix ? protect(prefix) : '');
    });
  }
  if (crlf) text = text.replace(/\r\n/g, '\n');
  return {
    text,
    placeholders: spans.length,
    restore: (translated) => restorePlaceholders(crlf ? translated.replace(/\r?\n/g, '\r\n') : translated, spans),
  };
}
