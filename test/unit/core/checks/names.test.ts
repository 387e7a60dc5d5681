import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameIssues, spellingKey, type EntityOccurrence } from '../../../../src/core/checks/nameConsistency';
import { markdownPassages } from '../../../../src/core/checks/proseText';
import { marked, rangeDoc } from '../rangeDoc';

/** Entities "found by the model": every occurrence of these spellings in the text. */
function entitiesOf(text: string, spellings: string[]): EntityOccurrence[] {
  return spellings.flatMap((s) => {
    const at = text.indexOf(s);
    return at >= 0 ? [{ group: 'ORG', text: s, start: at, end: at + s.length }] : [];
  });
}

function expectIssues(source: string, spellings: string[]): ReturnType<typeof nameIssues> {
  const doc = rangeDoc(source);
  const issues = nameIssues(entitiesOf(doc.text, spellings), markdownPassages(doc.text));
  assert.equal(marked(doc.text, issues), source);
  return issues;
}

describe('checks: consistent names', () => {
  it('flags the minority spelling of a name that differs in case', () => {
    const issues = expectIssues('GitHub hosts it. Push to GitHub.\n\nOpen ⟦Github⟧ and GitHub again.\n', ['GitHub', 'Github']);
    assert.equal(issues[0].majority, 'GitHub');
    assert.equal(issues[0].majorityCount, 3);
  });

  it('counts occurrences the model missed, and groups spacing, hyphen and one-letter variants', () => {
    expectIssues('Use JavaScript. JavaScript is fine. Not ⟦Java Script⟧ or ⟦Java-Script⟧.\n', ['JavaScript', 'Java Script', 'Java-Script']);
    expectIssues('Kubernetes runs it. Kubernetes scales. ⟦Kubernets⟧ fails.\n', ['Kubernetes', 'Kubernets']);
  });

  it('leaves different names, short names, ties and code alone', () => {
    expectIssues('Python 2 and Python 3 and Python 3.\n', ['Python 2', 'Python 3']);
    expectIssues('Mark met Mary. Mary met Mark.\n', ['Mark', 'Mary']);
    expectIssues('GitHub or Github, one each.\n', ['GitHub', 'Github']);
    expectIssues('GitHub twice: GitHub. Code: `Github`.\n\n```\nGithub\n```\n', ['GitHub', 'Github']);
  });

  it('matches whole words only', () => {
    expectIssues('Acme ships. Acme again. ⟦ACME⟧ once; ACMEs and AcmeCorp are other words.\n', ['Acme', 'ACME']);
  });

  it('keys ignore case, spacing, hyphens and dots', () => {
    assert.equal(spellingKey('Git-Hub'), spellingKey('github'));
    assert.equal(spellingKey('Node.js'), spellingKey('NodeJS'));
  });
});
