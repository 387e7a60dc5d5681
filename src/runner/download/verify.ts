/**
 * Integrity of cached files. Hashing happens once, while downloading; before a
 * load only size and mtime are compared with the manifest (a stat per file).
 * A file whose mtime changed is hashed again: same sha256, it is fine (and
 * its new mtime recorded); otherwise it is corrupt. `full` hashes every file
 * regardless (used after onnxruntime rejected a file that looked fine).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ManifestFile } from './manifest';
import { insideFolder } from './safePath';

export type FileState = { state: 'ok'; record: ManifestFile } | { state: 'missing' } | { state: 'outdated' } | { state: 'corrupt'; reason: string };

export async function checkFile(folder: string, file: string, record: ManifestFile | undefined, expectedSha256: string | undefined, full: boolean, model: string): Promise<FileState> {
  if (!record) return { state: 'missing' };
  if (expectedSha256 && expectedSha256 !== record.sha256) return { state: 'outdated' };
  const target = insideFolder(folder, file, model);
  let size: number;
  let mtimeMs: number;
  try {
    ({ size, mtimeMs } = await stat(target));
  } catch {
    return { state: 'missing' };
  }
  if (size !== record.size) return { state: 'corrupt', reason: `size ${size} bytes, expected ${record.size}` };
  if (!full && mtimeMs === record.mtimeMs) return { state: 'ok', record };
  const digest = await sha256File(target);
  if (digest !== record.sha256) return { state: 'corrupt', reason: 'sha256 does not match the download' };
  return { state: 'ok', record: { ...record, mtimeMs } };
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
