/**
 * Languages Inkwell translates between, which model serves a pair, and a
 * small source-language guesser. Marian opus-mt pairs are one small model per
 * direction; anything else goes to the multilingual NLLB-200 model with its
 * language codes.
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

const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'of', 'to', 'in', 'that', 'it', 'with', 'for'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'ein', 'zu', 'mit', 'sich'],
  fr: ['le', 'la', 'les', 'et', 'est', 'des', 'une', 'que', 'pour', 'dans'],
  es: ['el', 'la', 'los', 'y', 'es', 'que', 'una', 'por', 'para', 'con'],
  it: ['il', 'la', 'che', 'e', 'di', 'non', 'una', 'per', 'sono', 'con'],
  pt: ['o', 'a', 'que', 'e', 'do', 'da', 'não', 'uma', 'para', 'com'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'niet', 'dat', 'op', 'met'],
};

/** Guesses the language of `text` (script first, then common words); undefined when unsure. */
export function detectLanguage(text: string): string | undefined {
  const scripts: [RegExp, string][] = [[/[\u3040-\u30ff]/g, 'ja'], [/[\uac00-\ud7af]/g, 'ko'], [/[\u4e00-\u9fff]/g, 'zh'], [/[\u0400-\u04ff]/g, 'ru'], [/[\u0600-\u06ff]/g, 'ar'], [/[\u0900-\u097f]/g, 'hi']];
  const letters = text.replace(/[^\p{L}]/gu, '').length || 1;
  for (const [pattern, code] of scripts) if ((text.match(pattern)?.length ?? 0) / letters > 0.3) return code;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best: string | undefined;
  let bestScore = 0;
  for (const [code, list] of Object.entries(STOPWORDS)) {
    const set = new Set(list);
    const score = words.filter((w) => set.has(w)).length;
    if (score > bestScore) [best, bestScore] = [code, score];
  }
  return bestScore >= 2 ? best : undefined;
}
