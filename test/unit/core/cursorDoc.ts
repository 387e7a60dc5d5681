/**
 * Test documents written with a cursor marker: `"The quick brown ║ fox"`.
 */

export const CURSOR = '║';

export interface CursorDoc {
  /** The document without the marker. */
  text: string;
  /** The cursor's offset in `text`. */
  offset: number;
  prefix: string;
  suffix: string;
}

/** Parses a document with exactly one `║` marking the cursor. */
export function cursorDoc(source: string): CursorDoc {
  const offset = source.indexOf(CURSOR);
  if (offset === -1 || source.indexOf(CURSOR, offset + 1) !== -1) {
    throw new Error(`expected exactly one ${CURSOR} in ${JSON.stringify(source)}`);
  }
  const text = source.slice(0, offset) + source.slice(offset + CURSOR.length);
  return { text, offset, prefix: text.slice(0, offset), suffix: text.slice(offset) };
}
