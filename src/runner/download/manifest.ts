/**
 * `.inkwell-manifest.json` in each downloaded model's folder: the hub's file
 * listing at download time, and for every file fetched its size, sha256 and
 * the mtime it had once verified. Written atomically (temp file + rename), and
 * changed only under a lock shared by processes, re-read and merged: two VS Code
 * windows downloading the same model each add their files; neither drops the other's.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Task } from '../../protocol';
import { renameReplacing } from '../fileReplace';
import type { HubFile } from './fileSelection';
import { withFileLock } from './fileLock';
import { partialPath } from './partials';

export const MANIFEST = '.inkwell-manifest.json';

export interface ManifestFile {
  size: number;
  sha256: string;
  /** mtime right after the file was verified; a different mtime means "hash it again". */
  mtimeMs: number;
}

export interface Manifest {
  version: 1;
  model: string;
  /** The hub it was downloaded from. (`remoteHost` and `remote` are the on-disk names: kept so existing caches stay valid.) */
  remoteHost: string;
  /** The hub's listing when last fetched. */
  remote: HubFile[];
  /** Verified files, by path in the repository. */
  files: Record<string, ManifestFile>;
  /** Tasks it was downloaded for. */
  tasks: Task[];
}

export function emptyManifest(model: string, hubHost: string): Manifest {
  return { version: 1, model, remoteHost: hubHost, remote: [], files: {}, tasks: [] };
}

/** The manifest, or undefined when there is none or it is unreadable (the files are then re-verified by download). */
export function readManifest(folder: string): Manifest | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path.join(folder, MANIFEST), 'utf8')) as Partial<Manifest>;
    if (parsed.version !== 1 || typeof parsed.model !== 'string' || !Array.isArray(parsed.remote) || typeof parsed.files !== 'object') return undefined;
    return { ...emptyManifest(parsed.model, parsed.remoteHost ?? ''), ...parsed } as Manifest;
  } catch {
    return undefined;
  }
}

/**
 * Applies `change` to the manifest as it is on disk now (or a new one), under
 * the cross-process lock, and writes it back. Returns what was written.
 */
export function updateManifest(folder: string, model: string, change: (manifest: Manifest) => void): Promise<Manifest> {
  return withFileLock(path.join(folder, `${MANIFEST}.lock`), async () => {
    const manifest = readManifest(folder) ?? emptyManifest(model, '');
    change(manifest);
    await writeManifest(folder, manifest);
    return manifest;
  });
}

async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  const target = path.join(folder, MANIFEST);
  const temp = partialPath(target);
  await writeFile(temp, `${JSON.stringify(manifest, null, 1)}\n`);
  await renameReplacing(temp, target);
}
