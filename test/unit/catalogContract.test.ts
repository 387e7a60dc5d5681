/**
 * The catalog against the hub as recorded (test/fixtures/hubListings/): every
 * default and every catalog entry resolves, through the real download code
 * (hub listing API over HTTP, dtype resolution, file selection), to files its
 * listing has, for each precision it offers and for `auto`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SETTINGS } from '../../src/config';
import { CATALOG, defaultModel, entryDtype, runnerTask, type CatalogTask, type WeightDtype } from '../../src/core/catalog';
import { variantsIn } from '../../src/core/weightFiles';
import { RunnerErrorCode } from '../../src/protocol';
import { ModelDownloader } from '../../src/runner/download/downloader';
import { onnxBaseNames } from '../../src/runner/modelFiles';
import { LISTINGS_DIR, readListing, type HubListing } from './hubListings';
import { HubServer } from './hubServer';

type Coded = Error & { code?: number };
const TASKS: CatalogTask[] = ['completion', 'instruction', 'summarization', 'translation'];
const MIB = 2 ** 20;

describe('catalog contract: every entry resolves to files its recorded hub listing has', () => {
  const listings = Object.fromEntries(readdirSync(LISTINGS_DIR).map((f) => readListing(f.replace('__', '/').replace(/\.json$/, ''))).map((l) => [l.repo, l])) as Record<string, HubListing>;
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'inkwell-contract-'));
  const logs: string[] = [];
  let hub: HubServer;
  let downloader: ModelDownloader;

  before(async () => {
    hub = await HubServer.start({}, listings);
    downloader = new ModelDownloader(() => ({ cacheDir, offline: false, hubHost: hub.url }), () => undefined, (m) => logs.push(m));
  });
  after(async () => {
    await hub.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('every listing names its sources, and every catalog entry and default has one', () => {
    for (const l of Object.values(listings)) {
      assert.ok(l.sources.length > 0 && ['confirmed', 'partial'].includes(l.status), l.repo);
      assert.ok(l.files.every((f) => typeof f.confirmed === 'boolean' && f.size > 0), l.repo);
    }
    for (const e of CATALOG) assert.ok(listings[e.id], `no recorded listing for ${e.id}`);
    for (const task of TASKS) assert.ok(listings[defaultModel(task).id]);
    for (const s of [SETTINGS.generationModel, SETTINGS.instructionModel, SETTINGS.summarizationModel]) assert.ok(listings[s.default], `no recorded listing for the setting default ${s.default}`);
  });

  for (const entry of CATALOG) {
    it(`${entry.id}: ships what its listing has; each precision and auto download files it lists`, async () => {
      const listing = listings[entry.id] as HubListing;
      const task = runnerTask(entry.task);
      const listed = new Map(listing.files.map((f) => [f.path, f]));
      assert.deepEqual([...entry.ships].sort(), variantsIn(listed.keys(), onnxBaseNames(task)).sort(), 'catalog `ships` differs from the listing');
      assert.equal(entry.listing, listing.status);
      for (const dtype of [...(Object.keys(entry.downloadMB) as WeightDtype[]), 'auto' as const]) {
        const plan = await downloader.plan(task, entry.id, dtype);
        const wanted = dtype === 'auto' ? entryDtype(entry, 'auto') : dtype;
        assert.equal(plan.resolved.precision, wanted, `${dtype} resolved to ${plan.resolved.precision}`);
        assert.ok(entry.ships.includes(plan.resolved.variant));
        for (const f of plan.files) assert.ok(listed.has(f.path), `${f.path} is not in the listing`);
        assert.ok(plan.files.some((f) => f.path.startsWith('onnx/')) && plan.files.some((f) => f.path === 'tokenizer.json'));
        const mb = plan.files.reduce((sum, f) => sum + f.size, 0) / MIB;
        const recorded = entry.downloadMB[plan.resolved.precision] ?? 0;
        assert.ok(Math.abs(mb - recorded) <= Math.max(2, recorded * 0.03), `${entry.id} ${dtype}: catalog says ${recorded} MB, listing ${mb.toFixed(0)} MB`);
      }
      for (const missing of (['q8', 'q4', 'fp32'] as const).filter((d) => !(d in entry.downloadMB))) {
        await assert.rejects(downloader.plan(task, entry.id, missing), (err: Coded) => err.code === RunnerErrorCode.ModelNotFound && new RegExp(`has no ${missing} weights.*It has: `).test(err.message));
      }
    });
  }

  it('defaults fit in about 1 GB at the precision auto picks', () => {
    for (const task of TASKS) {
      const entry = defaultModel(task);
      const dtype = entryDtype(entry, 'auto');
      assert.ok(dtype && (entry.ramMB[dtype] ?? Infinity) <= 1024, `${entry.id} needs more than 1 GB`);
    }
    assert.equal(defaultModel('completion').id, 'onnx-community/SmolLM2-360M-ONNX');
  });

  it('a base repository without ONNX weights fails with a clear message (why the old default was wrong)', async () => {
    await assert.rejects(downloader.plan('text-generation', 'HuggingFaceTB/SmolLM2-360M', 'auto'), (err: Coded) => {
      assert.equal(err.code, RunnerErrorCode.ModelNotFound);
      assert.match(err.message, /"HuggingFaceTB\/SmolLM2-360M" has no usable weights for text-generation\. It has no ONNX weights/);
      return true;
    });
  });
});
