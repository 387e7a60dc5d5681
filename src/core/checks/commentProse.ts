/**
 * The prose in a code file's comments and docstrings, with exact document offsets. Comments come
 * from the comment scanner (strings skipped, so a `//` inside a string is code). Consecutive
 * line comments (only whitespace and a line break between them) are read as one comment. Inside a
 * comment, everything that is not words is masked to spaces, line breaks kept: the comment
 * markers of merged lines, leading `*`, `#`, `/`, `!` decorations, doc tags with their type and
 * name (`@param {string} name`, `:param name:`), `{@link …}`, `@example` sections, `>>>` doctest
 * lines, inline code in backticks and URLs. A comment becomes one passage per paragraph (blank
 * comment lines separate paragraphs); code never becomes a passage.
 */
import type { CommentSyntax } from '../languages';
import { listComments, type CommentBody } from '../inline/commentScanner';
import type { ProsePassage } from './proseText';

const URL = /(?<![\p{L}\p{N}_])(?:https?|ftp):\/\/[^\s<>"'`]*[^\s<>"'`.,;:!?*_~)]/gu;
/** Leading decoration of a comment line: indentation, then `*`, `#`, `/`, `!` runs (`* `, `## `, `///`). */
const LINE_DECORATION = /^[ \t]*[*#/!]+/gm;
/** A decoration-only line like `// ------` or `/*********` (only markers and rule characters). */
const RULE_LINE = /^[ \t]*[-=*#/!_~+]{3,}[ \t]*$/gm;
/** Inline code: `code`, ``code`` (reST), not across blank lines. */
const INLINE_CODE = /(`+)(?:(?!\1)[^\n]|\n(?![ \t]*\n))+?\1/g;
/** `{@link Foo}`, `{@code x}` and similar inline tags. */
const INLINE_TAG = /\{@[^}\n]*\}/g;
/** Block tags whose whole section (to the next tag or the comment's end) is not prose. */
const CODE_SECTION = /(?<![\w.@])@(?:example|see|since|version|author|license|module|import|typedef|callback|type)\b[^@]*/g;
/** A block tag, its optional `{Type}`, and for tags that name something, the name. */
const BLOCK_TAG = /(?<![\w.@])@(param|arg|argument|prop|property|template|throws|exception|returns?|yields?|default|[A-Za-z]+)\b(?:[ \t]*\{[^}\n]*\})?/g;
const NAMED_TAGS = new Set(['param', 'arg', 'argument', 'prop', 'property', 'template']);
/** A name after `@param`: `name`, `obj.key`, `[name=default]`, `...rest`. */
const TAG_NAME = /^[ \t]*(?:\[[^\]\n]*\]|(?:\.\.\.)?[\p{L}\p{N}_$.]+)/u;
/** reST / Sphinx fields: `:param name:`, `:returns:`, `:raises ValueError:`. */
const FIELD = /^([ \t]*):[A-Za-z]+(?:[ \t]+[^:\n]+)?:/gm;
/** Doctest lines: `>>> code` and the `... code` lines that continue it. */
const DOCTEST = /^[ \t]*>>>[^\n]*(?:\n[ \t]*\.\.\.[^\n]*)*/gm;

function blank(chars: string[], from: number, to: number): void {
  for (let i = Math.max(0, from); i < Math.min(chars.length, to); i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

function blankMatches(chars: string[], pattern: RegExp, span = (m: RegExpExecArray) => [m.index, m.index + m[0].length]): void {
  const text = chars.join('');
  for (const m of text.matchAll(pattern)) {
    const [from, to] = span(m as RegExpExecArray);
    blank(chars, from, to);
  }
}

function blankTags(chars: string[]): void {
  const text = chars.join('');
  for (const m of text.matchAll(BLOCK_TAG)) {
    let end = m.index + m[0].length;
    const typed = m[0].includes('{');
    if (NAMED_TAGS.has(m[1]) || ((m[1] === 'throws' || m[1] === 'exception') && !typed)) {
      const name = TAG_NAME.exec(text.slice(end));
      if (name) end += name[0].length;
    }
    blank(chars, m.index, end);
  }
}

/** `text[start, end)` as a comment's words: every non-prose character a space, line breaks kept. */
function maskComment(text: string, start: number, end: number, markers: readonly { from: number; to: number }[]): string {
  const chars = text.slice(start, end).split(''); // UTF-16 code units: the length stays the source's
  for (const m of markers) blank(chars, m.from - start, m.to - start);
  blankMatches(chars, RULE_LINE);
  blankMatches(chars, LINE_DECORATION);
  blankMatches(chars, DOCTEST);
  blankMatches(chars, INLINE_CODE);
  blankMatches(chars, URL);
  blankMatches(chars, INLINE_TAG);
  blankMatches(chars, CODE_SECTION);
  blankTags(chars);
  blankMatches(chars, FIELD, (m) => [m.index + m[1].length, m.index + m[0].length]);
  return chars.join('');
}

/** Comments to read together: a run of line comments on consecutive lines is one group. */
function groups(text: string, comments: readonly CommentBody[]): CommentBody[][] {
  const out: CommentBody[][] = [];
  for (const c of comments) {
    const last = out.at(-1)?.at(-1);
    const joins =
      last !== undefined && last.close === undefined && c.close === undefined && last.open === c.open && /^[ \t]*\r?\n[ \t]*$/.test(text.slice(last.end, c.start));
    if (joins) out[out.length - 1].push(c);
    else out.push([c]);
  }
  return out;
}

/** Paragraphs of a masked comment: runs of lines with words, trimmed to their first and last non-space character. */
function paragraphs(masked: string, offset: number): ProsePassage[] {
  const found: ProsePassage[] = [];
  for (const m of masked.matchAll(/[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (/\p{L}/u.test(body)) found.push({ start: offset + m.index + lead, text: body });
  }
  return found;
}

/** The prose passages in the comments of a code document. */
export function commentPassages(text: string, syntax: CommentSyntax): ProsePassage[] {
  const found: ProsePassage[] = [];
  // A shebang (`#!/usr/bin/env python`) is not a comment to read.
  const comments = listComments(text, syntax).filter((c) => !(c.start === 0 && text.startsWith('#!')));
  for (const group of groups(text, comments)) {
    const first = group[0];
    const last = group[group.length - 1];
    // Between merged line comments, the line break, indentation and the next comment's marker.
    const markers = group.slice(1).map((c, i) => ({ from: group[i].bodyEnd, to: c.bodyStart }));
    found.push(...paragraphs(maskComment(text, first.bodyStart, last.bodyEnd, markers), first.bodyStart));
  }
  return found;
}
