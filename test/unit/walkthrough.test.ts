// The Getting Started walkthrough's manifest and media: steps complete on real events
// (commands that exist, settings that exist), media ship in the VSIX and use theme
// colours, and the model sizes it quotes are the catalog's.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CATALOG, defaultModel, entryDtype, findEntry, type CatalogTask } from '../../src/core/catalog';

const root = path.join(__dirname, '../..');
interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; svg?: string; altText?: string };
  completionEvents: string[];
}
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> }; walkthroughs: { id: string; steps: Step[] }[] };
};
const [walkthrough] = manifest.contributes.walkthroughs;
const steps = walkthrough!.steps;
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const settings = Object.keys(manifest.contributes.configuration.properties);
const BUILT_IN_COMMANDS = new Set(['editor.action.inlineSuggest.commit', 'editor.action.inlineSuggest.acceptNextWord', 'workbench.action.openSettings']);

test('one walkthrough, gettingStarted, with the five steps', () => {
  assert.equal(manifest.contributes.walkthroughs.length, 1);
  assert.equal(walkthrough!.id, 'gettingStarted');
  assert.deepEqual(steps.map((s) => s.id), ['models', 'ghostText', 'summarize', 'settingsAndStatus', 'privacy']);
});

test('every step completes on real events: commands and settings that exist', () => {
  for (const step of steps) {
    assert.ok(step.completionEvents.length > 0, step.id);
    for (const event of step.completionEvents) {
      const [kind, argument] = event.split(/:(.*)/s) as [string, string | undefined];
      if (kind === 'onCommand') assert.ok(commands.has(argument!) || BUILT_IN_COMMANDS.has(argument!), `${step.id}: ${event}`);
      else if (kind === 'onSettingChanged') assert.ok(argument === 'inkwell' || settings.includes(argument!), `${step.id}: ${event}`);
      else assert.equal(event, 'onStepSelected', `${step.id}: ${event}`);
    }
  }
});

test('command links in descriptions name commands that exist', () => {
  for (const step of steps) {
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) {
      assert.ok(commands.has(command!) || BUILT_IN_COMMANDS.has(command!), `${step.id}: ${command}`);
    }
  }
});

test('media exist, ship in the VSIX, and SVGs take their colours from the theme', () => {
  const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8');
  assert.match(ignore, /^!media\/walkthrough\/\*\*$/m);
  for (const step of steps) {
    const file = step.media.markdown ?? step.media.svg;
    assert.ok(file?.startsWith('media/walkthrough/') && existsSync(path.join(root, file)), `${step.id}: ${file}`);
    if (step.media.svg) {
      assert.ok(step.media.altText, `${step.id}: alt text`);
      const svg = readFileSync(path.join(root, step.media.svg), 'utf8');
      assert.doesNotMatch(svg, /(fill|stroke)="#/, `${step.id}: a fixed colour`);
      assert.match(svg, /var\(--vscode-/);
    }
  }
  assert.ok(existsSync(path.join(root, 'media/walkthrough/sample.md')));
});

test('the sizes quoted are the catalog figures for the defaults', () => {
  const table = readFileSync(path.join(root, 'media/walkthrough/models.md'), 'utf8');
  const rows = [...table.matchAll(/`([\w./-]+)`\s*\|\s*(\d+) MB/g)];
  assert.equal(rows.length, 4, 'four default models in the table');
  for (const [, id, mb] of rows) {
    const entry = findEntry(id!);
    assert.ok(entry, id);
    assert.equal(Number(mb), entry!.downloadMB[entryDtype(entry!, 'auto')!], id);
  }
  for (const [, id, mb] of table.matchAll(/`([\w./-]+)` \((\d+) MB\)/g)) {
    const entry = CATALOG.find((e) => e.id === id);
    assert.equal(Number(mb), entry?.downloadMB[entryDtype(entry, 'auto')!], id);
  }
  const size = (task: CatalogTask) => defaultModel(task).downloadMB[entryDtype(defaultModel(task), 'auto')!]!;
  const total = (['completion', 'instruction', 'summarization', 'translation'] as const).reduce((sum, task) => sum + size(task), 0);
  const models = steps.find((s) => s.id === 'models')!.description;
  assert.ok(models.includes(`about ${(total / 1024).toFixed(1)} GB with the defaults`), models);
  assert.ok(models.includes(`${size('completion')} MB for ghost text alone`), models);
});
