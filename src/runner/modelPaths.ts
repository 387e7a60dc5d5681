/**
 * Model folder settings as people type them on every OS: drive letters,
 * backslashes, UNC shares, `~`, a path pasted with quotes (Explorer's "Copy as
 * path"); and folder/model identity on case-insensitive file systems (Windows,
 * macOS by default), where `C:\Models\Foo` and `c:\models\foo`, or the hub ids
 * `Org/Name` and `org/name` (the same `cacheDir/org/name` folder there), are one
 * thing. Every function takes the platform, so tests run Windows rules on Linux.
 */
import { homedir } from 'node:os';
import * as path from 'node:path';

export interface PathPlatform {
  platform: NodeJS.Platform;
  home: string;
  /** What relative settings (`./models`) are resolved against; the home folder when absent. */
  cwd?: string;
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Windows and macOS (APFS/HFS+ by default) compare file names without case. */
export function caseInsensitiveFs(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

/** The setting as meant: trimmed, one pair of surrounding quotes removed. */
export function cleanPathSetting(value: string): string {
  const trimmed = value.trim();
  return /^"[^"]*"$/.test(trimmed) || /^'[^']*'$/.test(trimmed) ? trimmed.slice(1, -1).trim() : trimmed;
}

/** `~`, `~/x` (and `~\x` on Windows) → under the home folder. */
export function expandHome(value: string, { platform, home }: PathPlatform): string {
  if (value === '~') return home;
  const sep = platform === 'win32' ? /^~[\\/]/ : /^~\//;
  return sep.test(value) ? pathFor(platform).join(home, value.slice(2)) : value;
}

/** Is a model setting a folder (absolute, `~`, `./`, `../`; `.\` and `..\` on Windows) rather than a hub id? */
export function isFolderPath(model: string, platform: NodeJS.Platform): boolean {
  const value = cleanPathSetting(model);
  if (pathFor(platform).isAbsolute(value) || value === '~') return true;
  return platform === 'win32' ? /^(~|\.{1,2})[\\/]/.test(value) : /^(~|\.{1,2})\//.test(value);
}

/** A folder setting as an absolute, normalized path for `platform`, without a trailing separator (except a root). */
export function resolveFolder(value: string, where: PathPlatform): string {
  return pathFor(where.platform).resolve(where.cwd ?? where.home, expandHome(cleanPathSetting(value), where));
}

/** The identity of a folder: normalized, and case-folded where the file system ignores case. */
export function folderKey(value: string, where: PathPlatform): string {
  const resolved = resolveFolder(value, where);
  return caseInsensitiveFs(where.platform) ? resolved.toLowerCase() : resolved;
}

export function sameFolder(a: string, b: string, where: PathPlatform): boolean {
  if (!a || !b) return a === b;
  return folderKey(a, where) === folderKey(b, where);
}

/**
 * The identity of a model setting (a folder or a hub id): two settings with the
 * same key load the same files. Hub ids are case-folded where their cache folders
 * would be the same folder.
 */
export function modelKey(model: string, where: PathPlatform): string {
  if (isFolderPath(model, where.platform)) return `folder:${folderKey(model, where)}`;
  return `hub:${caseInsensitiveFs(where.platform) ? model.toLowerCase() : model}`;
}

export function sameModel(a: string, b: string, where: PathPlatform): boolean {
  return modelKey(a, where) === modelKey(b, where);
}

/** This process's platform, home folder and working folder. */
export function hostPlatform(): PathPlatform {
  return { platform: process.platform, home: homedir(), cwd: process.cwd() };
}
