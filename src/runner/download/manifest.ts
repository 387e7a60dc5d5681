/**
 * `.inkwell-manifest.json` in each downloaded model's folder: the hub's file
 * listing at download time, and for every file fetched its size, sha256 and
 * the mtime it had once verified. Written atomically (temp file + rename).
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Task } from '../../protocol';
import { renameReplacing } from '../fileReplace';
import type { RemoteFile } from './fileSelection';
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
  remoteHost: string;
  /** The hub's listing when last fetched. */
  remote: RemoteFile[];
  /** Verified files, by path in the repository. */
  files: Record<string, ManifestFile>;
  /** Tasks it was downloaded for. */
  tasks: Task[];
}

export function emptyManifest(model: string, remoteHost: string): Manifest {
  return { version: 1, model, remoteHost, remote: [], files: {}, tasks: [] };
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

export async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  const target = path.join(folder, MANIFEST);
  const temp = partialPath(target);
  await writeFile(temp, `${JSON.stringify(manifest, null, 1)}\n`);
  await renameReplacing(temp, target);
}
