/**
 * How a summary's style (paragraph, bullets, TL;DR) is applied to a model's text.
 */
import { findSentenceEnd } from '../text/sentenceEnd';
import type { SummaryStyle } from '../prompts/instructionPrompts';

const linesOf = (text: string) => text.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '').split('\n');

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
