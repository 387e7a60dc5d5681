/**
 * Languages Inkwell translates between and which model serves a pair. Marian
 * opus-mt pairs are one small model per direction; anything else goes to the
 * multilingual NLLB-200 model with its language codes. The source-language
 * detector lives in the runner (src/runner/languageDetection.ts), out of the
 * extension's bundle.
 */

export interface Language {
  code: string;
  name: string;
  /** NLLB-200's code (FLORES-200). */
  nllb: string;
}

export const LANGUAGES: readonly Language[] = [
  { code: 'en', name: 'English', nllb: 'eng_Latn' },
  { code: 'de', name: 'German', nllb: 'deu_Latn' },
  { code: 'fr', name: 'French', nllb: 'fra_Latn' },
  { code: 'es', name: 'Spanish', nllb: 'spa_Latn' },
  { code: 'it', name: 'Italian', nllb: 'ita_Latn' },
  { code: 'pt', name: 'Portuguese', nllb: 'por_Latn' },
  { code: 'nl', name: 'Dutch', nllb: 'nld_Latn' },
  { code: 'sv', name: 'Swedish', nllb: 'swe_Latn' },
  { code: 'pl', name: 'Polish', nllb: 'pol_Latn' },
  { code: 'ru', name: 'Russian', nllb: 'rus_Cyrl' },
  { code: 'uk', name: 'Ukrainian', nllb: 'ukr_Cyrl' },
  { code: 'ja', name: 'Japanese', nllb: 'jpn_Jpan' },
  { code: 'zh', name: 'Chinese (Simplified)', nllb: 'zho_Hans' },
  { code: 'ko', name: 'Korean', nllb: 'kor_Hang' },
  { code: 'ar', name: 'Arabic', nllb: 'arb_Arab' },
  { code: 'hi', name: 'Hindi', nllb: 'hin_Deva' },
  { code: 'cs', name: 'Czech', nllb: 'ces_Latn' },
  { code: 'hu', name: 'Hungarian', nllb: 'hun_Latn' },
  { code: 'ro', name: 'Romanian', nllb: 'ron_Latn' },
  { code: 'tr', name: 'Turkish', nllb: 'tur_Latn' },
  { code: 'el', name: 'Greek', nllb: 'ell_Grek' },
  { code: 'th', name: 'Thai', nllb: 'tha_Thai' },
];

/** opus-mt directions published as ONNX under Xenova/ (others use NLLB). */
const OPUS_PAIRS = new Set(['en-de', 'de-en', 'en-fr', 'fr-en', 'en-es', 'es-en', 'en-it', 'it-en', 'en-nl', 'nl-en', 'en-ru', 'ru-en', 'en-zh', 'zh-en', 'ja-en', 'ko-en', 'en-ar', 'ar-en', 'en-hi', 'hi-en', 'en-uk', 'uk-en', 'en-sv', 'sv-en']);

export const NLLB_MODEL = 'Xenova/nllb-200-distilled-600M';

export function languageByCode(code: string): Language | undefined {
  return LANGUAGES.find((l) => l.code === code.toLowerCase());
}

export interface TranslationModelChoice {
  model: string;
  /** Language codes in the model's convention, when the model needs them. */
  srcLang?: string;
  tgtLang?: string;
}

/**
 * The model for a pair: the configured model when the user set one
 * (multilingual ones get NLLB codes), else an opus-mt pair when one exists,
 * else NLLB-200.
 */
export function translationModelFor(configured: string, source: string, target: string): TranslationModelChoice {
  const src = languageByCode(source);
  const tgt = languageByCode(target);
  const multilingual = (model: string) => ({ model, srcLang: src?.nllb, tgtLang: tgt?.nllb });
  if (configured && configured !== 'auto') return /nllb|m2m/i.test(configured) ? multilingual(configured) : { model: configured };
  if (OPUS_PAIRS.has(`${source}-${target}`)) return { model: `Xenova/opus-mt-${source}-${target}` };
  return multilingual(NLLB_MODEL);
}
