/**
 * Placeholder tokens that stand in for protected text while a model translates.
 *
 * The token is `{N}` (N = 0, 1, …). Translation models (Marian/opus-mt, NLLB, M2M)
 * have no byte fallback: a rare symbol like `⟦` becomes `<unk>` and the token is
 * lost. `{0}` is plain ASCII, has no letters to translate or re-case, and is the
 * placeholder style of the software-localization text these models learned from,
 * so they copy it. Restoring is tolerant: `{ 0 }`, full-width `｛０｝` and the like are
 * recognised. Text that already looks like a token is itself protected, so every
 * token in the masked text is one of ours.
 */

/** Matches a placeholder as a model may return it; group 1 is the number. */
export const TOKEN_PATTERN = /[{｛][ \t\u00a0\u3000]*([0-9０-９]{1,4})[ \t\u00a0\u3000]*[}｝]/g;

export function token(index: number): string {
  return `{${index}}`;
}

/** How a protected span sits against its neighbours, so spaces a model adds can be removed. */
export type Glue = 'next' | 'previous' | 'none';

export interface Protected {
  /** The original text the token stands for. */
  text: string;
  /**
   * `next`: it opens something and touches the following text (`[` of a link);
   * `previous`: it closes something and touches the preceding text (`](url)`).
   */
  glue: Glue;
}

export interface RestoreResult {
  /** The translation with every token found replaced by its original text. */
  text: string;
  /** True when every token came back exactly once and no unknown token appeared. */
  ok: boolean;
  /** Tokens the model dropped. */
  missing: number[];
  /** Tokens the model repeated (each occurrence is restored). */
  duplicated: number[];
  /** Token numbers the model made up. */
  unknown: number[];
}

const digitValue = (digits: string) => Number(digits.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));

/** Replaces the tokens in `translated` with the protected texts, and says which went missing or doubled. */
export function restorePlaceholders(translated: string, spans: readonly Protected[]): RestoreResult {
  const seen = new Array<number>(spans.length).fill(0);
  const unknown: number[] = [];
  let text = '';
  let from = 0;
  let skipSpaces = false;
  const appendBetween = (between: string) => {
    text += skipSpaces ? between.replace(/^[ \t]+/, '') : between;
    skipSpaces = false;
  };
  for (const m of translated.matchAll(TOKEN_PATTERN)) {
    appendBetween(translated.slice(from, m.index));
    from = m.index + m[0].length;
    const index = digitValue(m[1]);
    const span = spans[index];
    if (span === undefined) {
      unknown.push(index);
      text += m[0];
      continue;
    }
    seen[index]++;
    // A model often puts spaces where the original had none: "[ text ](url)" -> "[text](url)".
    if (span.glue === 'previous') text = text.replace(/[ \t]+$/, '');
    text += span.text;
    skipSpaces = span.glue === 'next';
  }
  appendBetween(translated.slice(from));
  const missing = seen.flatMap((n, i) => (n === 0 ? [i] : []));
  const duplicated = seen.flatMap((n, i) => (n > 1 ? [i] : []));
  return { text, ok: missing.length === 0 && duplicated.length === 0 && unknown.length === 0, missing, duplicated, unknown };
}
