import { readdir } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Every file below `dir` (absolute paths; [] when it does not exist). Written out
 * rather than `readdir({ recursive })` + `parentPath`: VS Code 1.90's Node 20.9 lacks `parentPath`.
 */
export async function walkFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walkFiles(path.join(dir, e.name)) : Promise.resolve(e.isFile() ? [path.join(dir, e.name)] : []))));
  return nested.flat();
}
