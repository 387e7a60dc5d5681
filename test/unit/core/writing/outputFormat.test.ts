import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatBelow, formatSummary, toBullets, validateSelection } from '../../../../src/core/writing/outputFormat';

describe('formatBelow', () => {
  test('Markdown: a blockquote after a blank line, with `>` on blank lines', () => {
    assert.equal(formatBelow('markdown', 'First paragraph.\n\nSecond\nline.\n', '', '\n'), '\n\n> First paragraph.\n>\n> Second\n> line.');
    assert.equal(formatBelow('markdown', 'Short.', '', '\r\n', { followedByText: true }), '\r\n\r\n> Short.\r\n');
  });

  test('code: line comments at the indentation; blank lines keep the token', () => {
    assert.equal(formatBelow('python', 'Sums it.\n\nFast.', '    ', '\n'), '\n    # Sums it.\n    #\n    # Fast.');
    assert.equal(formatBelow('typescript', 'A note.', '\t', '\n'), '\n\t// A note.');
  });

  test('code without line comments: a block comment that the text cannot close early', () => {
    assert.equal(formatBelow('css', 'Uses */ here.', '', '\n'), '\n/*\nUses * / here.\n*/');
    assert.equal(formatBelow('html', 'Note -->', '  ', '\n'), '\n  <!--\n  Note - - >\n  -->');
  });

  test('plain text: paragraphs after a blank line; CRLF model output normalized', () => {
    assert.equal(formatBelow('plaintext', 'One.\r\nTwo.', '', '\n'), '\n\nOne.\nTwo.');
    assert.equal(formatBelow('unknown-language', 'X', '', '\n'), '\n\nX');
  });
});

describe('summary styles', () => {
  test('bullets: markers normalized, wrapped lines joined, a preamble dropped', () => {
    const model = 'Here are the key points:\n\n* The cache is shared\n  between windows.\n2) Models load lazily.\n• Nothing leaves the machine.';
    assert.equal(toBullets(model), '- The cache is shared between windows.\n- Models load lazily.\n- Nothing leaves the machine.');
  });

  test('bullets from prose: one per sentence (abbreviations respected)', () => {
    assert.equal(toBullets('It is fast, e.g. on a laptop. It is private.\nIt is free.'), '- It is fast, e.g. on a laptop.\n- It is private.\n- It is free.');
  });

  test('paragraph joins lines and drops markers; TL;DR keeps the first sentence', () => {
    assert.equal(formatSummary('- One point.\n- Two\n  points.', 'paragraph'), 'One point. Two points.');
    assert.equal(formatSummary('The runner is isolated. It restarts.', 'tldr'), 'The runner is isolated.');
    assert.equal(formatSummary('No end', 'tldr'), 'No end');
  });
});

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
