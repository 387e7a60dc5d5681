/**
 * Finds where the first sentence of a text ends, with the usual traps avoided:
 * abbreviations ("e.g.", "Dr."), initials ("J. Smith"), decimals ("3.14"), numbered
 * list markers ("1. ") and ellipses followed by lowercase text.
 */

/** Lowercase abbreviations (without their final dot) after which a `.` does not end a sentence. */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'cf', 'viz', 'approx', 'ca', 'al', 'resp', 'eq', 'fig', 'figs',
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'sec', 'ch', 'vol', 'pp',
]);

// Terminal punctuation, then closing quotes/brackets, then whitespace or the end.
const LATIN_END = /[.!?…]+["'”’)\]]*(?=\s|$)/gu;
// CJK full stops need no following space.
const CJK_END = /[。！？]+[」』”’）]*/gu;

/** The word just before a `.` (opening quotes and brackets dropped). */
function wordBefore(text: string): string {
  return (/(\S*)$/u.exec(text)?.[1] ?? '').replace(/^[("'“‘[]+/u, '');
}

function isAbbreviation(word: string, before: string): boolean {
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // U.S, e.g, i.e
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  // A numbered list marker at the start of a line: "1. Install".
  return /^\d+$/.test(word) && /(^|\n)[ \t]*$/.test(before.slice(0, before.length - word.length));
}

/**
 * Offset just after the first sentence's terminal punctuation (closing quotes included),
 * or -1 when no sentence ends in `text`. `context` is text that comes before `text`
 * (the document prefix) so a word split across the two is still recognised.
 */
export function findSentenceEnd(text: string, context = ''): number {
  let end = -1;
  LATIN_END.lastIndex = 0;
  for (let m = LATIN_END.exec(text); m; m = LATIN_END.exec(text)) {
    const punct = /^[.!?…]+/u.exec(m[0])?.[0] ?? '';
    const after = text.slice(m.index + m[0].length);
    if (punct === '.') {
      const before = context.slice(-64) + text.slice(0, m.index);
      if (after !== '' && isAbbreviation(wordBefore(before), before)) continue;
    } else if (/^(\.{2,}|…)$/u.test(punct) && /^[ \t]+\p{Ll}/u.test(after)) {
      continue; // "I think… maybe": the sentence goes on.
    }
    end = m.index + m[0].length;
    break;
  }
  CJK_END.lastIndex = 0;
  const cjk = CJK_END.exec(text);
  if (cjk && (end === -1 || cjk.index + cjk[0].length < end)) end = cjk.index + cjk[0].length;
  return end;
}
