/**
 * Every path a download writes, reads or deletes comes from a hub listing or a
 * manifest, i.e. from outside. This joins it to the model's folder only when
 * the result stays inside that folder (checked with `path.relative`).
 */
import * as path from 'node:path';
import { RunnerErrorCode } from '../../protocol';
import { runnerError } from '../errors';

export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(folder, file));
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

/** `folder/file`, or a clear error when `file` would lead outside `folder`. */
export function insideFolder(folder: string, file: string, model: string): string {
  if (file.includes('\0') || path.isAbsolute(file) || !isInside(folder, file)) {
    throw runnerError(RunnerErrorCode.DownloadFailed, `Refusing "${file}" of "${model}": it would be written outside the model's folder ${folder}.`);
  }
  return path.resolve(folder, file);
}
