/**
 * Keeps findings on their text while the document changes: a change before a finding shifts it,
 * one after it leaves it, one that touches it (inside, or right at either end: typing onto the
 * flagged word) makes it stale, and it is dropped. Quick-fix ranges move the same way.
 */
import type { TextChange } from '../offsetTracking';
import type { Finding } from './findings';

interface Span {
  start: number;
  end: number;
}

/** The span after `changes` (VS Code's batch: each relative to the document before it), or undefined if one touched it. */
export function trackSpan(span: Span, changes: readonly TextChange[]): Span | undefined {
  let { start, end } = span;
  for (const change of [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
    const changeEnd = change.rangeOffset + change.rangeLength;
    if (change.rangeOffset > end) continue;
    if (changeEnd < start) {
      const delta = change.text.length - change.rangeLength;
      start += delta;
      end += delta;
      continue;
    }
    return undefined;
  }
  return { start, end };
}

/** The findings still valid after `changes`, moved. */
export function trackFindings(findings: readonly Finding[], changes: readonly TextChange[]): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const span = trackSpan(finding, changes);
    if (!span) continue;
    if (finding.fix.kind !== 'consistent') {
      out.push({ ...finding, ...span });
      continue;
    }
    const ranges = finding.fix.ranges.map((r) => trackSpan(r, changes)).filter((r): r is Span => r !== undefined);
    out.push({ ...finding, ...span, fix: { ...finding.fix, ranges } });
  }
  return out;
}
