/**
 * Temporary files of downloads in progress: `.{name}.{pid}-{random}.partial`
 * beside the final file. They are never loaded; a partial left by a process
 * that no longer runs (or by this one, outside a download) is deleted.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { walkFiles } from './walk';

const PARTIAL = /^\..+\.(\d+)-[0-9a-f]+\.partial$/;

export function partialPath(dest: string): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
}

/** Deletes stale partials under `folder` (recursively); returns how many. */
export async function cleanPartials(folder: string): Promise<number> {
  let removed = 0;
  for (const file of await walkFiles(folder)) {
    const match = PARTIAL.exec(path.basename(file));
    if (!match || isAlive(Number(match[1]))) continue;
    await rm(file, { force: true });
    removed++;
  }
  return removed;
}

/** Another process (another VS Code window's runner) may be writing it. Our own pid: not while we hold the model's lock. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
