import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateEntities } from '../../../../src/core/checks/entityOffsets';
import { marked, rangeDoc } from '../rangeDoc';

function expectLocated(source: string, words: string[]): void {
  const doc = rangeDoc(source);
  const located = locateEntities(doc.text, words.map((word) => ({ group: 'ORG', word, score: 0.9 })));
  assert.equal(marked(doc.text, located), source);
}

describe('checks: entity offsets from decoded words', () => {
  it('finds each word in order, after the previous one', () => {
    expectLocated('⟦GitHub⟧ and again ⟦GitHub⟧, then ⟦Acme⟧.', ['GitHub', 'GitHub', 'Acme']);
  });
  it('tolerates decoding changes: case (uncased models), spaces around punctuation, BPE leading spaces, ## pieces', () => {
    expectLocated('Ask ⟦Acme-Corp⟧ or ⟦O’Neil⟧ at ⟦GitHub⟧ in ⟦New  York⟧.', ['acme - corp', 'O ’ Neil', ' GitHub', 'new york']);
    expectLocated('The ⟦Hub⟧ of it.', ['##Hub']);
  });
  it('leaves out words it cannot find (the model read a truncated text)', () => {
    expectLocated('Only ⟦Alice⟧ here.', ['Alice', 'Bob']);
  });
});
