/**
 * The runner's only network path: makes a hub model's files for (task, dtype)
 * present and verified in `cacheDir/{id}/`, downloading what is missing or
 * damaged (unless offline). transformers.js then loads that folder by path.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { ResponseError } from 'vscode-jsonrpc';
import { isHubId } from '../../core/catalog';
import { delay } from '../../core/delay';
import type { Precision, Resolved, Variant } from '../../core/weightFiles';
import { settingId } from '../../config';
import type { Dtype, ProgressParams, Task } from '../../protocol';
import { RunnerErrorCode } from '../../protocol';
import { REQUEST_CANCELLED, runnerError } from '../errors';
import { describeChoice } from '../modelFiles';
import { applyUpdates, checkCache, checkFiles, resolveFromListing, type CacheCheck } from './cachedModel';
import { ensureDiskSpace } from './diskSpace';
import { fetchFile } from './fetchFile';
import { hubVariants, resolveFromHub, selectFiles, type HubFile } from './fileSelection';
import { fileUrl, listRepoFiles } from './hubApi';
import { KeyedLock } from './keyedLock';
import { hostPlatform, modelKey } from '../modelPaths';
import { emptyManifest, readManifest, updateManifest, type Manifest, type ManifestFile } from './manifest';
import { cleanPartials } from './partials';
import { DownloadProgress } from './progress';

export interface DownloadPlan {
  listing: HubFile[];
  resolved: Resolved;
  files: HubFile[];
}

export interface DownloadSettings {
  cacheDir: string;
  offline: boolean;
  hubHost: string;
}

export interface EnsureResult {
  folder: string;
  dtype: Precision;
  /** The weight file's transformers.js dtype (`int8` for `model_int8.onnx`, …). */
  variant: Variant;
  files: number;
  bytes: number;
  refetched: string[];
}

const ATTEMPTS = 3;

export class ModelDownloader {
  private readonly locks = new KeyedLock();

