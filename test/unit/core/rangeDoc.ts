/**
 * Test documents with range markers: `"Use ⟦Github⟧ or GitHub."` marks the ranges a check should
 * report. Ranges do not nest.
 */
export const OPEN = '⟦';
export const CLOSE = '⟧';

export interface RangeDoc {
  /** The document without the markers. */
  text: string;
  ranges: { start: number; end: number }[];
}

export function rangeDoc(source: string): RangeDoc {
  let text = '';
  const ranges: { start: number; end: number }[] = [];
  let open: number | undefined;
  for (const ch of source) {
    if (ch === OPEN) {
      if (open !== undefined) throw new Error(`nested ${OPEN} in ${JSON.stringify(source)}`);
      open = text.length;
    } else if (ch === CLOSE) {
      if (open === undefined) throw new Error(`${CLOSE} without ${OPEN} in ${JSON.stringify(source)}`);
      ranges.push({ start: open, end: text.length });
      open = undefined;
    } else text += ch;
  }
  if (open !== undefined) throw new Error(`unclosed ${OPEN} in ${JSON.stringify(source)}`);
  return { text, ranges };
}

/** The text with markers around `ranges` (for readable assertion failures). */
export function marked(text: string, ranges: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    out += `${text.slice(at, r.start)}${OPEN}${text.slice(r.start, r.end)}${CLOSE}`;
    at = r.end;
  }
  return out + text.slice(at);
}
