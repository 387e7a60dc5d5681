/**
 * Masks the parts of one Markdown passage (a paragraph, a heading or a table
 * cell, as the parser found it) that a translation must not touch, replacing
 * each with a `{N}` token. Only the source of `text` nodes is sent as words;
 * everything between them is syntax and is protected: emphasis markers, link
 * brackets and destinations, full reference labels, shortcut and collapsed
 * references (their text IS the label), autolinks, images (their alt text stays
 * translatable when it is plain), code spans, raw HTML, math, footnote
 * references, hard breaks. Inside text: backslash escapes, character
 * references, bare URLs and `{placeholders}`. Soft line breaks (with the
 * container prefix of the next line, `> ` or indentation) become `\n`.
 */
import type { Nodes } from 'mdast';
import { endOf, startOf } from '../text/markdownTree';
import { restorePlaceholders, TOKEN_PATTERN, token, type Glue, type Protected, type RestoreResult } from './placeholders';

export interface MaskedPassage {
  /** What the model sees: words, `{N}` tokens, and `\n` for each soft line break. */
  masked: string;
  /** Token `{i}` stands for `spans[i].text`. */
  spans: Protected[];
  /** The source text of each soft line break (`\n`, `\r\n> `, `\n   `), in order. */
  lineBreaks: string[];
}

/** A run of the passage's source: words, protected syntax, or a soft line break. */
export interface Part {
  kind: 'text' | 'protect' | 'break';
  start: number;
  end: number;
}

