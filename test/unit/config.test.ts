import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PER_LANGUAGE, readConfig, readForLanguage, SECTION, SETTINGS, settingId } from '../../src/config';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; scope?: string }> }; commands: { command: string; category: string }[] };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};
const properties = manifest.contributes.configuration.properties;

describe('settings: src/config.ts and package.json agree', () => {
  it('every setting in config.ts is contributed with the same default, and vice versa', () => {
    const fromConfig = Object.fromEntries(Object.values(SETTINGS).map((s) => [`${SECTION}.${s.key}`, s.default]));
    const fromManifest = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.default]));
    assert.deepEqual(fromManifest, fromConfig);
  });

  it('the settings read per language are exactly the language-overridable ones', () => {
    const overridable = Object.entries(properties).filter(([, v]) => v.scope === 'language-overridable').map(([k]) => k).sort();
    assert.deepEqual(PER_LANGUAGE.map((name) => settingId(name)).sort(), overridable);
  });

  it('every setting has a scope', () => {
    for (const [key, value] of Object.entries(properties)) assert.ok(value.scope, `${key} has no scope`);
  });

  it('model settings are restricted in untrusted workspaces', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const name of ['generationModel', 'summarizationModel', 'translationModel', 'localModelPath'] as const) {
      assert.ok(restricted.includes(settingId(name)), `${settingId(name)} is not restricted`);
    }
  });

  it('settings that can send text to another server are machine-scoped and restricted', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const name of ['backend', 'remoteBaseUrl', 'remoteModel'] as const) {
      assert.ok(restricted.includes(settingId(name)), `${settingId(name)} is not restricted`);
      assert.equal(properties[settingId(name)]?.scope, 'machine', `${settingId(name)} can be set by a workspace`);
    }
  });

  it('untrusted workspaces cannot change where text goes or what runs', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    // summarize.with: the instruction model may be the remote server; inline.enable and inline.contextTokens: which documents and how
    // much of each a model reads on every keystroke (sent to the server when one is configured); models.dtype: which weight file is
    // downloaded and run.
    for (const name of ['summarizeWith', 'inlineEnable', 'inlineContextTokens', 'dtype', 'offline'] as const) {
      assert.ok(restricted.includes(settingId(name)), `${settingId(name)} is not restricted`);
    }
    // inkwell.output only chooses where in this editor a result appears (below, in place, a side document, the clipboard): every
    // choice is visible and undoable, and none sends text anywhere, so a workspace may set it.
    assert.ok(!restricted.includes(settingId('output')));
  });

  it('every command is in the Inkwell category', () => {
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Inkwell', command.command);
  });

  it('reads values with the right types and falls back to defaults on wrong types', () => {
    const values: Record<string, unknown> = { offline: true, 'generation.temperature': 'hot', 'runner.threads': 4 };
    const config = readConfig({ get: <T>(key: string, fallback?: T) => (key in values ? values[key] : fallback) as T });
    assert.equal(config.offline, true);
    assert.equal(config.threads, 4);
    assert.equal(config.temperature, SETTINGS.temperature.default);
    assert.equal(config.generationModel, SETTINGS.generationModel.default);
  });

  it('reads a language-overridable setting for the document language', () => {
    const perLanguage: Record<string, Record<string, unknown>> = { markdown: { 'inline.length': 'paragraph' }, python: { 'inline.length': 42 } };
    const workspace = {
      getConfiguration: (_section: string, scope: { languageId: string }) => ({
        get: <T>(key: string, fallback: T) => (perLanguage[scope.languageId]?.[key] ?? fallback) as T,
      }),
    } as unknown as Parameters<typeof readForLanguage>[0];
    assert.equal(readForLanguage(workspace, 'markdown', 'inlineLength'), 'paragraph');
    assert.equal(readForLanguage(workspace, 'plaintext', 'inlineLength'), 'sentence');
    assert.equal(readForLanguage(workspace, 'python', 'inlineLength'), 'sentence', 'a wrong type falls back to the default');
  });
});
