/**
 * Finds where the first sentence of a text ends: Unicode sentence boundaries
 * (`Intl.Segmenter`), kept only where terminal punctuation ends the segment, with the usual traps avoided:
 * abbreviations ("e.g.", "Dr."), initials ("J. Smith"), decimals ("3.14"), numbered
 * list markers ("1. ") and ellipses followed by lowercase text.
 */

/** Lowercase abbreviations (without their final dot) after which a `.` does not end a sentence. */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'cf', 'viz', 'approx', 'ca', 'al', 'resp', 'eq', 'fig', 'figs',
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'sec', 'ch', 'vol', 'pp',
]);

/** Sentence boundaries by the Unicode rules (ICU, built into Node and VS Code): CJK, Devanagari, Arabic, quotes. */
const SENTENCES = new Intl.Segmenter(undefined, { granularity: 'sentence' });
/** A sentence's terminal punctuation, then closing quotes and brackets, at the end of a segment. */
const TERMINAL = /([.!?…。！？‼⁇⁈⁉؟।॥።]+)["'”’»)\]」』）]*$/u;
/** Punctuation that needs a space (or the end) after it to end a sentence. */
const NEEDS_SPACE = /^[.!?…]+$/u;

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
  for (const { segment, index } of SENTENCES.segment(text)) {
    const body = segment.replace(/\s+$/u, '');
    const m = TERMINAL.exec(body);
    // A segment that ends without punctuation ended at a line break or at the end of the text.
    if (!m) continue;
    const end = index + body.length;
    const punct = m[1];
    const after = text.slice(end);
    if (NEEDS_SPACE.test(punct) && after !== '' && !/^\s/u.test(after)) continue;
    if (punct === '.') {
      const before = context.slice(-64) + text.slice(0, end - m[0].length);
      if (after !== '' && isAbbreviation(wordBefore(before), before)) continue;
    } else if (/^(\.{2,}|…)$/u.test(punct) && /^[ \t]+\p{Ll}/u.test(after)) {
      continue; // "I think… maybe": the sentence goes on.
    }
    return end;
  }
  return -1;
}