/** Inside a text node's source: things that are not words. */
const IN_TEXT = new RegExp(
  [
    /(?<break>[ \t]*\r?\n[ \t>]*|[ \t]*\r[ \t>]*)/.source,
    /\\[!-/:-@[-`{-~]/.source, // backslash escape
    /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.source, // character reference
    /\{\{[^{}\n]{0,200}\}\}/.source, // {{count}}
    /\{[ \t]*[\w.$:@#-]+(?:[ \t]*,[^{}\n]{0,80})?[ \t]*\}/.source, // {name}, {0}, {count, number}
    TOKEN_PATTERN.source, // text that looks like one of our tokens
    /(?<![\p{L}\p{N}_])(?:https?|ftp):\/\/[^\s<>"'`]*[^\s<>"'`.,;:!?*_~)]/u.source, // bare URL
  ].join('|'),
  'gu',
);

/** Syntax that opens something touching the next word: `[`, `![`, `**`, `_`, `~~`. */
const OPENER = /^[!*_~[]+$/;
/** Syntax that closes something touching the previous word: `**`, `](url)`, `][label]`. */
const CLOSER = /^(?:[*_~]+|\][\s\S]*)$/;

/** A line break in a model's translation, with the spaces around it. */
const LINE_BREAK = /[ \t]*(?:\r\n|\n|\r)\s*/g;

/** The parts of a text node's source `[start, end)`. */
function textParts(source: string, start: number, end: number, out: Part[]): void {
  const slice = source.slice(start, end);
  let from = 0;
  for (const m of slice.matchAll(IN_TEXT)) {
    if (m[0] === '') continue;
    if (m.index > from) out.push({ kind: 'text', start: start + from, end: start + m.index });
    out.push({ kind: m.groups?.['break'] ? 'break' : 'protect', start: start + m.index, end: start + m.index + m[0].length });
    from = m.index + m[0].length;
  }
  if (from < slice.length) out.push({ kind: 'text', start: start + from, end });
}

/** Children translatable, the syntax around and between them protected. */
function containerParts(source: string, node: Nodes, out: Part[]): void {
  const children = 'children' in node ? (node.children as Nodes[]) : [];
  if (children.length === 0) return void out.push({ kind: 'protect', start: startOf(node), end: endOf(node) });
  let cursor = startOf(node);
  for (const child of children) {
    if (startOf(child) > cursor) out.push({ kind: 'protect', start: cursor, end: startOf(child) });
    phrasingParts(source, child, out);
    cursor = endOf(child);
  }
  if (endOf(node) > cursor) out.push({ kind: 'protect', start: cursor, end: endOf(node) });
}

/** `![alt](…)`: the alt text is words when it is plain (no brackets, code, escapes or markup). */
function imageParts(source: string, node: Nodes, out: Part[]): void {
  const start = startOf(node);
  const end = endOf(node);
  const close = source.indexOf(']', start);
  const alt = close > start + 2 && close < end ? source.slice(start + 2, close) : '';
  if (!alt || !/\p{L}/u.test(alt) || /[[\]`\\*_<>&!~$\r\n]/.test(alt)) return void out.push({ kind: 'protect', start, end });
  out.push({ kind: 'protect', start, end: start + 2 });
  textParts(source, start + 2, close, out);
  out.push({ kind: 'protect', start: close, end });
}

/** The parts of one phrasing node. */
export function phrasingParts(source: string, node: Nodes, out: Part[]): void {
  switch (node.type) {
    case 'text':
      return textParts(source, startOf(node), endOf(node), out);
    case 'emphasis':
    case 'strong':
    case 'delete':
      return containerParts(source, node, out);
    case 'link':
      // `[text](url)`: the text is words. `<url>` and GFM's literal `www.x.com` are protected whole.
      return source[startOf(node)] === '[' ? containerParts(source, node, out) : void out.push({ kind: 'protect', start: startOf(node), end: endOf(node) });
    case 'linkReference':
      return node.referenceType === 'full' ? containerParts(source, node, out) : void out.push({ kind: 'protect', start: startOf(node), end: endOf(node) });
    case 'image':
      return imageParts(source, node, out);
    default:
      // inlineCode, html, inlineMath, footnoteReference, break, imageReference, anything new.
      out.push({ kind: 'protect', start: startOf(node), end: endOf(node) });
  }
}

/** The masked passage for `parts` (ordered, contiguous) of `source`. */
export function maskParts(source: string, parts: readonly Part[]): MaskedPassage {
  const spans: Protected[] = [];
  const lineBreaks: string[] = [];
  let masked = '';
  const isWordChar = (i: number) => i >= 0 && i < source.length && !/\s/.test(source[i]);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind === 'text') {
      masked += source.slice(part.start, part.end);
      continue;
    }
    if (part.kind === 'break') {
      lineBreaks.push(source.slice(part.start, part.end));
      masked += '\n';
      continue;
    }
    // Adjacent protected parts become one token: fewer tokens for the model to keep.
    let end = part.end;
    while (parts[i + 1]?.kind === 'protect' && parts[i + 1].start === end) end = parts[++i].end;
    const before = isWordChar(part.start - 1) && parts[i - 1]?.kind === 'text';
    const after = isWordChar(end) && parts[i + 1]?.kind === 'text';
    const text = source.slice(part.start, end);
    // Only emphasis markers and link brackets hug a word; a model's spaces beside them are removed.
    const glue: Glue = after && !before && OPENER.test(text) ? 'next' : before && !after && CLOSER.test(text) ? 'previous' : 'none';
    spans.push({ text, glue });
    masked += token(spans.length - 1);
  }
  return { masked, spans, lineBreaks };
}

/**
 * Puts the protected spans back into a model's translation of `passage.masked`.
 * Line breaks in the translation get the passage's line breaks (their
 * container prefixes included); a passage without one stays on one line.
 */
export function unmaskInline(passage: MaskedPassage, translated: string): RestoreResult {
  const breaks = passage.lineBreaks;
  const inTranslation = translated.match(LINE_BREAK)?.length ?? 0;
  // As many lines as the original: each keeps its own prefix. Otherwise all get the first one's.
  let index = 0;
  const text = translated.replace(LINE_BREAK, () => (breaks.length === 0 ? ' ' : inTranslation === breaks.length ? breaks[index++] : breaks[0]));
  return restorePlaceholders(text, passage.spans);
}
