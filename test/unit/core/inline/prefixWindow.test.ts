import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEnabledFor, withLanguage } from '../../../../src/core/inline/languageToggle';
import { choosePrefixStart } from '../../../../src/core/inline/prefixWindow';

describe('prefix window for KV-cache reuse', () => {
  const line = 'A line of prose that goes on for a while.\n'; // 42 chars ≈ 11 tokens
  it('keeps the whole text when it fits', () => {
    assert.equal(choosePrefixStart(line.repeat(3), 100, undefined).start, 0);
  });
  it('keeps the same start while typing, then jumps forward at a line start when over budget', () => {
    let text = line.repeat(20); // ≈ 210 tokens
    let window = choosePrefixStart(text, 100, undefined);
    assert.ok(window.start > 0);
    assert.equal(text[window.start - 1], '\n');
    const first = window.start;
    for (let i = 0; i < 20; i++) {
      text += 'word ';
      window = choosePrefixStart(text, 100, window);
      if (window.start !== first) break;
    }
    assert.equal(window.start, first, 'start moved while still within budget');
    text += 'x'.repeat(200);
    window = choosePrefixStart(text, 100, window);
    assert.ok(window.start > first);
    assert.ok(Math.ceil(text.slice(window.start).length / 4) <= 100);
  });
  it('starts over when the text at the start was edited', () => {
    const text = line.repeat(20);
    const window = choosePrefixStart(text, 100, undefined);
    const edited = `${text.slice(0, window.start)}CHANGED ${text.slice(window.start + 8)}`;
    const again = choosePrefixStart(edited, 100, window);
    assert.ok(again.anchor.startsWith(edited.slice(again.start, again.start + 10)));
    assert.notEqual(again.anchor, window.anchor);
  });
});

describe('per-language toggle', () => {
  it('a language entry wins over "*"', () => {
    assert.equal(isEnabledFor({ '*': true, plaintext: false }, 'plaintext'), false);
    assert.equal(isEnabledFor({ '*': false, markdown: true }, 'markdown'), true);
    assert.equal(isEnabledFor({ '*': false }, 'python'), false);
    assert.equal(isEnabledFor({}, 'python'), true);
  });
  it('sets one language or everything', () => {
    assert.deepEqual(withLanguage({ '*': true }, 'markdown', false), { '*': true, markdown: false });
    assert.deepEqual(withLanguage({ '*': true, markdown: false, go: true }, '*', false), { '*': false, markdown: false });
  });
});
