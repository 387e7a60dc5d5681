import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CompletionCache, type CacheKeyParts } from '../../../../src/core/inline/completionCache';
import { cursorDoc } from '../cursorDoc';

/** Key parts for a cursor document (defaults: doc a, model m, settings {mode: p}). */
function at(source: string, extra: Partial<CacheKeyParts> = {}): CacheKeyParts {
  const doc = cursorDoc(source);
  return { documentId: 'file:///a.md', modelId: 'm', settings: { mode: 'p' }, prefix: doc.prefix, suffix: doc.suffix, ...extra };
}

describe('exact hits', () => {
  test('miss, then hit after set', () => {
    const cache = new CompletionCache();
    assert.equal(cache.get(at('Hello║')), undefined);
    cache.set(at('Hello║'), [' world']);
    assert.deepEqual(cache.get(at('Hello║')), [' world']);
  });

  test('model and parameters are part of the key', () => {
    const cache = new CompletionCache();
    cache.set(at('Hello║'), [' world']);
    assert.equal(cache.get(at('Hello║', { modelId: 'other' })), undefined);
    assert.equal(cache.get(at('Hello║', { settings: { mode: 'q' } })), undefined);
    assert.equal(cache.get(at('Hello║ there')), undefined);
  });

  test('only the prefix tail and suffix head are in the key', () => {
    const cache = new CompletionCache({ prefixTail: 5, suffixHead: 3 });
    cache.set(at('one Hello║ abcdef'), ['!']);
    assert.deepEqual(cache.get(at('two Hello║ abXYZ')), ['!']);
    assert.equal(cache.get(at('two Hallo║ abXYZ')), undefined);
  });

  test('the same context in another document is the same request', () => {
    const cache = new CompletionCache();
    cache.set(at('Hello║'), [' world']);
    assert.deepEqual(cache.get(at('Hello║', { documentId: 'file:///b.md' })), [' world']);
  });

  test('up to three distinct, non-empty completions', () => {
    const cache = new CompletionCache();
    cache.set(at('Hi║'), ['a', '', 'a', 'b', 'c', 'd']);
    assert.deepEqual(cache.get(at('Hi║')), ['a', 'b', 'c']);
  });

  test('nothing to store stores nothing', () => {
    const cache = new CompletionCache();
    cache.set(at('Hi║'), ['']);
    assert.equal(cache.get(at('Hi║')), undefined);
  });

  test('results are copies', () => {
    const cache = new CompletionCache();
    cache.set(at('Hi║'), ['a']);
    cache.get(at('Hi║'))?.push('mutated');
    assert.deepEqual(cache.get(at('Hi║')), ['a']);
  });

  test('least recently used entries are evicted', () => {
    const cache = new CompletionCache({ maxEntries: 2 });
    cache.set(at('one║'), ['1']);
    cache.set(at('two║'), ['2']);
    cache.get(at('one║'));
    cache.set(at('three║'), ['3']);
    assert.deepEqual(cache.get(at('one║')), ['1']);
    assert.equal(cache.get(at('two║')), undefined);
  });
});

describe('typing along', () => {
  test('typed characters that start a suggestion leave its rest', () => {
    const cache = new CompletionCache();
    cache.set(at('Hello║'), [' world', ' there']);
    assert.deepEqual(cache.get(at('Hello ║')), ['world', 'there']);
    assert.deepEqual(cache.get(at('Hello w║')), ['orld']);
    assert.deepEqual(cache.get(at('Hello wo║')), ['rld']);
    assert.deepEqual(cache.get(at('Hello t║')), ['here']);
  });

  test('typing something else, or all of it, is a miss', () => {
    const cache = new CompletionCache();
    cache.set(at('Hello║'), [' world']);
    assert.equal(cache.get(at('Hello x║')), undefined);
    assert.equal(cache.get(at('Hello world║')), undefined);
    assert.equal(cache.get(at('Hell║')), undefined);
  });

  test('the suffix must be unchanged', () => {
    const cache = new CompletionCache();
    cache.set(at('Hello║ and more'), [' world']);
    assert.deepEqual(cache.get(at('Hello w║ and more')), ['orld']);
    assert.equal(cache.get(at('Hello w║ and less')), undefined);
  });

  test('the text before the old cursor must be unchanged', () => {
    const cache = new CompletionCache();
    cache.set(at('abc Hello║'), [' world']);
    assert.equal(cache.get(at('xyz Hello w║')), undefined);
  });

  test('only within the same document, model and parameters', () => {
    const cache = new CompletionCache();
    cache.set(at('Hello║'), [' world']);
    assert.equal(cache.get(at('Hello w║', { documentId: 'file:///b.md' })), undefined);
    assert.equal(cache.get(at('Hello w║', { modelId: 'other' })), undefined);
    assert.equal(cache.get(at('Hello w║', { settings: { mode: 'q' } })), undefined);
  });

  test('a later entry is tried first; older ones still serve', () => {
    const cache = new CompletionCache();
    cache.set(at('Hello║'), [' world']);
    cache.set(at('Hello ║'), ['there']);
    assert.deepEqual(cache.get(at('Hello t║')), ['here']);
    assert.deepEqual(cache.get(at('Hello w║')), ['orld']);
  });

  test('only the last few requests per document are remembered', () => {
    const cache = new CompletionCache({ recentPerDocument: 1, maxEntries: 1 });
    cache.set(at('Hello║'), [' world']);
    cache.set(at('Other text║'), [' here']);
    assert.equal(cache.get(at('Hello w║')), undefined);
    assert.deepEqual(cache.get(at('Other text h║')), ['ere']);
  });

  test('a long run of typing is not served', () => {
    const cache = new CompletionCache({ maxTypedAhead: 3 });
    cache.set(at('A║'), [' long suggestion']);
    assert.deepEqual(cache.get(at('A lo║')), ['ng suggestion']);
    assert.equal(cache.get(at('A lon║')), undefined);
  });

  test('multi-line suggestions and unicode', () => {
    const cache = new CompletionCache();
    cache.set(at('Café║'), [' crème\nbrûlée']);
    assert.deepEqual(cache.get(at('Café crème\n║')), ['brûlée']);
    cache.set(at('Smile║'), [' 😀 ok']);
    assert.deepEqual(cache.get(at('Smile 😀║')), [' ok']);
  });

  test('CRLF text', () => {
    const cache = new CompletionCache();
    cache.set(at('Line one\r\n║'), ['Line two']);
    assert.deepEqual(cache.get(at('Line one\r\nLine ║')), ['two']);
  });
});

describe('forgetting', () => {
  test('forgetDocument drops typing along for that document only', () => {
    const cache = new CompletionCache();
    cache.set(at('Hello║'), [' world']);
    cache.set(at('Hello║', { documentId: 'b' }), [' world']);
    cache.forgetDocument('file:///a.md');
    assert.equal(cache.get(at('Hello w║')), undefined);
    assert.deepEqual(cache.get(at('Hello w║', { documentId: 'b' })), ['orld']);
    assert.deepEqual(cache.get(at('Hello║')), [' world']);
  });

  test('clear drops everything', () => {
    const cache = new CompletionCache();
    cache.set(at('Hello║'), [' world']);
    cache.clear();
    assert.equal(cache.get(at('Hello║')), undefined);
    assert.equal(cache.get(at('Hello w║')), undefined);
  });
});
