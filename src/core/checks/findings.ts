/**
 * What the checks report, before VS Code: a finding per issue, with document offsets, the
 * diagnostic code, a message, the quick fixes it offers and the key "Ignore in this document"
 * remembers. The host turns findings into Information diagnostics (source "Inkwell").
 */
import type { ClassifiedText } from '../../protocol';
import type { NameIssue } from './nameConsistency';
import type { ProsePassage } from './proseText';
import type { Sentence } from './sentences';
import { readable } from './sentences';
import { negativeVerdict, percent, rewriteFor, toneVerdict, type RewriteTone, type ToneSettings } from './tone';

/** Diagnostic codes, one per check. */
export const CheckCode = {
  names: 'names',
  negativeTone: 'negative-tone',
  targetTone: 'target-tone',
} as const;
export type CheckCode = (typeof CheckCode)[keyof typeof CheckCode];

export type Fix = { kind: 'consistent'; spelling: string; /** Every minority occurrence of the group, replaced in one edit. */ ranges: { start: number; end: number }[] } | { kind: 'rewrite'; tones: RewriteTone[] };

export interface Finding {
  code: CheckCode;
  start: number;
  end: number;
  message: string;
  fix: Fix;
  /** Same key, same finding: "Ignore in this document" hides every finding with it. */
  ignoreKey: string;
}

export function nameFindings(issues: readonly NameIssue[]): Finding[] {
  return issues.map((issue) => {
    const group = issues.filter((other) => other.key === issue.key);
    const times = issue.majorityCount === 1 ? 'once' : `${issue.majorityCount} times`;
    return {
      code: CheckCode.names,
      start: issue.start,
      end: issue.end,
      message: `"${issue.found}" is written "${issue.majority}" ${times} elsewhere in this document.`,
      fix: { kind: 'consistent', spelling: issue.majority, ranges: group.map(({ start, end }) => ({ start, end })) },
      ignoreKey: `${CheckCode.names}:${issue.key}`,
    };
  });
}

const ALL_REWRITES: RewriteTone[] = ['friendly', 'formal', 'confident'];

/** The best-suited rewrite first, then the others. */
function rewrites(first: RewriteTone): RewriteTone[] {
  return [first, ...ALL_REWRITES.filter((t) => t !== first)];
}

/** Sentences the sentiment model finds strongly negative; `results[i]` is the result for `sentences[i]`. */
export function negativeFindings(sentences: readonly Sentence[], results: readonly ClassifiedText[], settings: ToneSettings): Finding[] {
  return sentences.flatMap((sentence, i) => {
    const verdict = negativeVerdict(results[i]?.labels ?? [], settings);
    if (!verdict) return [];
    return [{
      code: CheckCode.negativeTone,
      start: sentence.start,
      end: sentence.end,
      message: `This sentence reads as strongly negative (${percent(verdict.score)}). Consider a friendlier wording.`,
      fix: { kind: 'rewrite', tones: rewrites('friendly') },
      ignoreKey: `${CheckCode.negativeTone}:${readable(sentence.text)}`,
    } satisfies Finding];
  });
}

/** Paragraphs far from the target tone; `results[i]` is the result for `passages[i]`. */
export function toneFindings(passages: readonly ProsePassage[], results: readonly ClassifiedText[], settings: ToneSettings): Finding[] {
  return passages.flatMap((passage, i) => {
    const verdict = toneVerdict(results[i]?.labels ?? [], settings);
    if (!verdict) return [];
    const lead = passage.text.length - passage.text.trimStart().length;
    const start = passage.start + lead;
    return [{
      code: CheckCode.targetTone,
      start,
      end: start + passage.text.trim().length,
      message: `This paragraph sounds ${verdict.sounds.label} (${percent(verdict.sounds.score)}), not ${settings.targetTone} (${percent(verdict.targetScore)}).`,
      fix: { kind: 'rewrite', tones: rewrites(rewriteFor(settings.targetTone)) },
      ignoreKey: `${CheckCode.targetTone}:${readable(passage.text)}`,
    } satisfies Finding];
  });
}

export function withoutIgnored(findings: readonly Finding[], ignored: ReadonlySet<string>): Finding[] {
  return findings.filter((f) => !ignored.has(f.ignoreKey));
}

/**
 * For comments in code files: a finding whose text spans a line break (a sentence over several
 * comment lines, with `//` or ` * ` in between) offers no rewrite, since Rewrite would write over
 * the comment markers; it keeps "Ignore in this document".
 */
export function withoutRewritesAcrossLines(findings: readonly Finding[], documentText: string): Finding[] {
  return findings.map((f) => (f.fix.kind === 'rewrite' && /[\r\n]/.test(documentText.slice(f.start, f.end)) ? { ...f, fix: { kind: 'rewrite', tones: [] } } : f));
}
