/**
 * What the cache holds for one model, judged from its manifest and a stat per
 * file (no hashing unless an mtime changed): the dtype to use and which of its
 * files are usable, missing or damaged.
 */
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { Dtype, Task } from '../../protocol';
import { dtypesIn, selectFiles, type RemoteFile } from './fileSelection';
import type { Manifest } from './manifest';
import { checkFile } from './verify';

type WeightDtype = Exclude<Dtype, 'auto'>;

export interface CacheCheck {
  dtype: WeightDtype;
  needed: RemoteFile[];
  /** Files to fetch: missing, damaged or outdated. */
  bad: { path: string; reason: string }[];
  /** Damaged files (deleted by `check`). */
  corrupt: string[];
}

/** Dtypes whose files for the task are all recorded in the manifest (downloaded and verified once). */
export function recordedDtypes(manifest: Manifest, task: Task): WeightDtype[] {
  const paths = manifest.remote.map((f) => f.path);
  return dtypesIn(paths, task).filter((d) => selectFiles(manifest.model, manifest.remote, task, d).every((f) => manifest.files[f.path]));
}

/** `auto`: the best dtype already downloaded, else the best the listing has. */
export function resolveFromListing(manifest: Manifest | undefined, remote: readonly RemoteFile[], task: Task, dtype: Dtype): WeightDtype | undefined {
  if (dtype !== 'auto') return dtype;
  return (manifest ? recordedDtypes(manifest, task)[0] : undefined) ?? dtypesIn(remote.map((f) => f.path), task)[0];
}

/**
 * Checks the files (task, dtype) needs against the manifest, updating it for
 * files that were re-hashed and deleting damaged ones. Undefined when the
 * cached listing does not have that dtype (only the hub can tell).
 */
export async function checkCache(folder: string, manifest: Manifest, remote: RemoteFile[], task: Task, dtype: Dtype, full: boolean): Promise<CacheCheck | undefined> {
  const resolved = resolveFromListing(manifest, remote, task, dtype);
  if (!resolved || !dtypesIn(remote.map((f) => f.path), task).includes(resolved)) return undefined;
  const needed = selectFiles(manifest.model, remote, task, resolved);
  const bad: CacheCheck['bad'] = [];
  const corrupt: string[] = [];
  for (const file of needed) {
    const state = await checkFile(folder, file.path, manifest.files[file.path], file.sha256, full);
    if (state.state === 'ok') {
      manifest.files[file.path] = state.record;
      continue;
    }
    delete manifest.files[file.path];
    bad.push({ path: file.path, reason: state.state === 'corrupt' ? state.reason : state.state });
    if (state.state === 'corrupt') {
      corrupt.push(file.path);
      await rm(path.join(folder, file.path), { force: true });
    }
  }
  return { dtype: resolved, needed, bad, corrupt };
}
