import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declarationQuote, StringSkipper } from '../../../../src/core/docComment/stringSkipper';

/** The characters of `text` that are code, not string. */
function code(text: string, skipper = new StringSkipper()): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const n = skipper.skip(text, i);
    if (n) i += n - 1;
    else out += text[i];
  }
  return out;
}

test('quoted strings are skipped, quotes and escapes included', () => {
  assert.equal(code('f("a, (b", \'c)\', d)'), 'f(, , d)');
  assert.equal(code('f("say \\"hi\\" (", x)'), 'f(, x)');
  assert.equal(code("f('\\\\', y)"), 'f(, y)');
});

test('template literals and Rust lifetimes (declaration rule)', () => {
  assert.equal(code('g(`a, b`, c)', new StringSkipper(declarationQuote)), 'g(, c)');
  assert.equal(code("fn f<'a>(x: &'a str, y)", new StringSkipper(declarationQuote)), "fn f<'a>(x: &'a str, y)");
  assert.equal(code('g(`a, b`, c)'), 'g(`a, b`, c)', 'the plain rule reads backticks as code');
});

test('an unclosed string carries over to the next call until reset', () => {
  const skipper = new StringSkipper();
  assert.equal(code('f("open, (', skipper), 'f(');
  assert.equal(code('still", x)', skipper), ', x)');
  code('g("open', skipper);
  skipper.reset();
  assert.equal(code('h(y)', skipper), 'h(y)');
});
