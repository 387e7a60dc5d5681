import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterStop, belowFormat, placeOutput, revertMessage, stopMessage } from '../../../../src/core/documentEdits/outputPlacement';

const facts = { readOnly: false, closed: false, changedSinceRead: false };

describe('where a writing job writes', () => {
  it('writes where asked when nothing changed', () => {
    for (const target of ['cursor', 'region', 'below', 'replace', 'side', 'clipboard'] as const) {
      assert.deepEqual(placeOutput({ ...facts, target }), { kind: 'write', target });
    }
  });

  it('Continue Writing never writes at a cursor read before the document changed (a download came first)', () => {
    const placement = placeOutput({ ...facts, target: 'cursor', changedSinceRead: true });
    assert.equal(placement.kind, 'abort');
    assert.match(placement.kind === 'abort' ? placement.message : '', /changed while the model was being prepared.*run Continue Writing again/);
  });

  it('below, replace and a doc comment go to a side document when the document changed or is read-only', () => {
    for (const target of ['below', 'replace', 'region'] as const) {
      assert.deepEqual(placeOutput({ ...facts, target, changedSinceRead: true }), { kind: 'write', target: 'side', notice: 'Inkwell: the document changed since the command read it, so the result goes to a side document.' });
      const readOnly = placeOutput({ ...facts, target, readOnly: true });
      assert.ok(readOnly.kind === 'write' && readOnly.target === 'side' && /read-only/.test(readOnly.notice ?? ''));
    }
    assert.equal(placeOutput({ ...facts, target: 'cursor', readOnly: true }).kind, 'abort');
  });

  it('a closed document aborts with a message; side and clipboard do not care', () => {
    assert.equal(placeOutput({ ...facts, target: 'below', closed: true }).kind, 'abort');
    assert.equal(placeOutput({ ...facts, target: 'side', closed: true }).kind, 'write');
  });

  it('an interrupted job moves its draft to a side document, except Continue Writing and a closed document', () => {
    assert.equal(afterStop('below', 'conflict'), 'side');
    assert.equal(afterStop('replace', 'refused'), 'side');
    assert.equal(afterStop('cursor', 'conflict'), 'stop');
    assert.equal(afterStop('below', 'closed'), 'stop');
    assert.equal(stopMessage('cursor', 'conflict'), 'Inkwell stopped writing because the text it was writing was edited. Your edit was kept.');
    assert.match(stopMessage('replace', 'conflict'), /side document\. Your edit was kept\./);
  });

  it('a clean revert says nothing; one that kept an edit or failed says so', () => {
    assert.equal(revertMessage('restored'), undefined);
    assert.equal(revertMessage('closed'), undefined);
    assert.match(revertMessage('kept-user-edit') ?? '', /your edit/);
    assert.match(revertMessage('failed') ?? '', /Undo/);
  });

  it('formats below output per language, in the document line ending', () => {
    assert.deepEqual(belowFormat('markdown', '  ', '\r\n', undefined), { prefix: '  > ', separator: '\r\n\r\n' });
    assert.deepEqual(belowFormat('typescript', '', '\n', '//'), { prefix: '// ', separator: '\n' });
    assert.deepEqual(belowFormat('plaintext', '\t', '\n', undefined), { prefix: '\t', separator: '\n\n' });
    assert.deepEqual(belowFormat('markdown', '', '\r\n', undefined, true), { prefix: '', separator: '\r\n\r\n' });
  });
});
