/**
 * How a writing command's output is written into the document for `inkwell.output`
 * = 'below' (a Markdown blockquote, a code comment, or plain paragraphs), and how a
 * summary's style (paragraph, bullets, TL;DR) is applied to a model's text.
 */
import { findSentenceEnd } from '../sentenceEnd';
import { commentSyntax, isProseLanguage } from '../languages';
import type { SummaryStyle } from './prompts';

export { validateSelection, formatSize, type SelectionCheck } from './selectionValidation';

export interface BelowOptions {
  /** Text follows on the next line: end with a blank line so it stays apart (Markdown would join it to the quote). */
  followedByText?: boolean;
}

const linesOf = (text: string) => text.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '').split('\n');

/** The output as a block of lines, each starting with `indent`, joined with `eol` (no line break at either end). */
function block(languageId: string, output: string, indent: string): { lines: string[]; separate: boolean } {
  const lines = linesOf(output);
  if (languageId === 'markdown') return { lines: lines.map((l) => (l.trim() === '' ? `${indent}>` : `${indent}> ${l}`)), separate: true };
  const syntax = isProseLanguage(languageId) ? undefined : commentSyntax(languageId);
  const lineToken = syntax?.line[0];
  if (lineToken) return { lines: lines.map((l) => (l.trim() === '' ? `${indent}${lineToken}` : `${indent}${lineToken} ${l}`)), separate: false };
  const delimiters = syntax?.block[0];
  if (delimiters) {
    // A closing delimiter inside the text would end the comment early: break it up.
    const safe = lines.map((l) => l.split(delimiters.close).join(delimiters.close.split('').join(' ')));
    return { lines: [`${indent}${delimiters.open}`, ...safe.map((l) => (l === '' ? '' : `${indent}${l}`)), `${indent}${delimiters.close}`], separate: false };
  }
  return { lines: lines.map((l) => (l === '' ? '' : `${indent}${l}`)), separate: true };
}

/**
 * Text to insert at the END of the selection's last line for `inkwell.output` =
 * 'below': a line break, a blank line in prose (Markdown: a `> ` blockquote; plain text:
 * paragraphs), or the language's comment in code (line comments, else a block comment).
 */
export function formatBelow(languageId: string, output: string, indent: string, eol: string, options: BelowOptions = {}): string {
  const { lines, separate } = block(languageId, output, indent);
  return eol + (separate ? eol : '') + lines.join(eol) + (separate && options.followedByText ? eol : '');
}

const LIST_MARKER = /^\s*(?:[-*•+–]|\d{1,3}[.)])\s+/;

/** A model's summary as `- ` bullets: list markers normalized, wrapped lines joined, a preamble dropped, prose split into sentences. */
export function toBullets(text: string): string {
  const lines = linesOf(text.trim()).filter((l) => l.trim() !== '');
  const first = lines.findIndex((l) => LIST_MARKER.test(l));
  if (first === -1) return sentencesOf(lines.join(' ')).map((s) => `- ${s}`).join('\n');
  // Before the first bullet: "Here are the key points:" is not a point; a sentence is.
  const items = lines.slice(0, first).filter((l) => !/:\s*$/.test(l)).map((l) => l.trim());
  for (const line of lines.slice(first)) {
    if (LIST_MARKER.test(line)) items.push(line.replace(LIST_MARKER, '').trim());
    else items[items.length - 1] += ` ${line.trim()}`;
  }
  return items.map((item) => `- ${item}`).join('\n');
}

function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let rest = text.trim();
  while (rest !== '') {
    const end = findSentenceEnd(rest);
    const cut = end === -1 ? rest.length : end;
    sentences.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  return sentences;
}

/** Applies the summary style to a model's output (an encoder-decoder model writes plain prose). */
export function formatSummary(text: string, style: SummaryStyle): string {
  if (style === 'bullets') return toBullets(text);
  const prose = linesOf(text.trim())
    .map((l) => l.replace(LIST_MARKER, '').trim())
    .filter((l) => l !== '')
    .join(' ')
    .replace(/\s+/g, ' ');
  if (style === 'paragraph') return prose;
  const first = findSentenceEnd(prose);
  return first === -1 ? prose : prose.slice(0, first);
}
