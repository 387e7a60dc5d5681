/**
 * What the cache holds for one model, judged from its manifest and a stat per
 * file (no hashing unless an mtime changed): the weight file to use and which
 * of its files are usable, missing or damaged.
 */
import { rm } from 'node:fs/promises';
import { precisionsOf, resolveVariant, type Precision, type Resolved, type Variant } from '../../core/weightFiles';
import type { Dtype, Task } from '../../protocol';
import { hubVariants, selectFiles, type HubFile } from './fileSelection';
import type { Manifest, ManifestFile } from './manifest';
import { insideFolder } from './safePath';
import { checkFile } from './verify';

export interface CacheCheck {
  resolved: Resolved;
  needed: HubFile[];
  /** Files to fetch: missing, damaged or outdated. */
  bad: { path: string; reason: string }[];
  /** Damaged files (deleted by `check`). */
  corrupt: string[];
  /** Manifest changes: new records for re-hashed files, `null` for files that are no longer good. */
  updates: Record<string, ManifestFile | null>;
}

/** Variants whose files for the task are all recorded in the manifest (downloaded and verified once). */
export function recordedVariants(manifest: Manifest, task: Task): Variant[] {
  return hubVariants(manifest.remote, task).filter((v) => selectFiles(manifest.model, manifest.remote, task, v).every((f) => manifest.files[f.path]));
}

export function recordedDtypes(manifest: Manifest, task: Task): Precision[] {
  return precisionsOf(recordedVariants(manifest, task));
}

/** The file for `dtype`: one already downloaded when there is one, else the best the listing has (`auto`: best precision). */
export function resolveFromListing(manifest: Manifest | undefined, listing: readonly HubFile[], task: Task, dtype: Dtype): Resolved | undefined {
  const downloaded = manifest ? resolveVariant(dtype, recordedVariants(manifest, task)) : undefined;
  return downloaded ?? resolveVariant(dtype, hubVariants(listing, task));
}

/** Applies `check`'s updates to a manifest. */
export function applyUpdates(manifest: Manifest, updates: CacheCheck['updates']): void {
  for (const [file, record] of Object.entries(updates)) {
    if (record) manifest.files[file] = record;
    else delete manifest.files[file];
  }
}

/**
 * Checks the files (task, dtype) needs against the manifest, deleting damaged
 * ones. Undefined when the cached listing does not have that dtype (only the hub can tell).
 */
export async function checkCache(folder: string, manifest: Manifest, listing: HubFile[], task: Task, dtype: Dtype, full: boolean): Promise<CacheCheck | undefined> {
  const resolved = resolveFromListing(manifest, listing, task, dtype);
  if (!resolved) return undefined;
  return { resolved, ...(await checkFiles(folder, manifest, selectFiles(manifest.model, listing, task, resolved.variant), full)) };
}

/** Checks `needed` against the manifest's records, deleting damaged files. */
export async function checkFiles(folder: string, manifest: Manifest, needed: HubFile[], full: boolean): Promise<Omit<CacheCheck, 'resolved'>> {
  const bad: CacheCheck['bad'] = [];
  const corrupt: string[] = [];
  const updates: CacheCheck['updates'] = {};
  for (const file of needed) {
    const state = await checkFile(folder, file.path, manifest.files[file.path], file.sha256, full, manifest.model);
    if (state.state === 'ok') {
      if (state.record !== manifest.files[file.path]) updates[file.path] = state.record;
      continue;
    }
    if (manifest.files[file.path]) updates[file.path] = null;
    bad.push({ path: file.path, reason: state.state === 'corrupt' ? state.reason : state.state });
    if (state.state === 'corrupt') {
      corrupt.push(file.path);
      await rm(insideFolder(folder, file.path, manifest.model), { force: true });
    }
  }
  return { needed, bad, corrupt, updates };
}
