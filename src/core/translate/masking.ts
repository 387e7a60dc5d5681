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
import { endOf, parseMarkdown, startOf, walk } from '../text/markdownTree';
import { maskParts, phrasingParts, unmaskInline, type MaskedPassage, type Part } from './inlineMasking';

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
