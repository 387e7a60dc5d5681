// The one list of Debian packages that `npm test` and `npm start` need (through
// install.ts; .ci/run has no list of its own), which of them are missing, and what to do
// about it: install them (root with apt-get), or stop with the one command to run.
import { spawn, spawnSync } from 'node:child_process';

export interface DebianPackage {
  name: string;
  /** `run`: every run needs it; `build`: only the first install builds code-server's native modules with it. */
  neededFor: 'run' | 'build';
}

export const DEBIAN_PACKAGES: readonly DebianPackage[] = [
  { name: 'chromium', neededFor: 'run' }, // drives the web workbench through playwright-core
  { name: 'libkrb5-dev', neededFor: 'build' },
  { name: 'libx11-dev', neededFor: 'build' },
  { name: 'libxkbfile-dev', neededFor: 'build' },
  { name: 'libsecret-1-dev', neededFor: 'build' },
  { name: 'pkg-config', neededFor: 'build' },
  { name: 'g++', neededFor: 'build' },
  { name: 'make', neededFor: 'build' },
  { name: 'python3', neededFor: 'build' },
];

/** Extra packages to require, space-separated (to try the set-up's decisions with a package that is really missing). */
export const EXTRA_PACKAGES_ENV = 'INKWELL_EXTRA_DEBIAN_PACKAGES';

export interface Needs {
  /** code-server is not installed yet: its build packages are needed too. */
  building: boolean;
  /** $INKWELL_CHROMIUM names a browser: Debian's chromium is not needed. */
  ownChromium: boolean;
  extra?: readonly string[];
}

export function requiredPackages(needs: Needs): string[] {
  const names = DEBIAN_PACKAGES.filter((p) => (p.neededFor === 'build' ? needs.building : !(p.name === 'chromium' && needs.ownChromium))).map((p) => p.name);
  return [...new Set([...names, ...(needs.extra ?? [])])];
}

export function extraPackagesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[EXTRA_PACKAGES_ENV] ?? '').split(/[\s,]+/).filter(Boolean);
}

export interface Host {
  root: boolean;
  aptGet: boolean;
  sudo: boolean;
}

export type DebianPlan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; commands: string[][] }
  | { action: 'stop'; packages: string[]; command: string };

/** What to do about `missing` packages on this host. Pure. */
export function planDebianPackages(missing: readonly string[], host: Host): DebianPlan {
  if (missing.length === 0) return { action: 'none' };
  const packages = [...missing];
  const install = ['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...packages];
  if (host.root && host.aptGet) return { action: 'install', packages, commands: [['apt-get', 'update', '-q'], install] };
  const line = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const command = host.root ? line : host.sudo ? `sudo sh -c '${line}'` : `su -c '${line}'`;
  return { action: 'stop', packages, command };
}

/** The message a run that cannot install the packages stops with. */
export function stopMessage(plan: Extract<DebianPlan, { action: 'stop' }>, host: Host): string {
  const why = !host.root ? 'installing them needs root' : 'apt-get was not found';
  return (
    `Missing Debian packages: ${plan.packages.join(' ')} (${why}).\n` +
    `Run this once, then run the same npm command again:\n\n    ${plan.command}\n`
  );
}

/** The packages among `names` that dpkg does not list as installed; undefined where there is no dpkg (not Debian). */
export function missingPackages(names: readonly string[]): string[] | undefined {
  if (names.length === 0) return [];
  // One dpkg-query for all (as `dpkg -s` would tell, per package); unknown names are missing.
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package}\t${Status}\n', ...names], { encoding: 'utf8' });
  if (result.error) return undefined;
  const installed = new Set(
    result.stdout
      .split('\n')
      .filter((line) => line.endsWith('install ok installed'))
      .map((line) => line.split('\t')[0]),
  );
  return names.filter((name) => !installed.has(name.replace(/:.*$/, '')));
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function thisHost(): Host {
  return { root: process.getuid?.() === 0, aptGet: onPath('apt-get'), sudo: onPath('sudo') };
}

function run(command: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = command as [string, ...string[]];
    const child = spawn(file, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail: string[] = [];
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split(/[\r\n]+/)) {
        if (!line.trim() || /^\(Reading database \.\.\. ?(\d+%)?$/.test(line.trim())) continue; // dpkg's percentage counter
        log(`  ${line}`);
        tail = [...tail.slice(-30), line];
      }
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command.join(' ')} failed with exit code ${code}:\n${tail.join('\n')}`))));
  });
}

/**
 * Installs the missing ones of `names` (apt-get update first) or throws the stop message.
 * Returns the packages it installed ([] when none were missing, or there is no dpkg).
 */
export async function ensureDebianPackages(names: readonly string[], log: (line: string) => void): Promise<string[]> {
  const missing = missingPackages(names);
  if (missing === undefined) {
    log(`no dpkg here (not Debian): make sure these (or your system's equivalents) are installed: ${names.join(' ')}`);
    return [];
  }
  const host = thisHost();
  const plan = planDebianPackages(missing, host);
  if (plan.action === 'none') return [];
  if (plan.action === 'stop') throw new Error(stopMessage(plan, host));
  log(`Debian packages: installing ${plan.packages.join(' ')} (usually 35 s to 4 min, most of it downloading)`);
  const started = Date.now();
  for (const command of plan.commands) {
    log(`$ ${command.join(' ')}`);
    await run(command, log);
  }
  const still = missingPackages(plan.packages) ?? [];
  if (still.length > 0) throw new Error(`apt-get finished, but these are still not installed: ${still.join(' ')}`);
  log(`Debian packages installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return plan.packages;
}
