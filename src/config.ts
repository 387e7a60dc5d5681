/**
 * The only place Inkwell's setting keys are spelled. Typed values, defaults
 * and a change event. Takes VS Code's `workspace` as a parameter (type-only
 * import), so the runner and tests can use the key table too.
 */
import type * as vscode from 'vscode';
import type { CompletionLength } from './core/inline/completionLength';
import type { Dtype } from './protocol';

export const SECTION = 'inkwell';

interface Setting<T> {
  key: string;
  default: T;
}
const setting = <T>(key: string, defaultValue: T): Setting<T> => ({ key, default: defaultValue });

/** Every setting: its key under `inkwell.` and its default (package.json must agree; a test checks). */
export const SETTINGS = {
  offline: setting('offline', false),
  generationModel: setting('models.generation', 'onnx-community/SmolLM2-360M-ONNX'),
  instructionModel: setting('models.instruction', 'onnx-community/Qwen2.5-0.5B-Instruct'),
  summarizationModel: setting('models.summarization', 'Xenova/distilbart-cnn-6-6'),
  translationModel: setting('models.translation', 'auto'),
  dtype: setting<Dtype>('models.dtype', 'auto'),
  localModelPath: setting('models.localPath', ''),
  threads: setting('runner.threads', 0),
  idleUnloadMinutes: setting('runner.idleUnloadMinutes', 10),
  maxMemoryMB: setting('runner.maxMemoryMB', 3072),
  temperature: setting('generation.temperature', 0.7),
  topP: setting('generation.topP', 0.9),
  maxNewTokens: setting('generation.maxNewTokens', 128),
  inlineEnable: setting<Record<string, boolean>>('inline.enable', { '*': true }),
  inlineDebounceMs: setting('inline.debounceMs', 250),
  inlineAdaptiveDebounce: setting('inline.adaptiveDebounce', true),
  inlinePrefetch: setting('inline.prefetch', true),
  inlineLength: setting<CompletionLength>('inline.length', 'sentence'),
  inlineSuggestions: setting('inline.suggestions', 1),
  inlineContextTokens: setting('inline.contextTokens', 1024),
  output: setting<'below' | 'replace' | 'side' | 'clipboard'>('output', 'below'),
  summarizeStyle: setting<'paragraph' | 'bullets' | 'tldr'>('summarize.style', 'paragraph'),
  summarizeWith: setting<'summarization-model' | 'instruction-model'>('summarize.with', 'summarization-model'),
  translateTarget: setting('translate.targetLanguage', ''),
  translateSource: setting('translate.sourceLanguage', 'auto'),
  backend: setting<'local' | 'openai-compatible'>('backend', 'local'),
  remoteBaseUrl: setting('remote.baseUrl', ''),
  remoteModel: setting('remote.model', ''),
  remoteTimeoutMs: setting('remote.timeoutMs', 30000),
  checksOnSave: setting<Record<string, boolean>>('checks.onSave', { '*': false }),
  checksNames: setting('checks.names', true),
  checksTone: setting('checks.tone', true),
  checksToneLabels: setting<string[]>('checks.toneLabels', ['formal', 'casual', 'hedging', 'confident']),
  checksTargetTone: setting('checks.targetTone', ''),
  checksNegativeThreshold: setting('checks.negativeThreshold', 0.9),
  checksToneThreshold: setting('checks.toneThreshold', 0.2),
  checksMaxChars: setting('checks.maxDocumentChars', 100000),
  sentimentModel: setting('checks.models.sentiment', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english'),
  toneModel: setting('checks.models.tone', 'Xenova/mobilebert-uncased-mnli'),
  entityModel: setting('checks.models.entities', 'Xenova/bert-base-NER'),
};

export type SettingName = keyof typeof SETTINGS;
export type Config = { [K in SettingName]: (typeof SETTINGS)[K]['default'] };

/** "inkwell.offline", for messages and for `workbench.action.openSettings`. */
export function settingId(name: SettingName): string {
  return `${SECTION}.${SETTINGS[name].key}`;
}

export function readConfig(section: Pick<vscode.WorkspaceConfiguration, 'get'>): Config {
  const entries = Object.entries(SETTINGS).map(([name, s]) => {
    const value = section.get(s.key, s.default);
    return [name, typeof value === typeof s.default ? value : s.default];
  });
  return Object.fromEntries(entries) as Config;
}

/** VS Code's own setting: open an extension's walkthrough when it is installed (Inkwell honours it on first start). */
export const OPEN_WALKTHROUGH_ON_INSTALL = 'workbench.welcomePage.walkthroughs.openOnInstall';

/** Settings a user may set per language (package.json marks them `language-overridable`). */
export const PER_LANGUAGE = ['inlineLength'] as const satisfies readonly SettingName[];

/** A setting as it applies to one language (honours `"[markdown]": {…}` overrides). */
export function readForLanguage<K extends SettingName>(workspace: typeof vscode.workspace, languageId: string, name: K): Config[K] {
  const s = SETTINGS[name];
  const value = workspace.getConfiguration(SECTION, { languageId }).get(s.key, s.default);
  return (typeof value === typeof s.default ? value : s.default) as Config[K];
}

/** Writes a setting in the user's settings (all windows). */
export function updateUserSetting<K extends SettingName>(workspace: typeof vscode.workspace, target: vscode.ConfigurationTarget, name: K, value: Config[K]): Thenable<void> {
  return workspace.getConfiguration(SECTION).update(SETTINGS[name].key, value, target);
}

/** Current configuration plus an event when any Inkwell setting changes. */
export class ConfigWatcher implements vscode.Disposable {
  private value: Config;
  private readonly listeners = new Set<(config: Config, previous: Config) => void>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly workspace: typeof vscode.workspace) {
    this.value = readConfig(workspace.getConfiguration(SECTION));
    this.subscription = workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      const previous = this.value;
      this.value = readConfig(workspace.getConfiguration(SECTION));
      for (const listener of this.listeners) listener(this.value, previous);
    });
  }

  get current(): Config {
    return this.value;
  }

  /** The settings as they apply to one language: `current` with its `"[languageId]": {…}` overrides. */
  forLanguage(languageId: string): Config {
    const overrides = Object.fromEntries(PER_LANGUAGE.map((name) => [name, readForLanguage(this.workspace, languageId, name)]));
    return { ...this.value, ...overrides };
  }

  onDidChange(listener: (config: Config, previous: Config) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }
}
