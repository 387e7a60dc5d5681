/**
 * The per-language on/off map of `inkwell.inline.enable`, like Copilot's:
 * `{"*": true, "plaintext": false}`. A language's own entry wins over "*".
 */
export type LanguageToggle = Readonly<Record<string, boolean>>;

export function isEnabledFor(toggle: LanguageToggle, languageId: string): boolean {
  if (typeof toggle[languageId] === 'boolean') return toggle[languageId];
  return toggle['*'] !== false;
}

/** The map with one language (or "*") set; setting "*" clears per-language entries that disagree. */
export function withLanguage(toggle: LanguageToggle, languageId: string, enabled: boolean): Record<string, boolean> {
  if (languageId !== '*') return { ...toggle, [languageId]: enabled };
  const kept = Object.entries(toggle).filter(([id, value]) => id !== '*' && value === enabled);
  return { '*': enabled, ...Object.fromEntries(kept) };
}
