import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NLLB_MODEL, translationModelFor } from '../../../../src/core/translate/translationLanguages';

describe('translation model choice', () => {
  it('uses an opus-mt pair when one exists', () => {
    assert.deepEqual(translationModelFor('auto', 'en', 'de'), { model: 'Xenova/opus-mt-en-de' });
  });
  it('falls back to NLLB with FLORES codes', () => {
    assert.deepEqual(translationModelFor('auto', 'de', 'fr'), { model: NLLB_MODEL, srcLang: 'deu_Latn', tgtLang: 'fra_Latn' });
  });
  it('keeps a configured model; multilingual ones get codes', () => {
    assert.deepEqual(translationModelFor('/models/my-marian', 'en', 'de'), { model: '/models/my-marian' });
    assert.equal(translationModelFor('facebook/m2m100_418M', 'en', 'ja').tgtLang, 'jpn_Jpan');
  });
});
