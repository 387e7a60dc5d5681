/**
 * A lock shared by processes (every VS Code window runs its own runner, and they
 * share the download cache): a file created with O_EXCL holding the owner's pid.
 * Held only for short critical sections (a manifest read-merge-write), so a lock
 * older than STALE_MS, or whose owner no longer runs, is taken over.
 */
import { open, readFile, rm, stat } from 'node:fs/promises';
import { delay } from '../../core/delay';

const STALE_MS = 10_000;
const GIVE_UP_MS = 30_000;

export async function withFileLock<T>(lockPath: string, job: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (await isStale(lockPath)) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() - started > GIVE_UP_MS) throw new Error(`${lockPath} stayed locked for ${GIVE_UP_MS / 1000} s.`, { cause: err });
      await delay(Math.min(50, 2 + attempt * 2) + Math.random() * 5);
    }
  }
  try {
    return await job();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  const [owner, info] = await Promise.all([readFile(lockPath, 'utf8').catch(() => ''), stat(lockPath).catch(() => undefined)]);
  if (!info) return false; // just released: try again
  if (Date.now() - info.mtimeMs > STALE_MS) return true;
  const pid = Number(owner);
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
