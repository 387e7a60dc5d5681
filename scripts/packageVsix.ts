/**
 * Builds platform-specific VSIX files into dist-vsix/: `--all` for every
 * target onnxruntime-node ships, or the targets named on the command line
 * (default: linux-x64). Each gets a `.vscodeignore` generated from the
 * checked-in one with only its own native files (vsce's `--ignoreFile`).
 * Prints each file's size.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ignoreFileFor, VSIX_TARGETS, vsixFileName } from './vsixTargets';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist-vsix');
const args = process.argv.slice(2).filter((a) => a !== '--all');
const targets = process.argv.includes('--all') ? VSIX_TARGETS : VSIX_TARGETS.filter((t) => (args.length ? args : ['linux-x64']).includes(t.target));
const unknown = args.filter((a) => !VSIX_TARGETS.some((t) => t.target === a));
if (unknown.length) {
  console.error(`Unknown target ${unknown.join(', ')}; known: ${VSIX_TARGETS.map((t) => t.target).join(', ')}.`);
  process.exit(2);
}

mkdirSync(outDir, { recursive: true });
execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const base = readFileSync(path.join(root, '.vscodeignore'), 'utf8');
const sizes: string[] = [];
for (const t of targets) {
  const ignoreFile = path.join(outDir, `.vscodeignore-${t.target}`);
  writeFileSync(ignoreFile, ignoreFileFor(base, t));
  const out = path.join(outDir, vsixFileName(t));
  execFileSync(process.execPath, [vsce, 'package', '--target', t.target, '--ignoreFile', ignoreFile, '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  sizes.push(`${vsixFileName(t).padEnd(28)} ${(statSync(out).size / 2 ** 20).toFixed(1).padStart(5)} MiB`);
}
console.log(sizes.join('\n'));
