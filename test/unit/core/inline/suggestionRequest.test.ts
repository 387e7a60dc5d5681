import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildInlinePrompt, type InlinePrompt } from '../../../../src/core/inline/inlinePrompt';
import { completeParams, finishSuggestions, suggestionKey, type RequestSettings } from '../../../../src/core/inline/suggestionRequest';
import { cursorDoc } from '../cursorDoc';

const settings: RequestSettings = { generationModel: 'org/model', dtype: 'q8', inlineLength: 'sentence', inlineSuggestions: 1 };

function promptAt(source: string, languageId = 'markdown'): InlinePrompt {
  const doc = cursorDoc(source);
  const p = buildInlinePrompt(doc.text, doc.offset, undefined, { languageId, maxPrefixTokens: 1024 });
  if (p.skip !== null) assert.fail(`skipped: ${p.skip}`);
  return p;
}

describe('suggestionRequest: one suggestion request from the prompt and the settings', () => {
  test('the cache key: the whole text around the cursor and every setting that changes the text', () => {
    const key = suggestionKey('file:///a.md', settings, promptAt('# T\n\nThe tide came in.║\n\nEnd.'));
    assert.deepEqual(key, { documentId: 'file:///a.md', modelId: 'org/model', settings: { dtype: 'q8', length: 'sentence', suggestions: 1 }, prefix: '# T\n\nThe tide came in.', suffix: '\n\nEnd.' });
  });

  test('the runner is asked greedily, for the unit the length setting asks for', () => {
    const p = completeParams('file:///a.md', settings, promptAt('The tide came in. The boats ║'));
    assert.equal(p.prompt, 'The tide came in. The boats ');
    assert.equal(p.temperature, 0);
    assert.equal(p.model, 'org/model');
    assert.equal(p.dtype, 'q8');
    assert.ok(p.unit, 'a unit to stop at');
    const word = completeParams('file:///a.md', { ...settings, inlineLength: 'word' }, promptAt('The tide came in. The boats ║'));
    assert.ok(word.maxNewTokens < p.maxNewTokens, `a word needs fewer tokens (${word.maxNewTokens}) than a sentence (${p.maxNewTokens})`);
  });

  test('the finished text is post-processed and uses the document line ending', () => {
    const p = promptAt('Line one.\n║');
    assert.deepEqual(finishSuggestions(['Line two.   '], settings, p, '\n'), ['Line two.']);
    assert.deepEqual(finishSuggestions(['a\nb', '   '], { ...settings, inlineLength: 'paragraph' }, p, '\r\n'), ['a\r\nb']);
  });
});
