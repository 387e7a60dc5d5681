/**
 * The prose a writing check reads, with exact document offsets. Markdown is parsed as Translate
 * parses it (`markdownTree.ts`, `inlineMasking.ts`): only paragraphs, headings and table cells
 * are read, and inside them inline code, URLs, link destinations, HTML and math are masked, so
 * front matter, code blocks and the like are never checked. Plain text is read whole, bare URLs
 * masked. In code files only comments and docstrings are read (`commentProse.ts`). Masked
 * characters become spaces, so an offset into a passage's `text` plus its `start` is an offset
 * into the document.
 */
import type { Nodes } from 'mdast';
import { commentSyntax, isProseLanguage } from '../languages';
import { endOf, parseMarkdown, startOf, walk } from '../text/markdownTree';
import { phrasingParts, type Part } from '../translate/inlineMasking';
import { commentPassages } from './commentProse';

export interface ProsePassage {
  /** Offset of `text` in the document. */
  start: number;
  /** The passage's source with masked spans (and line-break prefixes) as spaces: same length as the source. */
  text: string;
}

const URL = /(?<![\p{L}\p{N}_])(?:https?|ftp):\/\/[^\s<>"'`]*[^\s<>"'`.,;:!?*_~)]/gu;

/** `source[start, end)` with every part that is not words blanked out. */
function blankOut(source: string, start: number, end: number, parts: readonly Part[]): string {
  const chars = source.slice(start, end).split(''); // UTF-16 code units: the length stays the source's
  for (const part of parts) {
    if (part.kind === 'text') continue;
    for (let i = Math.max(part.start, start); i < Math.min(part.end, end); i++) chars[i - start] = /[\r\n]/.test(source[i]) ? source[i] : ' ';
  }
  return chars.join('');
}

function hasWords(text: string): boolean {
  return /\p{L}/u.test(text);
}

export function markdownPassages(markdown: string): ProsePassage[] {
  const found: ProsePassage[] = [];
  walk(parseMarkdown(markdown), (node: Nodes) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
    const children = node.children as Nodes[];
    if (children.length === 0) return false;
    const parts: Part[] = [];
    for (const child of children) phrasingParts(markdown, child, parts);
    const start = startOf(children[0]);
    const text = blankOut(markdown, start, endOf(children[children.length - 1]), parts);
    if (hasWords(text)) found.push({ start, text });
    return false;
  });
  return found;
}

/** Plain text: paragraphs separated by blank lines, URLs blanked out. */
export function plainTextPassages(text: string): ProsePassage[] {
  const found: ProsePassage[] = [];
  const paragraph = /[^\r\n]+(?:\r?\n[ \t]*[^\s][^\r\n]*)*/g;
  for (const m of text.matchAll(paragraph)) {
    const blanked = m[0].replace(URL, (url) => ' '.repeat(url.length));
    if (hasWords(blanked)) found.push({ start: m.index, text: blanked });
  }
  return found;
}

/**
 * The passages of a document: Markdown parsed; a code language with a comment syntax read only in
 * its comments and docstrings (`commentProse.ts`); everything else read as plain text.
 */
export function prosePassages(text: string, languageId: string): ProsePassage[] {
  if (languageId === 'markdown') return markdownPassages(text);
  const syntax = commentSyntax(languageId);
  return syntax ? commentPassages(text, syntax) : plainTextPassages(text);
}

/** True for the languages a check reads: prose languages, and code languages with a comment syntax (their comments). */
export function isCheckableLanguage(languageId: string): boolean {
  return isProseLanguage(languageId) || commentSyntax(languageId) !== undefined;
}
