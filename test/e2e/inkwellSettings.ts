// Settings that point Inkwell at the generated tiny models (test/fixtures/generate.ts),
// offline. The e2e scenarios and `npm start -- --offline-demo` share them:
//
//   await withVSCode({ scenario, vsix: inkwellVsix, ...(await offlineInkwellSettings({ 'inkwell.output': 'replace' })) }, ...)
//
// code-server is a remote window: VS Code applies settings of scope `machine` and
// `machine-overridable` (the model folders, dtype, runner threads) only from the remote
// machine settings, and silently ignores them in the user settings. So the settings are
// split by the scope package.json declares: `settings` (user) and `machineSettings`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFixture } from '../fixtures/generate.ts';

export const INKWELL_ID = 'inkwell.inkwell';
/** The id given to createStatusBarItem (the DOM id is `inkwell.inkwell.inkwell.status`). */
export const INKWELL_STATUS_ID = 'inkwell.status';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Scope of each contributed setting, from package.json. */
function settingScopes(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  };
  return new Map(Object.entries(manifest.contributes.configuration.properties).map(([key, value]) => [key, value.scope ?? 'window']));
}

export interface InkwellSettings {
  /** User settings (LaunchOptions.settings). */
  settings: Record<string, unknown>;
  /** Remote machine settings (LaunchOptions.machineSettings). */
  machineSettings: Record<string, unknown>;
}

/** Splits settings into user and machine settings by their declared scope. */
export function splitByScope(all: Record<string, unknown>): InkwellSettings {
  const scopes = settingScopes();
  const settings: Record<string, unknown> = {};
  const machineSettings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    const scope = scopes.get(key);
    if (scope === 'machine' || scope === 'machine-overridable') machineSettings[key] = value;
    else settings[key] = value;
  }
  return { settings, machineSettings };
}

/**
 * The completion and instruction models as users run them: tiny-llama's weights in the shape of
 * onnxruntime-genai's builder export (GroupQueryAttention, last-token logits), q4 (MatMulNBits).
 * Sessions that summarize or translate must not use it: tiny-bart has no q4 file.
 */
export async function gqaQ4Settings(): Promise<Record<string, unknown>> {
  const gqa = await ensureFixture('tiny-llama-gqa');
  return { 'inkwell.models.generation': gqa, 'inkwell.models.instruction': gqa, 'inkwell.models.dtype': 'q4' };
}

/** Generates (or reuses) tiny-llama and tiny-bart; returns settings that use them and nothing from the network. */
export async function offlineInkwellSettings(overrides: Record<string, unknown> = {}): Promise<InkwellSettings> {
  const llama = await ensureFixture('tiny-llama');
  const bart = await ensureFixture('tiny-bart');
  return splitByScope({
    'inkwell.offline': true,
    'inkwell.models.generation': llama,
    'inkwell.models.instruction': llama,
    'inkwell.models.summarization': bart,
    'inkwell.models.translation': bart,
    'inkwell.models.dtype': 'fp32',
    'inkwell.inline.debounceMs': 100,
    'inkwell.runner.threads': 1,
    // No quick pick for the languages.
    'inkwell.translate.targetLanguage': 'de',
    'inkwell.translate.sourceLanguage': 'en',
    'editor.inlineSuggest.enabled': true,
    ...overrides,
  });
}
