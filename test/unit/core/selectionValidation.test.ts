import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateSelection } from '../../../src/core/selectionValidation';

describe('validateSelection', () => {
  test('ok, empty and whitespace-only', () => {
    assert.deepEqual(validateSelection('Some text.', 100), { ok: true });
    assert.deepEqual(validateSelection(' \n\t', 100), { ok: false, reason: 'empty', message: 'The selection is empty. Select some text first.' });
  });

  test('too large: the message gives the size and the limit', () => {
    const result = validateSelection('x'.repeat(1_200_000), 200_000);
    assert.deepEqual(result, { ok: false, reason: 'too-large', message: 'The selection is 1.2 MB; Inkwell handles up to 200 KB at a time. Select a smaller part.' });
    const close = validateSelection('x'.repeat(200_040), 200_000);
    assert.ok(!close.ok && close.message.startsWith('The selection is 200.04 KB; Inkwell handles up to 200 KB'), JSON.stringify(close));
    assert.deepEqual(validateSelection('x'.repeat(101), 100), { ok: false, reason: 'too-large', message: 'The selection is 101 characters; Inkwell handles up to 100 characters at a time. Select a smaller part.' });
  });

  test('binary: a NUL byte, or many control or replacement characters; tabs, CRLF and emoji are text', () => {
    assert.equal(validateSelection('abc\u0000def', 100).ok, false);
    const binary = validateSelection('PK\u0003\u0004\u0014\u0000'.replace('\u0000', '') + 'ab\ufffd\ufffd\u0001', 100);
    assert.deepEqual(binary, { ok: false, reason: 'binary', message: 'The selection looks like binary data, not text.' });
    assert.deepEqual(validateSelection('col1\tcol2\r\nrow 😀\f\n'.repeat(50), 10_000), { ok: true });
  });
});
