/**
 * Renaming over and deleting files that another program may hold open. POSIX
 * allows both; Windows refuses them while any handle is open (EPERM, EACCES or
 * EBUSY) — often only for a moment, while an antivirus scanner or the search
 * indexer reads a file just written. So on Windows: retry with backoff, and if the
 * file stays in use, fail with a message that says so.
 */
import { rename, rm } from 'node:fs/promises';
import { delay } from '../core/delay';

const IN_USE = new Set(['EPERM', 'EACCES', 'EBUSY']);
/** About 3 s in all. */
const BACKOFF_MS = [25, 50, 100, 200, 400, 800, 1500];

export interface FileOps {
  platform: NodeJS.Platform;
  rename: (from: string, to: string) => Promise<void>;
  rm: (target: string) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
}

const realOps: FileOps = {
  platform: process.platform,
  rename,
  rm: (target) => rm(target, { recursive: true, force: true }),
  sleep: async (ms) => void (await delay(ms)),
};

export class FileInUseError extends Error {
  constructor(
    readonly target: string,
    readonly code: string,
    action: string,
  ) {
    super(`Could not ${action} ${target}: it is in use by another program (${code}). On Windows a file cannot be replaced or deleted while any program has it open; close the other program (another VS Code window, an antivirus scan) and try again.`);
    this.name = 'FileInUseError';
  }
}

async function withRetries(ops: FileOps, target: string, action: string, run: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (ops.platform !== 'win32' || !IN_USE.has(code)) throw err;
      if (attempt >= BACKOFF_MS.length) throw new FileInUseError(target, code, action);
      await ops.sleep(BACKOFF_MS[attempt]!);
    }
  }
}

/** Renames `from` onto `to`, replacing `to` (atomic on one volume). */
export function renameReplacing(from: string, to: string, ops: FileOps = realOps): Promise<void> {
  return withRetries(ops, to, 'replace', () => ops.rename(from, to));
}

/** Deletes a file or folder tree (nothing if absent). */
export function removeTree(target: string, ops: FileOps = realOps): Promise<void> {
  return withRetries(ops, target, 'delete', () => ops.rm(target));
}