  constructor(
    readonly settings: () => DownloadSettings,
    private readonly sink: (p: ProgressParams) => void,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {}

  /** `cacheDir/{org}/{name}`; refuses anything that is not a hub id (no path tricks). */
  folderOf(model: string): string {
    if (!isHubId(model)) throw runnerError(RunnerErrorCode.ModelNotFound, `"${model}" is neither a hub id (org/name) nor an absolute folder path.`);
    return path.join(this.settings().cacheDir, ...model.split('/'));
  }

  /** Runs `job` while no download or check of `model` runs. */
  exclusive<T>(model: string, job: () => Promise<T>): Promise<T> {
    return this.locks.run(modelKey(model, hostPlatform()), job);
  }

  /** The model's verified folder, downloading what is missing unless `download` is false (then a clear error). */
  ensure(task: Task, model: string, dtype: Dtype, signal: AbortSignal = new AbortController().signal, download = true): Promise<EnsureResult> {
    return this.locks.run(modelKey(model, hostPlatform()), async () => {
      try {
        return await this.ensureLocked(task, model, dtype, signal, download);
      } catch (err) {
        if (signal.aborted) throw new ResponseError(REQUEST_CANCELLED, `Download of "${model}" cancelled; nothing partial was kept.`);
        throw err;
      }
    });
  }

  /** Hashes every file of (task, precision) that is downloaded; deletes and returns those that do not match. */
  verifyFully(task: Task, model: string, dtype: Precision): Promise<string[]> {
    return this.locks.run(modelKey(model, hostPlatform()), async () => {
      const folder = this.folderOf(model);
      const manifest = readManifest(folder);
      const check = manifest && (await checkCache(folder, manifest, manifest.remote, task, dtype, true));
      if (check) await updateManifest(folder, model, (m) => applyUpdates(m, check.updates));
      return check ? check.bad.map((b) => b.path) : [];
    });
  }

  /** What a download of (task, dtype) would fetch from the hub's listing now: the weight file chosen and every file it needs. */
  async plan(task: Task, model: string, dtype: Dtype, signal?: AbortSignal): Promise<DownloadPlan> {
    const listing = await listRepoFiles(this.settings().hubHost, model, signal);
    const cached = resolveFromListing(readManifest(this.folderOf(model)), listing, task, dtype);
    // A variant downloaded before is preferred while the hub still has it.
    const resolved = cached && hubVariants(listing, task).includes(cached.variant) ? cached : resolveFromHub(model, listing, task, dtype);
    return { listing, resolved, files: selectFiles(model, listing, task, resolved.variant) };
  }

  private async ensureLocked(task: Task, model: string, dtype: Dtype, signal: AbortSignal, download: boolean): Promise<EnsureResult> {
    const { offline, hubHost } = this.settings();
    const folder = this.folderOf(model);
    await cleanPartials(folder);
    const cachedManifest = readManifest(folder);
    const cached = cachedManifest && (await checkCache(folder, cachedManifest, cachedManifest.remote, task, dtype, false));
    if (cachedManifest && cached) {
      this.reportCorrupt(model, cached);
      if (Object.keys(cached.updates).length > 0 || !cachedManifest.tasks.includes(task)) {
        await updateManifest(folder, model, (m) => {
          applyUpdates(m, cached.updates);
          addTask(m, task);
        });
      }
      if (cached.bad.length === 0) return this.result(folder, model, task, dtype, cached.resolved, [], []);
    }
    if (offline) throw offlineError(model, cached);
    if (!download) throw runnerError(RunnerErrorCode.ModelNotDownloaded, `Model "${model}" is not downloaded yet. Run "Inkwell: Download Models…" to get it.`);

    const { listing, resolved, files: needed } = await this.plan(task, model, dtype, signal);
    const check = await checkFiles(folder, { ...(cachedManifest ?? emptyManifest(model, hubHost)), remote: listing }, needed, false);
    const toFetch = needed.filter((f) => check.bad.some((b) => b.path === f.path));
    const refetched = [...new Set([...(cached?.corrupt ?? []), ...check.corrupt])];
    const bytes = toFetch.reduce((sum, f) => sum + f.size, 0);
    await mkdir(folder, { recursive: true });
    await ensureDiskSpace(folder, bytes, model);
    const record = (m: Manifest) => {
      Object.assign(m, { model, remote: listing, remoteHost: hubHost });
      addTask(m, task);
    };
    await updateManifest(folder, model, (m) => {
      record(m);
      applyUpdates(m, check.updates);
    });
    const progress = new DownloadProgress(model, bytes, this.sink);
    try {
      for (const file of toFetch) {
        const fetched = await this.fetchWithRetries(folder, model, file, progress, signal);
        await updateManifest(folder, model, (m) => {
          record(m);
          m.files[file.path] = fetched;
        });
      }
    } finally {
      progress.done();
    }
    return this.result(folder, model, task, dtype, resolved, toFetch, refetched);
  }

  private result(folder: string, model: string, task: Task, dtype: Dtype, resolved: Resolved, fetched: HubFile[], refetched: string[]): EnsureResult {
    if (dtype === 'auto') this.log(`Inkwell: "${model}" for ${task}: auto chose ${describeChoice(task, resolved)}.`);
    const bytes = fetched.reduce((sum, f) => sum + f.size, 0);
    return { folder, dtype: resolved.precision, variant: resolved.variant, files: fetched.length, bytes, refetched };
  }

  private async fetchWithRetries(folder: string, model: string, file: HubFile, progress: DownloadProgress, signal: AbortSignal): Promise<ManifestFile> {
    const url = fileUrl(this.settings().hubHost, model, file.path);
    progress.beginFile(file.path, file.size);
    for (let attempt = 1; ; attempt++) {
      try {
        const fetched = await fetchFile({ url, model, folder, file, signal, onBytes: (n) => progress.bytes(n) });
        progress.endFile();
        return fetched;
      } catch (err) {
        const transient = err instanceof ResponseError && err.code === RunnerErrorCode.DownloadFailed;
        if (signal.aborted || !transient || attempt >= ATTEMPTS) throw err;
        this.log(`Inkwell: ${err.message} Retrying (${attempt + 1} of ${ATTEMPTS}).`);
        progress.restartFile();
        await delay(250 * attempt);
      }
    }
  }

  private reportCorrupt(model: string, check: CacheCheck): void {
    for (const bad of check.bad) {
      if (check.corrupt.includes(bad.path)) this.log(`Inkwell: cached ${bad.path} of "${model}" is damaged (${bad.reason}); it was deleted and will be downloaded again.`);
    }
  }
}

function addTask(manifest: Manifest, task: Task): void {
  if (!manifest.tasks.includes(task)) manifest.tasks.push(task);
}

function offlineError(model: string, cached: CacheCheck | undefined): ResponseError<void> {
  const offline = settingId('offline');
  if (!cached) {
    return runnerError(
      RunnerErrorCode.ModelUnavailableOffline,
      `Model "${model}" is not on this machine and offline mode is on. Turn off the setting "${offline}" to download it, or set the model to a local folder.`,
    );
  }
  const files = cached.bad.map((b) => `${b.path} (${b.reason})`).join(', ');
  return runnerError(
    RunnerErrorCode.ModelUnavailableOffline,
    `Model "${model}" is incomplete or damaged on this machine: ${files}. Offline mode is on, so it cannot be downloaded again. Turn off the setting "${offline}" to repair it.`,
  );
}
