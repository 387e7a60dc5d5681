/**
 * Downloads one file: streams it into a partial file beside its destination,
 * hashing as it goes, checks size and hash against the hub's listing, fsyncs
 * and renames it into place. On any failure the partial file is deleted.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { RunnerErrorCode } from '../../protocol';
import { runnerError } from '../errors';
import { renameReplacing } from '../fileReplace';
import type { HubFile } from './fileSelection';
import { hubFetch } from './hubApi';
import type { ManifestFile } from './manifest';
import { partialPath } from './partials';
import { insideFolder } from './safePath';

/** No byte for this long: the connection is considered dead. */
const STALL_MS = 60_000;

export interface FetchRequest {
  url: string;
  model: string;
  folder: string;
  file: HubFile;
  signal: AbortSignal;
  onBytes: (bytes: number) => void;
}

export async function fetchFile(req: FetchRequest): Promise<ManifestFile> {
  const { file, model } = req;
  const dest = insideFolder(req.folder, file.path, model);
  await mkdir(path.dirname(dest), { recursive: true });
  const partial = partialPath(dest);
  const handle = await open(partial, 'w');
  let closed = false;
  const stall = new AbortController();
  let stallTimer = setTimeout(() => stall.abort(), STALL_MS);
  try {
    const res = await hubFetch(req.url, model, AbortSignal.any([req.signal, stall.signal]), file.path);
    if (!res.body) throw runnerError(RunnerErrorCode.DownloadFailed, `The server sent no content for ${file.path} of "${model}".`);
    const sha256 = createHash('sha256');
    const git = file.gitOid ? createHash('sha1').update(`blob ${file.size}\0`) : undefined;
    let size = 0;
    for await (const chunk of res.body) {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => stall.abort(), STALL_MS);
      if (size + chunk.length > file.size) throw failure(`the server sent more than the ${file.size} bytes the hub lists for ${file.path}`);
      await handle.write(chunk);
      sha256.update(chunk);
      git?.update(chunk);
      size += chunk.length;
      req.onBytes(chunk.length);
    }
    if (size !== file.size) throw failure(`received ${size} of ${file.size} bytes of ${file.path}`);
    const digest = sha256.digest('hex');
    if (file.sha256 && digest !== file.sha256) throw failure(`the sha256 of ${file.path} does not match the hub's (got ${digest.slice(0, 12)}…, expected ${file.sha256.slice(0, 12)}…)`);
    if (git && file.gitOid && git.digest('hex') !== file.gitOid) throw failure(`the git hash of ${file.path} does not match the hub's`);
    await handle.sync();
    await handle.close();
    closed = true;
    await renameReplacing(partial, dest);
    return { size, sha256: digest, mtimeMs: (await stat(dest)).mtimeMs };
  } catch (err) {
    if (req.signal.aborted) throw err;
    if (stall.signal.aborted) throw failure(`no data for ${STALL_MS / 1000} s while downloading ${file.path}`);
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw runnerError(RunnerErrorCode.DiskFull, `The disk is full: ${file.path} of "${model}" could not be written to ${req.folder}.`);
    if (err instanceof Error && !('code' in err && typeof err.code === 'number')) throw failure(`${file.path}: ${err.message}`);
    throw err;
  } finally {
    clearTimeout(stallTimer);
    if (!closed) await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
  }
}

function failure(detail: string) {
  return runnerError(RunnerErrorCode.DownloadFailed, `Download failed: ${detail}.`);
}
