import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinePrefixStream, prefixLines } from '../../../../src/core/text/linePrefixStream';

describe('line prefixes over streamed text', () => {
  it('quotes every line and marks blank lines', () => {
    assert.equal(prefixLines('One.\n\nTwo.', '> '), '> One.\n>\n> Two.');
  });
  it('gives the same result however the text is chunked', () => {
    const text = 'First line\nsecond\r\n\nthird and last\n';
    const whole = prefixLines(text, '// ', '\r\n');
    for (let size = 1; size <= 5; size++) {
      const stream = new LinePrefixStream('// ', '\r\n');
      let out = '';
      for (let i = 0; i < text.length; i += size) out += stream.push(text.slice(i, i + size));
      assert.equal(out, whole, `chunk size ${size}`);
    }
    assert.equal(whole, '// First line\r\n// second\r\n//\r\n// third and last\r\n');
  });
});
