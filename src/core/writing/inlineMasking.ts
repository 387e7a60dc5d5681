/**
 * Masks the inline parts of a Markdown passage that a translation must not touch,
 * replacing each with a `{N}` token: code spans, autolinks and bare URLs, link and
 * image targets (`](url "title")`, `][ref]`; the link text stays translatable), HTML
 * tags and comments, entities, footnote references and `{placeholders}`.
 */
import { restorePlaceholders, TOKEN_PATTERN, token, type Glue, type Protected, type RestoreResult } from './placeholders';

export interface MaskedPassage {
  /** What the model sees. CRLF line breaks become `\n` (restored on the way back). */
  masked: string;
  /** Token `{i}` stands for `spans[i].text`. */
  spans: Protected[];
  /** True when every line break in the passage was CRLF. */
  crlf: boolean;
}

const PATTERNS: readonly [string, RegExp][] = [
  ['<', /<!--[\s\S]*?-->/y], // HTML comment
  ['<', /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/y], // autolink
  ['<', /<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>/y], // email autolink
  ['<', /<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/y], // opening tag
  ['<', /<\/[A-Za-z][A-Za-z0-9-]*\s*>/y], // closing tag
  ['&', /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y], // entity
  ['{', /\{\{[^{}\n]{0,200}\}\}/y], // {{count}}
  ['{', /\{[ \t]*[\w.$:@#-]+(?:[ \t]*,[^{}\n]{0,80})?[ \t]*\}/y], // {name}, {0}, {count, number}
  ['[', /\[\^[^\]\s]+\]/y], // footnote reference
];

/** End of the code span opening at `at` (a backtick run), or -1 when the run is unmatched. */
function codeSpanEnd(text: string, at: number): number {
  const run = /`+/y;
  run.lastIndex = at;
  const open = run.exec(text)?.[0].length ?? 0;
  const closer = new RegExp(`(?<!\`)\`{${open}}(?!\`)`, 'g');
  closer.lastIndex = at + open;
  const m = closer.exec(text);
  return m ? m.index + open : -1;
}

/** Index of the `]` closing the bracket at `open`, skipping escapes and code spans; -1 if none. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '`') {
      const end = codeSpanEnd(text, i);
      if (end !== -1) i = end - 1;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/** End of a link target right after `]` at `close`: `(dest "title")`, `[ref]` or `[]`; -1 if none. */
function linkTargetEnd(text: string, close: number): number {
  const next = text[close + 1];
  if (next === '[') {
    const m = /\[[^\[\]]{0,999}\]/y;
    m.lastIndex = close + 1;
    return m.exec(text) ? m.lastIndex : -1;
  }
  if (next !== '(') return -1;
  let depth = 0;
  let quote: string | undefined;
  for (let i = close + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (quote) {
      if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && /\s/.test(text[i - 1])) quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
    else if (c === '\n' && text[i + 1] === '\n') return -1;
  }
  return -1;
}

/** A bare http(s) URL at `at`, without trailing punctuation or an unbalanced `)`; its end or -1. */
function bareUrlEnd(text: string, at: number): number {
  if (at > 0 && /[\p{L}\p{N}_]/u.test(text[at - 1])) return -1;
  const m = /https?:\/\/[^\s<>"'`]+/y;
  m.lastIndex = at;
  let url = m.exec(text)?.[0];
  if (!url) return -1;
  url = url.replace(/[.,;:!?*_~]+$/, '');
  while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
  return at + url.length;
}

function sticky(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** Masks the protected inline spans of `text` (one passage: a paragraph, a list item, a table cell). */
export function maskInline(text: string): MaskedPassage {
  const spans: Protected[] = [];
  let masked = '';
  let plainFrom = 0;
  const closers = new Map<number, number>(); // `]` index -> end of the link target
  const protect = (start: number, end: number, glue: Glue) => {
    masked += text.slice(plainFrom, start);
    const previous = spans[spans.length - 1];
    if (previous && plainFrom === start && masked.endsWith(token(spans.length - 1))) {
      // Adjacent spans become one token: fewer tokens for the model to keep.
      previous.text += text.slice(start, end);
      previous.glue = previous.glue === 'previous' ? 'previous' : glue === 'next' ? 'next' : 'none';
    } else {
      spans.push({ text: text.slice(start, end), glue });
      masked += token(spans.length - 1);
    }
    plainFrom = end;
    return end;
  };
  const isSpace = (i: number) => i < 0 || i >= text.length || /\s/.test(text[i]);

  for (let i = 0; i < text.length; ) {
    const c = text[i];
    const closerEnd = closers.get(i);
    if (closerEnd !== undefined) {
      i = protect(i, closerEnd, isSpace(i - 1) ? 'none' : 'previous');
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = codeSpanEnd(text, i);
      const run = /`+/y;
      run.lastIndex = i;
      i = end !== -1 ? protect(i, end, 'none') : i + (run.exec(text)?.[0].length ?? 1);
      continue;
    }
    const fixed = PATTERNS.find(([first, pattern]) => first === c && sticky(pattern, text, i) !== -1);
    if (fixed) {
      i = protect(i, sticky(fixed[1], text, i), 'none');
      continue;
    }
    if (c === '｛' || c === '{') {
      const tokenLike = new RegExp(TOKEN_PATTERN.source, 'y');
      const end = sticky(tokenLike, text, i);
      if (end !== -1) {
        i = protect(i, end, 'none');
        continue;
      }
    }
    if (c === '[' || (c === '!' && text[i + 1] === '[')) {
      const open = c === '!' ? i + 1 : i;
      const close = closingBracket(text, open);
      const targetEnd = close === -1 ? -1 : linkTargetEnd(text, close);
      if (targetEnd !== -1) {
        closers.set(close, targetEnd);
        i = protect(i, open + 1, isSpace(open + 1) ? 'none' : 'next');
        continue;
      }
    }
    if (c === 'h') {
      // A URL in a link's text ends at the link's `]`.
      const nextCloser = Math.min(text.length, ...[...closers.keys()].filter((k) => k > i));
      const end = Math.min(bareUrlEnd(text, i), nextCloser);
      if (end > i) {
        i = protect(i, end, 'none');
        continue;
      }
    }
    i++;
  }
  masked += text.slice(plainFrom);
  const crlf = /\r\n/.test(masked) && !/(?<!\r)\n/.test(masked);
  return { masked: crlf ? masked.replace(/\r\n/g, '\n') : masked, spans, crlf };
}

/** Puts the protected spans back into a model's translation of `passage.masked`. */
export function unmaskInline(passage: MaskedPassage, translated: string): RestoreResult {
  const text = passage.crlf ? translated.replace(/\r?\n/g, '\r\n') : translated;
  return restorePlaceholders(text, passage.spans);
}
