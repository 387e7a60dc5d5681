/**
 * Helpers for checking translation masking against the CommonMark spec's own
 * examples: a fake translation that changes every word, and a comparison of
 * rendered HTML that ignores the words but nothing else.
 */
import type { Nodes } from 'mdast';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { parseMarkdown, walk } from '../../../../src/core/text/markdownTree';
import { reassemble, textsToTranslate, type Segment } from '../../../../src/core/translate/masking';

export interface SpecExample {
  markdown: string;
  number: number;
  section: string;
}

/** The spec writes tabs as `→`. */
export const withTabs = (text: string) => text.replace(/→/g, '\t');

const rot13 = (c: string) => {
  const base = c <= 'Z' ? 65 : 97;
  return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
};

/** A "translation" that changes every word: ROT13 on ASCII letters; a word without them gets a `q`. */
export function changeWords(masked: string): string {
  return masked.replace(/\p{L}+/gu, (word) => {
    const changed = word.replace(/[A-Za-z]/g, rot13);
    return changed === word ? `${word}q` : changed;
  });
}

/** The document after translating every translate segment with `changeWords`. */
export function translateAll(segments: Segment[]): { text: string; fallbacks: number } {
  const result = reassemble(segments, textsToTranslate(segments).map(changeWords));
  return { text: result.text, fallbacks: result.fallbacks.length };
}

export function render(markdown: string, withGfm: boolean): string {
  return withGfm
    ? micromark(markdown, { allowDangerousHtml: true, allowDangerousProtocol: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
    : micromark(markdown, { allowDangerousHtml: true, allowDangerousProtocol: true });
}

/**
 * Rendered HTML with the words erased: tags and their attributes exact (but the
 * words of `alt`), code exact, character references exact, every run of letters
 * elsewhere as `w` (raw `<pre>` from an HTML block is not code Markdown made:
 * the paragraphs after it are words). Two renderings that differ only in their words compare equal.
 */
export function structure(html: string): string {
  let inCode = 0;
  return html.replace(/<[^>]*>|[^<]+/g, (piece) => {
    if (piece.startsWith('<')) {
      if (/^<code\b/i.test(piece)) inCode++;
      if (/^<\/code>/i.test(piece)) inCode = Math.max(0, inCode - 1);
      return piece.replace(/(\balt=")([^"]*)"/g, (_, a: string, v: string) => `${a}${v.replace(/\p{L}+/gu, 'w')}"`);
    }
    return inCode > 0 ? piece : piece.replace(/&[#A-Za-z0-9]+;|\p{L}+/gu, (m) => (m.startsWith('&') ? m : 'w'));
  });
}

/** What no translation may change, read from the parsed tree: code, raw HTML, math, link and image targets, labels. */
export function protectedValues(markdown: string): string[] {
  const values: string[] = [];
  walk(parseMarkdown(markdown), (node: Nodes) => {
    switch (node.type) {
      case 'code':
      case 'inlineCode':
      case 'html':
      case 'math':
      case 'inlineMath':
      case 'yaml':
        values.push(`${node.type}:${node.value}`);
        break;
      case 'link':
      case 'image':
      case 'definition':
        values.push(`${node.type}:${node.url} ${node.title ?? ''}`);
        break;
      case 'linkReference':
      case 'imageReference':
      case 'footnoteReference':
        values.push(`${node.type}:${node.identifier}`);
        break;
    }
  });
  return values;
}
