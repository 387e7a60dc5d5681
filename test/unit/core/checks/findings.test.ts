import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trackFindings, trackSpan } from '../../../../src/core/checks/findingTracker';
import { CheckCode, nameFindings, negativeFindings, toneFindings, withoutIgnored, type Finding } from '../../../../src/core/checks/findings';
import { nameIssues } from '../../../../src/core/checks/nameConsistency';
import { markdownPassages } from '../../../../src/core/checks/proseText';
import { splitSentences } from '../../../../src/core/checks/sentences';
import { candidateLabels, rewriteFor, type ToneSettings } from '../../../../src/core/checks/tone';
import { marked, rangeDoc } from '../rangeDoc';

const SETTINGS: ToneSettings = { negativeThreshold: 0.9, targetTone: 'formal', toneThreshold: 0.2 };

/** Applies one edit to the text and returns it with the change VS Code would report. */
function edit(text: string, start: number, end: number, insert: string) {
  return { text: text.slice(0, start) + insert + text.slice(end), change: { rangeOffset: start, rangeLength: end - start, text: insert } };
}

describe('checks: findings (diagnostics mapping)', () => {
  it('names: one finding per minority occurrence; its fix replaces every minority occurrence', () => {
    const doc = rangeDoc('⟦Github⟧ and GitHub. GitHub, GitHub and ⟦Git-Hub⟧.\n');
    const findings = nameFindings(nameIssues([{ group: 'ORG', text: 'Github', start: 0, end: 6 }, { group: 'ORG', text: 'GitHub', start: 11, end: 17 }, { group: 'ORG', text: 'Git-Hub', start: 40, end: 47 }], markdownPassages(doc.text)));
    assert.equal(marked(doc.text, findings), '⟦Github⟧ and GitHub. GitHub, GitHub and ⟦Git-Hub⟧.\n');
    assert.equal(findings[0].code, CheckCode.names);
    assert.equal(findings[0].message, '"Github" is written "GitHub" 3 times elsewhere in this document.');
    assert.deepEqual(findings[0].fix, { kind: 'consistent', spelling: 'GitHub', ranges: doc.ranges });
    assert.equal(findings[0].ignoreKey, findings[1].ignoreKey);
  });

  it('tone: strongly negative sentences and paragraphs far from the target', () => {
    const doc = rangeDoc('Fine start. ⟦This is terrible.⟧\n\n⟦We are gonna ship stuff.⟧\n\nWe hereby ship.\n');
    const passages = markdownPassages(doc.text);
    const sentences = splitSentences(passages);
    const sentiment = sentences.map((s) => ({ labels: s.text.includes('terrible') ? [{ label: 'NEGATIVE', score: 0.97 }, { label: 'POSITIVE', score: 0.03 }] : [{ label: 'POSITIVE', score: 0.6 }, { label: 'NEGATIVE', score: 0.4 }] }));
    const tone = passages.map((p) => ({ labels: p.text.includes('gonna') ? [{ label: 'casual', score: 0.9 }, { label: 'formal', score: 0.1 }] : [{ label: 'formal', score: 0.8 }, { label: 'casual', score: 0.2 }] }));
    const negative = negativeFindings(sentences, sentiment, SETTINGS);
    const far = toneFindings(passages, tone, SETTINGS);
    assert.equal(marked(doc.text, [...negative, ...far]), '⟦Fine start. This is terrible.⟧\n\n⟦We are gonna ship stuff.⟧\n\nWe hereby ship.\n'.replace('⟦Fine start. ', 'Fine start. ⟦'));
    assert.equal(far[0].message, 'This paragraph sounds casual (90%), not formal (10%).');
    assert.deepEqual(far[0].fix, { kind: 'rewrite', tones: ['formal', 'friendly', 'confident'] });
    assert.deepEqual(negative[0].fix, { kind: 'rewrite', tones: ['friendly', 'formal', 'confident'] });
    assert.equal(negativeFindings(sentences, sentiment, { ...SETTINGS, negativeThreshold: 0.99 }).length, 0);
    assert.equal(toneFindings(passages, tone, { ...SETTINGS, targetTone: '' }).length, 0);
    assert.equal(withoutIgnored(far, new Set([far[0].ignoreKey])).length, 0);
  });

  it('tone labels include the target once; rewrites suit the target', () => {
    assert.deepEqual(candidateLabels(['formal', 'Casual', ' ', 'casual'], 'confident'), ['formal', 'casual', 'confident']);
    assert.equal(rewriteFor('Formal'), 'formal');
    assert.equal(rewriteFor('confident'), 'confident');
    assert.equal(rewriteFor('casual'), 'friendly');
  });
});

describe('checks: findings under edits', () => {
  const doc = rangeDoc('Intro. ⟦Github⟧ here and ⟦Git-Hub⟧ there.\n');
  const finding = (i: number): Finding => ({ code: CheckCode.names, ...doc.ranges[i], message: '', fix: { kind: 'consistent', spelling: 'GitHub', ranges: doc.ranges }, ignoreKey: 'k' });

  it('an edit before shifts the finding and its fix ranges; after leaves it', () => {
    const e = edit(doc.text, 0, 0, 'New. ');
    const [moved] = trackFindings([finding(0)], [e.change]);
    assert.equal(e.text.slice(moved.start, moved.end), 'Github');
    assert.ok(moved.fix.kind === 'consistent');
    assert.deepEqual(moved.fix.ranges.map((r) => e.text.slice(r.start, r.end)), ['Github', 'Git-Hub']);
    const after = edit(doc.text, doc.text.length - 1, doc.text.length - 1, ' More.');
    assert.deepEqual(trackFindings([finding(0)], [after.change])[0], finding(0));
  });

  it('an edit inside or touching the flagged text drops it (stale); the other finding stays', () => {
    for (const [start, end, insert] of [[8, 9, 'I'], [7, 7, 'x'], [13, 13, 's'], [0, 20, '']] as const) {
      assert.equal(trackSpan(doc.ranges[0], [edit(doc.text, start, end, insert).change]), undefined, `${start}-${end} "${insert}"`);
    }
    const e = edit(doc.text, 8, 9, 'I');
    const kept = trackFindings([finding(0), finding(1)], [e.change]);
    assert.equal(kept.length, 1);
    assert.equal(e.text.slice(kept[0].start, kept[0].end), 'Git-Hub');
  });

  it('a batch of changes (descending offsets, each against the old text) moves ranges like applying them one by one', () => {
    const changes = [{ rangeOffset: 31, rangeLength: 0, text: 'ZZ' }, { rangeOffset: 0, rangeLength: 6, text: 'Hello there.' }];
    const span = trackSpan(doc.ranges[1], changes);
    const text = 'Hello there.' + doc.text.slice(6, 31) + 'ZZ' + doc.text.slice(31);
    assert.equal(span && text.slice(span.start, span.end), 'Git-Hub');
  });
});
