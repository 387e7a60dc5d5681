/**
 * Translation masking on every example of the CommonMark spec (commonmark-spec,
 * 652 examples) and on GFM examples: masking returns the exact document, and a
 * translation that changes every word leaves the rendered structure, code, link
 * and image targets and raw HTML unchanged.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRequire } from 'node:module';
import { reassemble, segmentForTranslation, textsToTranslate } from '../../../../src/core/translate/masking';
import { GFM_EXAMPLES } from './gfmExamples';
import { protectedValues, render, structure, translateAll, withTabs, type SpecExample } from './markdownSpec';

const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };

/** Examples whose words cannot all change without changing the rendering, with the reason. */
const EXCEPTIONS: Record<number, string> = {};

function check(markdown: string, withGfm: boolean): string[] {
  const problems: string[] = [];
  const segments = segmentForTranslation(markdown);
  if (segments.map((s) => s.text).join('') !== markdown) problems.push('segments do not concatenate to the document');
  const identity = reassemble(segments, textsToTranslate(segments));
  if (identity.text !== markdown || identity.fallbacks.length > 0) problems.push('identity translation is not byte-identical');
  const translated = translateAll(segments);
  if (translated.fallbacks > 0) problems.push(`${translated.fallbacks} passages fell back`);
  if (structure(render(translated.text, withGfm)) !== structure(render(markdown, withGfm))) problems.push('rendered structure changed');
  if (JSON.stringify(protectedValues(translated.text)) !== JSON.stringify(protectedValues(markdown))) problems.push('code, HTML, math or a link target changed');
  return problems;
}

function runAll(name: string, examples: readonly SpecExample[], withGfm: boolean, exceptions: Record<number, string>) {
  test(`${name}: ${examples.length} examples`, (t) => {
    const failures: string[] = [];
    let passed = 0;
    for (const example of examples) {
      const markdown = withTabs(example.markdown);
      const problems = check(markdown, withGfm);
      if (problems.length === 0) passed++;
      else if (!(example.number in exceptions)) failures.push(`#${example.number} (${example.section}) ${JSON.stringify(markdown)}: ${problems.join('; ')}`);
    }
    t.diagnostic(`${name}: ${passed} of ${examples.length} examples pass every check; ${Object.keys(exceptions).length} listed exceptions`);
    assert.deepEqual(failures, []);
  });
}

describe('translation masking on the specs\' examples', () => {
  runAll('CommonMark 0.31.2', spec.tests, false, EXCEPTIONS);
  runAll('GFM', GFM_EXAMPLES, true, {});
});
