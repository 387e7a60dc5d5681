/**
 * Where the entities a token-classification pipeline reports are in the text. transformers.js
 * gives each entity's decoded word but no offsets, and decoding may change it (WordPiece puts
 * spaces around punctuation, uncased models lower-case it, byte-level BPE keeps a leading space).
 * So each word is searched in order, from where the previous one ended: exactly first, then
 * ignoring case and spacing.
 */
export interface RawEntity {
  group: string;
  word: string;
  score: number;
}

export interface LocatedEntity {
  group: string;
  text: string;
  start: number;
  end: number;
  score: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for the word's characters with any (or no) whitespace between them. */
function loosePattern(word: string): RegExp {
  const chars = [...word.replace(/\s+/g, '')].map(escapeRegExp);
  return new RegExp(chars.join('\\s*'), 'giu');
}

function find(text: string, word: string, from: number): { start: number; end: number } | undefined {
  const exact = text.indexOf(word, from);
  const pattern = loosePattern(word);
  pattern.lastIndex = from;
  const loose = pattern.exec(text);
  if (exact >= 0 && (!loose || exact <= loose.index)) return { start: exact, end: exact + word.length };
  return loose ? { start: loose.index, end: loose.index + loose[0].length } : undefined;
}

/** Entities with offsets into `text`; words not found (the model saw a truncated text) are left out. */
export function locateEntities(text: string, entities: readonly RawEntity[]): LocatedEntity[] {
  const located: LocatedEntity[] = [];
  let from = 0;
  for (const entity of entities) {
    const word = entity.word.trim().replace(/^##/, '');
    if (!word) continue;
    const at = find(text, word, from);
    if (!at) continue;
    located.push({ group: entity.group, text: text.slice(at.start, at.end), start: at.start, end: at.end, score: entity.score });
    from = at.end;
  }
  return located;
}
