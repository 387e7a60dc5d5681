/**
 * Guesses the language of a text for Translate's source language (`Methods.detectLanguage`).
 * Runs in the runner: franc-min's trigram tables are ~170 KB, which the extension's bundle
 * does not need to carry.
 */
import { franc } from 'franc-min';
import { RunnerErrorCode, type DetectLanguageParams, type DetectLanguageResult } from '../protocol';
import { runnerError } from './errors';

/**
 * franc-min's ISO 639-3 codes for Inkwell's translation languages (src/core/translate/translationLanguages.ts).
 * Detection is limited to them: a guess outside the list would be of no use, and a short list is
 * what makes trigram detection reliable on a sentence or two (see the README).
 */
export const DETECTABLE: Readonly<Record<string, string>> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', swe: 'sv', pol: 'pl', rus: 'ru', ukr: 'uk',
  jpn: 'ja', cmn: 'zh', kor: 'ko', arb: 'ar', hin: 'hi', ces: 'cs', hun: 'hu', ron: 'ro', tur: 'tr', ell: 'el', tha: 'th',
};

const ONLY = Object.keys(DETECTABLE);
/** Enough text for a confident guess; a whole long document would only cost time. */
const SAMPLE_CHARS = 4000;

/** Guesses the language of `text` (franc-min's trigram models, limited to DETECTABLE); undefined when unsure or too short. */
export function detectLanguage(text: string): string | undefined {
  return DETECTABLE[franc(text.slice(0, SAMPLE_CHARS), { only: ONLY, minLength: 10 })];
}

/** The `detectLanguage` request: bad params get a clear InvalidParams error. */
export function answerDetectLanguage(params: DetectLanguageParams): DetectLanguageResult {
  if (typeof params?.text !== 'string') throw runnerError(RunnerErrorCode.InvalidParams, 'detectLanguage needs the text as a string.');
  const language = detectLanguage(params.text);
  return language ? { language } : {};
}
