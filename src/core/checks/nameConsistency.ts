/**
 * The Names check: the same entity written in different ways. Spellings the entity model found
 * are grouped when they differ only in case, spacing, hyphens, dots or apostrophes ("GitHub",
 * "Github", "Git-Hub"), or by one letter in names of five letters or more ("Kubernetes",
 * "Kubernets"). Every whole-word occurrence of a spelling in the prose counts (the model may
 * miss some); in a group with a clear majority, each occurrence of another spelling is an issue.
 */
import type { ProsePassage } from './proseText';

export interface EntityOccurrence {
  group: string;
  text: string;
  start: number;
  end: number;
}

export interface NameIssue {
  /** The minority occurrence. */
  start: number;
  end: number;
  found: string;
  /** The spelling used most often, and how often. */
  majority: string;
  majorityCount: number;
  /** The group key: what "Ignore in this document" remembers. */
  key: string;
}

/** Case, spacing, hyphens, underscores, dots and apostrophes removed. */
export function spellingKey(text: string): string {
  return text.toLowerCase().replace(/[\s\-_.'’]+/g, '');
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
function withinDistance(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) > limit) return false;
    previous = row;
  }
  return previous[b.length] <= limit;
}

/** Are two keys close spellings of one name? (Numbers must match: "Python 2" is not "Python 3".) */
function close(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 5 || a.replace(/\D/g, '') !== b.replace(/\D/g, '')) return false;
  return a[0] === b[0] && withinDistance(a, b, 1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word occurrences of `spelling` in the passages, as document offsets. */
export function occurrences(passages: readonly ProsePassage[], spelling: string): { start: number; end: number }[] {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(spelling)}(?![\\p{L}\\p{N}_])`, 'gu');
  return passages.flatMap((p) => [...p.text.matchAll(pattern)].map((m) => ({ start: p.start + m.index, end: p.start + m.index + m[0].length })));
}

/** Spellings grouped by closeness (union of close pairs), in first-seen order. */
function groupSpellings(spellings: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (const spelling of spellings) {
    const key = spellingKey(spelling);
    const matching = groups.filter((g) => g.some((s) => close(spellingKey(s), key)));
    const merged = [...matching.flat(), spelling];
    for (const g of matching) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups;
}

export function nameIssues(entities: readonly EntityOccurrence[], passages: readonly ProsePassage[]): NameIssue[] {
  const spellings = [...new Set(entities.map((e) => e.text.trim()).filter((t) => /\p{L}/u.test(t) && t.length >= 2))];
  const issues: NameIssue[] = [];
  for (const group of groupSpellings(spellings)) {
    if (group.length < 2) continue;
    const counted = group.map((spelling) => ({ spelling, found: occurrences(passages, spelling) })).sort((a, b) => b.found.length - a.found.length);
    const [top, second] = counted;
    if (top.found.length === second.found.length) continue; // no clear majority: nothing to suggest
    const key = spellingKey(top.spelling);
    for (const { spelling, found } of counted.slice(1)) {
      for (const at of found) issues.push({ ...at, found: spelling, majority: top.spelling, majorityCount: top.found.length, key });
    }
  }
  return issues.sort((a, b) => a.start - b.start);
}
