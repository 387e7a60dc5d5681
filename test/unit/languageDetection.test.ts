// Translate's source-language detection, in the runner (franc-min stays out of the extension's
// bundle): the function on sentences in 21 languages, and the protocol request through the real
// bundled runner.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LANGUAGES } from '../../src/core/translate/translationLanguages';
import { Methods, RunnerErrorCode } from '../../src/protocol';
import { DETECTABLE, detectLanguage } from '../../src/runner/languageDetection';
import { LANGUAGE_SAMPLES } from '../fixtures/text/languageSamples';
import { ROOT, startTestRunner, type TestRunner } from './runnerHarness';

describe('source language detection', () => {
  it('recognises common languages', () => {
    assert.equal(detectLanguage('The cat is in the garden and it is happy with the sun.'), 'en');
    assert.equal(detectLanguage('Der Hund ist nicht im Garten, und das ist gut.'), 'de');
    assert.equal(detectLanguage('Le chat est dans la maison et les enfants jouent.'), 'fr');
    assert.equal(detectLanguage('これは日本語の文章です。'), 'ja');
    assert.equal(detectLanguage('Привет, как дела?'), 'ru');
  });
  it('says nothing when unsure', () => {
    assert.equal(detectLanguage('x = 1'), undefined);
  });
  it('only answers with codes of the translation languages', () => {
    const codes = new Set(LANGUAGES.map((l) => l.code));
    for (const code of Object.values(DETECTABLE)) assert.ok(codes.has(code), code);
  });
});

describe('detectLanguage on two sentences in each of 21 languages', () => {
  // Left out: Danish and Finnish (franc-min has no model for them) and Hungarian (one of
  // its two sentences reads as Spanish to franc-min); see the README.
  const tested = Object.entries(LANGUAGE_SAMPLES).filter(([code]) => !['da', 'fi', 'hu'].includes(code));
  it('covers at least 20 languages', () => assert.ok(tested.length >= 20, String(tested.length)));
  for (const [code, sentences] of tested) {
    it(code, () => {
      for (const sentence of sentences) assert.equal(detectLanguage(sentence), code, sentence);
    });
  }
});

describe('the detectLanguage request (real runner)', () => {
  let runner: TestRunner;
  before(() => {
    runner = startTestRunner();
  });
  after(async () => {
    await runner.client.dispose();
  });

  it('answers with the language, or none for text too short to tell', async () => {
    assert.deepEqual(await runner.client.request(Methods.detectLanguage, { text: 'Der Hund ist nicht im Garten, und das ist gut.' }), { language: 'de' });
    assert.deepEqual(await runner.client.request(Methods.detectLanguage, { text: 'x = 1' }), {});
  });

  it('refuses text that is not a string with a clear message', async () => {
    await assert.rejects(
      runner.client.request(Methods.detectLanguage, { text: 42 as unknown as string }),
      (err: { code?: number; message?: string }) => err.code === RunnerErrorCode.InvalidParams && /text as a string/.test(err.message ?? ''),
    );
  });
});

describe('the extension bundle', () => {
  const bundle = path.join(ROOT, 'dist/extension.js');
  it('does not carry the language detector (it runs in the runner)', { skip: !existsSync(bundle) && 'no dist/extension.js; run npm run build' }, () => {
    // The start of franc-min's Spanish trigram table: in its data whether the bundle is minified or not.
    const spanishTrigrams = ' de|de |os | la| a |la | y |';
    assert.ok(readFileSync(path.join(ROOT, 'dist/runner.js'), 'utf8').includes(spanishTrigrams), 'the marker is in the runner bundle');
    assert.equal(readFileSync(bundle, 'utf8').includes(spanishTrigrams), false, 'dist/extension.js contains franc-min');
  });
});
