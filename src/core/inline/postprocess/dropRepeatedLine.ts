/**
 * Catches a model that repeats itself: a completion that only repeats the line above the
 * cursor, or the text just before the cursor, is dropped; a multi-line completion is cut
 * before the first of its lines that repeats the line before it. Lines without a letter
 * or digit (` *`, `---`, `}`) never count as repeats.
 */
import { splitLinesKeepEol, stripEol } from './lines';
import type { PostprocessFilter } from './types';

const hasContent = (line: string): boolean => /[\p{L}\p{N}]/u.test(line);
const norm = (line: string): string => line.trim().replace(/\s+/gu, ' ');
const sameLine = (a: string, b: string): boolean => hasContent(a) && norm(a) === norm(b);
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** The completion repeats the words right before the cursor ("of the" + " the"). */
function repeatsTextBefore(completion: string, prefix: string): boolean {
  if (completion.trim().includes('\n')) return false;
  const text = norm(completion);
  if (!hasContent(text)) return false;
  // "Version 1" + "1" makes "11": joined into one word, not a repeat.
  if (WORD_CHAR.test(prefix.slice(-1)) && WORD_CHAR.test(completion.slice(0, 1))) return false;
  const before = prefix.replace(/\s+$/u, '');
  if (!before.endsWith(text)) return false;
  const charBefore = before.slice(0, before.length - text.length).slice(-1);
  // A whole-word repeat only: "foobar" + "bar" is not one.
  return charBefore === '' || !WORD_CHAR.test(charBefore) || !WORD_CHAR.test(text[0]);
}

/** See the module comment. */
export const dropRepeatedLine: PostprocessFilter = (completion, ctx) => {
  const prefixLines = ctx.prefix.split('\n').map((l) => l.replace(/\r$/, ''));
  const current = prefixLines[prefixLines.length - 1];
  const above = prefixLines.length > 1 ? prefixLines[prefixLines.length - 2] : undefined;
  const lines = splitLinesKeepEol(completion);
  const firstLine = current + stripEol(lines[0] ?? '');
  const addsToFirstLine = hasContent(stripEol(lines[0] ?? ''));
  if (above !== undefined && addsToFirstLine && sameLine(firstLine, above)) return null;
  if (repeatsTextBefore(completion, ctx.prefix)) return null;

  let previous = firstLine;
  let kept = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    const content = stripEol(line);
    if (sameLine(content, previous)) return kept.replace(/\r?\n$/, '');
    kept += line;
    previous = content;
  }
  return completion;
};
