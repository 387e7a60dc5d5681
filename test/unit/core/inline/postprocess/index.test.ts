import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_FILTERS, postprocessCompletion, postprocessCompletions } from '../../../../../src/core/inline/postprocess/index';
import type { PostprocessFilter } from '../../../../../src/core/inline/postprocess/types';
import { contextFor } from './contextFor';

describe('postprocessCompletion', () => {
  test('prose: sentence cut, then suffix overlap', () => {
    const ctx = contextFor('Call it (║).', { length: 'sentence' });
    assert.equal(postprocessCompletion('maybe). And more.', ctx), 'maybe');
  });

  test('prose: word mode keeps the leading space after a word', () => {
    assert.equal(postprocessCompletion(' brown fox', contextFor('The quick║', { length: 'word' })), ' brown');
    assert.equal(postprocessCompletion(' brown fox', contextFor('The quick ║', { length: 'word' })), 'brown');
  });

  test('JSDoc: stops at */, adds stars, cuts the paragraph, trims', () => {
    const ctx = contextFor('/**\n * Adds ║\n */\nfunction add() {}', { languageId: 'typescript', length: 'paragraph' });
    assert.equal(
      postprocessCompletion('two numbers.\nReturns the sum.\n\nMore. */\nfunction', ctx),
      'two numbers.\n * Returns the sum.',
    );
  });

  test('line comment: the line only, whatever the length', () => {
    const ctx = contextFor('// the ║', { languageId: 'typescript', length: 'paragraph' });
    assert.equal(postprocessCompletion('answer is 42  \nconst y = 2;', ctx), 'answer is 42');
  });

  test('Python docstring', () => {
    const ctx = contextFor('def add(a, b):\n    """Return ║\n    """', { languageId: 'python', length: 'paragraph' });
    assert.equal(postprocessCompletion('the sum.\nArgs:\n    """', ctx), 'the sum.\n    Args:');
  });

  test('dropped: whitespace only, repeats, nothing left after the overlap', () => {
    assert.equal(postprocessCompletion('   \n', contextFor('Text ║')), null);
    assert.equal(postprocessCompletion('Same line.', contextFor('Same line.\n║')), null);
    assert.equal(postprocessCompletion(' fox', contextFor('The ║ fox', { length: 'line' })), null);
    assert.equal(postprocessCompletion('\nconst y = 2;', contextFor('// the ║', { languageId: 'typescript' })), null);
  });

  test('empty prefix', () => {
    assert.equal(postprocessCompletion('Once upon a time. There', contextFor('║', { length: 'sentence' })), 'Once upon a time.');
  });

  test('custom filters run in the given order and stop at the first null', () => {
    const calls: string[] = [];
    const upper: PostprocessFilter = (c) => (calls.push('upper'), c.toUpperCase());
    const drop: PostprocessFilter = () => (calls.push('drop'), null);
    const never: PostprocessFilter = (c) => (calls.push('never'), c);
    assert.equal(postprocessCompletion('a', contextFor('║'), [upper]), 'A');
    assert.equal(postprocessCompletion('a', contextFor('║'), [upper, drop, never]), null);
    assert.deepEqual(calls, ['upper', 'upper', 'drop']);
  });

  test('the default order', () => {
    assert.deepEqual(
      DEFAULT_FILTERS.map((f) => f.name),
      ['stopInComment', 'stopAtLength', 'removeSuffixOverlap', 'dropRepeatedLine', 'trimTrailingSpace', 'dropWhitespaceOnly'],
    );
  });
});

describe('postprocessCompletions', () => {
  test('drops nulls and duplicates, keeps order', () => {
    const ctx = contextFor('Hello ║', { length: 'word' });
    assert.deepEqual(postprocessCompletions(['world. Yes', '  ', 'world! No', 'there'], ctx), ['world.', 'world!', 'there']);
    assert.deepEqual(postprocessCompletions(['world one', 'world two'], ctx), ['world']);
    assert.deepEqual(postprocessCompletions([], ctx), []);
  });
});
