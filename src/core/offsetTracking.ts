/**
 * Keeps a range of a document (as character offsets) in place while the
 * document changes around it, as VS Code reports changes: replaced range
 * (offset, length) and the new text.
 */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export type TrackResult = { kind: 'moved'; range: OffsetRange } | { kind: 'overlap'; range: OffsetRange };

/**
 * Applies one change to a tracked range. A change entirely before the range
 * shifts it; one after it leaves it; one that touches its inside is an overlap
 * (the user edited the text we own). An insertion exactly at the end is
 * outside (the user typed right after our text); at the start it shifts it.
 */
export function trackChange(range: OffsetRange, change: TextChange): TrackResult {
  const changeEnd = change.rangeOffset + change.rangeLength;
  const delta = change.text.length - change.rangeLength;
  if (changeEnd <= range.start) {
    return { kind: 'moved', range: { start: range.start + delta, end: range.end + delta } };
  }
  if (change.rangeOffset >= range.end) return { kind: 'moved', range };
  return { kind: 'overlap', range: { start: Math.min(range.start, change.rangeOffset), end: Math.max(range.end + delta, change.rangeOffset + change.text.length) } };
}

/** Applies a batch of changes (VS Code sends them in descending offset order, each relative to the document before the batch). */
export function trackChanges(range: OffsetRange, changes: readonly TextChange[]): TrackResult {
  let current: TrackResult = { kind: 'moved', range };
  const ordered = [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
  for (const change of ordered) {
    const next = trackChange(current.range, change);
    current = current.kind === 'overlap' ? { kind: 'overlap', range: next.range } : next;
  }
  return current;
}
