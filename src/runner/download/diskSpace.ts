import { statfs } from 'node:fs/promises';
import { formatMB } from '../../core/catalog';
import { RunnerErrorCode } from '../../protocol';
import { runnerError } from '../errors';

/** Free space asked for beyond the download itself: 64 MB plus 5%. */
export function requiredFree(bytes: number): number {
  return bytes + 64 * 2 ** 20 + Math.ceil(bytes * 0.05);
}

/** Throws a clear error before downloading when the disk holding `dir` has too little room. */
export async function ensureDiskSpace(dir: string, bytes: number, model: string): Promise<void> {
  if (bytes === 0) return;
  const s = await statfs(dir);
  const free = s.bavail * s.bsize;
  if (free >= requiredFree(bytes)) return;
  throw runnerError(
    RunnerErrorCode.DiskFull,
    `Not enough disk space to download "${model}": it needs ${formatMB(bytes)} and ${dir} has ${formatMB(free)} free. Free some space, or delete models with "Inkwell: Manage Downloaded Models…".`,
  );
}
