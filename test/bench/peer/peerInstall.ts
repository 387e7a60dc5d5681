// Installs this folder's own package (node-llama-cpp 3.21.1 with only its linux-x64 CPU build) on the
// first bench:peer: `npm ci --omit=optional` skips node-llama-cpp's optional CUDA/Vulkan/ARM/macOS/
// Windows builds, package.json names @node-llama-cpp/linux-x64 directly, and --ignore-scripts keeps
// node-llama-cpp's postinstall (which may build or download llama.cpp) from running.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PEER_MODULES } from './llamaCppProcess';

export const NODE_LLAMA_CPP_VERSION = '3.21.1';

function installedVersion(name: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(PEER_MODULES, name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

/** Installs when missing; returns what is installed (platform builds, size) for the report. */
export function ensurePeerInstall(): { builds: string[]; megabytes: number } {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('bench:peer installs only the linux-x64 build of node-llama-cpp');
  const wanted = [NODE_LLAMA_CPP_VERSION, NODE_LLAMA_CPP_VERSION];
  const have = [installedVersion('node-llama-cpp'), installedVersion('@node-llama-cpp/linux-x64')];
  if (have.join() !== wanted.join()) {
    console.log(`Installing node-llama-cpp ${NODE_LLAMA_CPP_VERSION} (linux-x64 CPU build only) into ${path.relative(process.cwd(), PEER_MODULES)} ...`);
    execFileSync('npm', ['ci', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: path.dirname(PEER_MODULES), stdio: 'inherit' });
  }
  const builds = fs.readdirSync(path.join(PEER_MODULES, '@node-llama-cpp'));
  return { builds, megabytes: folderBytes(PEER_MODULES) / 2 ** 20 };
}
