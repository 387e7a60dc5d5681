import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SETTINGS } from '../../../src/config';
import { CATALOG, defaultModel, entriesFor, entryDtype, findEntry, formatMB, isHubId, pickDtype, runnerTask, type CatalogTask, type WeightDtype } from '../../../src/core/catalog';
import { precisionsOf, resolveVariant } from '../../../src/core/weightFiles';

const TASKS: CatalogTask[] = ['completion', 'instruction', 'summarization', 'translation', 'text-classification', 'zero-shot-classification', 'token-classification'];

describe('model catalog', () => {
  it('auto dtype: q8 if present, else q4, else fp32', () => {
    assert.equal(pickDtype(['fp32', 'q4', 'q8']), 'q8');
    assert.equal(pickDtype(['fp32', 'q4']), 'q4');
    assert.equal(pickDtype(['fp32']), 'fp32');
    assert.equal(pickDtype(['fp16']), undefined);
    assert.equal(pickDtype([]), undefined);
  });

  it('every entry is a valid hub id with sizes, memory and a license, listed once', () => {
    assert.equal(new Set(CATALOG.map((e) => e.id)).size, CATALOG.length);
    for (const e of CATALOG) {
      assert.ok(isHubId(e.id) && e.id.includes('/'), e.id);
      assert.ok(Object.keys(e.downloadMB).length > 0, e.id);
      for (const [dtype, mb] of Object.entries(e.downloadMB)) {
        assert.ok(mb > 0, `${e.id} ${dtype}`);
        assert.ok((e.ramMB[dtype as keyof typeof e.ramMB] ?? 0) >= mb, `${e.id} ${dtype}: less memory than download size`);
      }
      assert.ok(e.license && e.description, e.id);
      for (const dtype of Object.keys(e.downloadMB) as WeightDtype[]) {
        assert.ok(resolveVariant(dtype, e.ships)?.precision === dtype, `${e.id} offers ${dtype} but ships ${e.ships.join(', ')}`);
      }
      assert.deepEqual(precisionsOf(e.ships), Object.keys(e.downloadMB).sort((a, b) => 'q8q4fp32'.indexOf(a) - 'q8q4fp32'.indexOf(b)), `${e.id}: every CPU precision it ships is offered`);
    }
  });

  it('a default per task, within about 1 GB of memory, matching the settings defaults', () => {
    for (const task of TASKS) {
      const entry = defaultModel(task);
      assert.equal(entry.task, task);
      const dtype = entryDtype(entry, 'auto');
      assert.ok(dtype && (entry.ramMB[dtype] ?? Infinity) <= 1024, `${entry.id} needs more than 1 GB`);
    }
    assert.equal(defaultModel('completion').id, SETTINGS.generationModel.default);
    assert.equal(defaultModel('instruction').id, SETTINGS.instructionModel.default);
    assert.equal(defaultModel('summarization').id, SETTINGS.summarizationModel.default);
    assert.ok(findEntry('Xenova/nllb-200-distilled-600M'), 'the multilingual fallback of translation "auto" is in the catalog');
    for (const repo of ['HuggingFaceTB/SmolLM2-360M', 'HuggingFaceTB/SmolLM2-135M']) assert.equal(findEntry(repo), undefined, `${repo} has no ONNX weights`);
  });

  it('maps catalog tasks to runner tasks', () => {
    assert.equal(runnerTask('completion'), 'text-generation');
    assert.equal(runnerTask('instruction'), 'instruction');
    assert.ok(entriesFor('text-generation').every((e) => e.task === 'completion'));
    assert.ok(entriesFor('translation').some((e) => e.id === 'Xenova/opus-mt-en-de'));
  });

  it('dtype of a catalog download: the requested one when shipped, auto by preference', () => {
    const bart = findEntry('Xenova/distilbart-cnn-6-6');
    assert.ok(bart);
    assert.equal(entryDtype(bart, 'auto'), 'q8');
    assert.equal(entryDtype(bart, 'fp32'), 'fp32');
    assert.equal(entryDtype(bart, 'q4'), undefined);
  });

  it('hub ids: org/name or a bare legacy name; no paths', () => {
    for (const ok of ['HuggingFaceTB/SmolLM2-135M', 'Xenova/opus-mt-en-de', 't5-small', 'onnx-community/Qwen2.5-0.5B-Instruct']) assert.ok(isHubId(ok), ok);
    for (const bad of ['', '/abs/path', '../up', 'a/../b', 'a/b/c', 'org/', 'org name/x', 'C:\\models', '.hidden/x']) assert.ok(!isHubId(bad), bad);
  });

  it('formats sizes in MB', () => {
    assert.equal(formatMB(0), '0 MB');
    assert.equal(formatMB(1.5 * 2 ** 20), '1.5 MB');
    assert.equal(formatMB(540 * 2 ** 20), '540 MB');
  });
});
