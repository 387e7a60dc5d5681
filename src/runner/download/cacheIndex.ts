/** The download cache as a whole: list, delete, and what one model offers. */
import { existsSync } from 'node:fs';
import { readdir, rmdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { PRECISION_ORDER, type Precision } from '../../core/weightFiles';
import type { CachedModel, DeleteCachedModelResult, ModelInfoParams, ModelInfoResult, Task } from '../../protocol';
import { ResponseError } from 'vscode-jsonrpc';
import { RunnerErrorCode } from '../../protocol';
import { removeTree } from '../fileReplace';
import { recordedDtypes } from './cachedModel';
import type { ModelDownloader } from './downloader';
import { dtypeSizes, dtypesIn } from './fileSelection';
import { listRepoFiles } from './hubApi';
import { MANIFEST, readManifest, type Manifest } from './manifest';
import { isInside } from './safePath';
import { walkFiles } from './walk';


/** Manifests one or two levels below the cache ("t5-small", "org/name"). */
async function manifestFolders(cacheDir: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    if (depth > 0 && entries.some((e) => e.isFile() && e.name === MANIFEST)) found.push(dir);
    else if (depth < 2) for (const e of entries) if (e.isDirectory()) await visit(path.join(dir, e.name), depth + 1);
  };
  await visit(cacheDir, 0);
  return found;
}

/** Recorded files present with their recorded size (one stat each). */
async function presentFiles(folder: string, manifest: Manifest): Promise<Manifest['files']> {
  const present: Manifest['files'] = {};
  for (const [file, record] of Object.entries(manifest.files)) {
    if (!isInside(folder, file)) continue;
    const size = await stat(path.join(folder, file)).then((s) => s.size, () => -1);
    if (size === record.size) present[file] = record;
  }
  return present;
}

function downloadedDtypes(manifest: Manifest, tasks: readonly Task[]): Precision[] {
  const all = new Set(tasks.flatMap((t) => recordedDtypes(manifest, t)));
  return PRECISION_ORDER.filter((d) => all.has(d));
}

export async function listCached(downloader: ModelDownloader): Promise<CachedModel[]> {
  const models: CachedModel[] = [];
  for (const folder of await manifestFolders(downloader.settings().cacheDir)) {
    const manifest = readManifest(folder);
    if (!manifest) continue;
    const present = await presentFiles(folder, manifest);
    const dtypes = downloadedDtypes({ ...manifest, files: present }, manifest.tasks);
    const files = Object.values(present);
    const complete = files.length === Object.keys(manifest.files).length && dtypes.length > 0;
    models.push({ model: manifest.model, files: files.length, bytes: files.reduce((s, f) => s + f.size, 0), dtypes, complete });
  }
  return models.sort((a, b) => a.model.localeCompare(b.model));
}

export function deleteCached(downloader: ModelDownloader, model: string): Promise<DeleteCachedModelResult> {
  const folder = downloader.folderOf(model);
  return downloader.exclusive(model, async () => {
    if (!existsSync(folder)) return { bytes: 0 };
    const sizes = await Promise.all((await walkFiles(folder)).map((file) => stat(file).then((s) => s.size, () => 0)));
    await removeTree(folder);
    if (model.includes('/')) await rmdir(path.dirname(folder)).catch(() => undefined); // the org folder, when now empty
    return { bytes: sizes.reduce((a, b) => a + b, 0) };
  });
}

/** Dtypes and sizes from the hub (unless offline or `hub: false`), else from the cached listing. */
export async function cachedModelInfo(downloader: ModelDownloader, params: ModelInfoParams): Promise<ModelInfoResult> {
  const { model, task } = params;
  const folder = downloader.folderOf(model);
  const manifest = readManifest(folder);
  const downloaded = manifest ? downloadedDtypes({ ...manifest, files: await presentFiles(folder, manifest) }, [task]) : [];
  const { offline, hubHost } = downloader.settings();
  if (!offline && params.hub !== false) {
    try {
      const listing = await listRepoFiles(hubHost, model);
      return { model, source: 'hub', dtypes: dtypesIn(listing, task), sizes: dtypeSizes(model, listing, task), downloaded };
    } catch (err) {
      const unknown = err instanceof ResponseError && err.code === RunnerErrorCode.ModelNotFound;
      if (unknown || !manifest) throw err;
    }
  }
  if (!manifest) return { model, source: 'cache', dtypes: [], sizes: {}, downloaded: [] };
  return { model, source: 'cache', dtypes: dtypesIn(manifest.remote, task), sizes: dtypeSizes(model, manifest.remote, task), downloaded };
}
