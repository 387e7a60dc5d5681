import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildInlinePrompt, type InlinePromptOptions } from '../../../../src/core/inline/inlinePrompt';
import { nextSuggestionPrompt } from '../../../../src/core/inline/nextSuggestionPrompt';
import type { TokenEstimator } from '../../../../src/core/text/tokenEstimate';
import { cursorDoc } from '../cursorDoc';

const markdown: InlinePromptOptions = { languageId: 'markdown', maxPrefixTokens: 1024 };

/** The next suggestion's prompt for a cursor document and the suggestion shown at its cursor. */
function next(source: string, shown: string, options: InlinePromptOptions = markdown) {
  const doc = cursorDoc(source);
  return nextSuggestionPrompt(doc.text, doc.offset, shown, undefined, options);
}

describe('nextSuggestionPrompt: the document as it reads after the shown suggestion', () => {
  test('the prompt ends with the shown suggestion; the suffix is the text after the cursor', () => {
    const p = next('# Harbour\n\nThe tide came in early.║\n\nMore later.', ' The boats waited.');
    if (p.skip !== null) assert.fail(`skipped: ${p.skip}`);
    assert.equal(p.before, '# Harbour\n\nThe tide came in early. The boats waited.');
    assert.equal(p.prompt, p.before);
    assert.equal(p.suffix, '\n\nMore later.');
  });

  test('it is the prompt the user gets after typing the suggestion out', () => {
    const shown = ' wall, and the gulls circled.';
    const p = next('The boats waited by the old stone║', shown);
    const typed = cursorDoc(`The boats waited by the old stone${shown}║`);
    assert.deepEqual(p, buildInlinePrompt(typed.text, typed.offset, undefined, markdown));
  });

  test('nothing shown: nothing to ask for', () => {
    assert.deepEqual(next('Hello.║', ''), { skip: 'nothing-shown' });
    assert.deepEqual(next('Hello.║', ' \n '), { skip: 'nothing-shown' });
  });

  test('where no suggestion would be asked for, none is asked for ahead of time', () => {
    // The suggestion stops right before a word of the line: the cursor would be mid-word.
    assert.deepEqual(next('Say ║there.', 'hello '), { skip: 'mid-word' });
    // The suggestion opens a code fence: its end is inside a code block.
    assert.deepEqual(next('Some text.\n\n║', '```js\nconst a = 1;'), { skip: 'in-code-block' });
  });

  test('in code, the comment the suggestion continues is the context', () => {
    const p = next('// Adds two║\nfunction add(a, b) { return a + b; }\n', ' numbers.', { languageId: 'typescript', maxPrefixTokens: 1024 });
    if (p.skip !== null) assert.fail(`skipped: ${p.skip}`);
    assert.equal(p.before, '// Adds two numbers.');
    assert.notEqual(p.comment, null);
  });

  test('the window keeps its start, so the runner reuses the KV cache of the shown suggestion', () => {
    const words: TokenEstimator = (text) => text.split(/\s+/).filter(Boolean).length;
    const options = { ...markdown, maxPrefixTokens: 40, estimateTokens: words };
    const doc = cursorDoc(`${'All work and no play makes a dull story.\n'.repeat(20)}The end║`);
    const now = buildInlinePrompt(doc.text, doc.offset, undefined, options);
    if (now.skip !== null) assert.fail(`skipped: ${now.skip}`);
    const p = nextSuggestionPrompt(doc.text, doc.offset, ' of the story.', now.window, options);
    if (p.skip !== null) assert.fail(`skipped: ${p.skip}`);
    assert.ok(now.window.start > 0, 'the test needs a window that starts below the top');
    assert.equal(p.window.start, now.window.start);
    assert.equal(p.prompt, `${now.prompt} of the story.`);
  });
});
