/**
 * The Tone check: sentences a sentiment model finds strongly negative, and paragraphs a zero-shot
 * model scores far from the target tone (the user's labels, e.g. formal / casual / hedging /
 * confident).
 */
import type { LabelScore } from '../../protocol';

export interface ToneSettings {
  /** A sentence is flagged when its negative score is at least this (0..1). */
  negativeThreshold: number;
  /** The tone paragraphs should have ("" turns the paragraph check off). */
  targetTone: string;
  /** A paragraph is flagged when the target's score is at most this and another label is on top. */
  toneThreshold: number;
}

export interface NegativeVerdict {
  score: number;
}

export interface ToneVerdict {
  /** The label on top and its score. */
  sounds: LabelScore;
  /** The target's score. */
  targetScore: number;
}

/** The negative label of a sentiment model (NEGATIVE, negative, LABEL_0 with "neg" names, 1 star…). */
function isNegative(label: string): boolean {
  return /^neg|negative|^1 star/i.test(label);
}

export function negativeVerdict(labels: readonly LabelScore[], settings: ToneSettings): NegativeVerdict | undefined {
  const negative = labels.find((l) => isNegative(l.label));
  return negative && negative.score >= settings.negativeThreshold ? { score: negative.score } : undefined;
}

export function toneVerdict(labels: readonly LabelScore[], settings: ToneSettings): ToneVerdict | undefined {
  const target = settings.targetTone.trim().toLowerCase();
  if (!target || labels.length === 0) return undefined;
  const top = [...labels].sort((a, b) => b.score - a.score)[0];
  if (top.label.toLowerCase() === target) return undefined;
  const targetScore = labels.find((l) => l.label.toLowerCase() === target)?.score ?? 0;
  return targetScore <= settings.toneThreshold ? { sounds: top, targetScore } : undefined;
}

/** The labels to score against: the user's, with the target among them (deduplicated, blanks dropped). */
export function candidateLabels(labels: readonly string[], targetTone: string): string[] {
  const all = [...labels, targetTone].map((l) => l.trim()).filter((l) => l.length > 0);
  return [...new Map(all.map((l) => [l.toLowerCase(), l])).values()];
}

export type RewriteTone = 'friendly' | 'formal' | 'confident';

/** Which rewrite suits a target tone best ("formal" → formal, "confident" → confident, else friendly). */
export function rewriteFor(targetTone: string): RewriteTone {
  const t = targetTone.toLowerCase();
  if (/formal|professional/.test(t)) return 'formal';
  if (/confident|assertive|direct/.test(t)) return 'confident';
  return 'friendly';
}

export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}
