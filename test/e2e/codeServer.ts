// Starts code-server (a real VS Code server + web workbench) on 127.0.0.1 with fresh
// user data and extensions folders, a copy of a sample workspace, harness settings and
// the given VSIX(es) installed. Stops its whole process group, also when the test
// process is interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled, type Installation } from './install.ts';
import { waitUntil } from './wait.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = path.join(repoRoot, 'test-results');
export const sampleWorkspace = path.join(repoRoot, 'test', 'e2e', 'workspace');
/** The real extension, as `npm run package` builds it. */
export const inkwellVsix = path.join(repoRoot, 'dist-vsix', 'inkwell-linux-x64.vsix');

export const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  // Inkwell opens its walkthrough on the first start unless this is off (walkthrough.e2e.test.ts turns it on).
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  // Otherwise the Chat view opens a few seconds in and takes the keyboard focus.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.minimap.enabled': false,
  // The web workbench saves after a short delay by default (desktop VS Code does not), and
  // then shows no dirty state: scenarios save with Ctrl+S, and save() waits for the tab to be clean.
  'files.autoSave': 'off',
};

/**
 * Built-in extensions left out by default (VSCODE_SKIP_BUILTIN_EXTENSIONS): they cost
 * CPU at startup on a 2-core machine and none is needed to test Inkwell. Only ones
 * without a `browser` entry: skipping one that has it (git-base, emmet, json, ...)
 * makes the web workbench start a second remote extension host, so every extension
 * activates twice.
 */
export const DEFAULT_DISABLED_BUILTINS: readonly string[] = [
  'vscode.git',
  'vscode.github',
  'vscode.microsoft-authentication',
  'vscode.debug-auto-launch',
  'ms-vscode.js-debug',
  'ms-vscode.js-debug-companion',
];

export interface CodeServerOptions {
  /** Names the temp folder and the log file (test-results/<name>-code-server.log). */
  name: string;
  /** VSIX file(s) to install with `code-server --install-extension`. */
  vsix: string | string[];
  /** Folder copied to a temp dir and opened; default test/e2e/workspace. */
  workspace?: string;
  /** User settings on top of BASE_SETTINGS (e.g. `{ 'inkwell.enabled': true }`). */
  settings?: Record<string, unknown>;
  /**
   * Remote (machine) settings: <user-data-dir>/Machine/settings.json. code-server is a
   * remote window, so VS Code reads settings of scope `machine` and `machine-overridable`
   * only from here and ignores them in the user settings.
   */
  machineSettings?: Record<string, unknown>;
  /** Extra environment for code-server; the extension host inherits it. */
  env?: NodeJS.ProcessEnv;
  /** Built-in extensions to leave out (default DEFAULT_DISABLED_BUILTINS; [] keeps all). */
  disableExtensions?: readonly string[];
  /** Port on 127.0.0.1; default a free one. */
  port?: number;
  /** 'inherit' prints code-server's output; default a file in test-results/. */
  log?: 'inherit' | 'file';
}

export interface CodeServer {
  installation: Installation;
  /** http://127.0.0.1:PORT */
  base: string;
  /** The workbench URL with the workspace folder open. */
  url: string;
  /** Temp root: user data, extensions, workspace copy; removed by stop(). */
  tempDir: string;
  /** The opened workspace folder (a copy; files saved in VS Code land here). */
  workspaceDir: string;
  userDataDir: string;
  timings: { installExtensionMs: number; serverStartMs: number };
  /** Why code-server exited, if it did. */
  exited(): string | undefined;
  /** Settles when code-server exits, with the reason. */
  whenExited: Promise<string>;
  stop(): Promise<void>;
}

// ---- cleanup of what we started, even when a test forgets or the run is interrupted

const liveGroups = new Set<number>();
const liveTempDirs = new Set<string>();

function killEverything(): void {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
  for (const dir of liveTempDirs) rmSync(dir, { recursive: true, force: true });
  liveTempDirs.clear();
}
process.on('exit', killEverything);
// code-server runs in its own process group, so a Ctrl+C on the terminal does not reach it.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.once(signal, () => {
    killEverything();
    process.exit(code);
  });
}

/** SIGTERM to the process group, SIGKILL if it is still there after 5 s. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, 'SIGTERM');
    await waitUntil(() => !groupAlive(), `code-server (pid ${pid}) to stop`, { timeoutMs: 5_000, intervalMs: 50 });
  } catch {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    await waitUntil(() => !groupAlive(), `code-server (pid ${pid}) to die`, { timeoutMs: 5_000, intervalMs: 50 }).catch(() => undefined);
  }
  liveGroups.delete(pid);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`code-server ${args.slice(1).join(' ')} exited with ${code}:\n${output}`))));
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const installation = await ensureInstalled();
  const tempDir = await mkdtemp(path.join(os.tmpdir(), `inkwell-e2e-${options.name.replace(/[^\w.-]+/g, '_')}-`));
  liveTempDirs.add(tempDir);
  let server: ChildProcess | undefined;
  const cleanUp = async () => {
    if (server) await stopProcessGroup(server);
    await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
    liveTempDirs.delete(tempDir);
  };
  try {
    const userDataDir = path.join(tempDir, 'user-data');
    const extensionsDir = path.join(tempDir, 'extensions');
    const workspaceDir = path.join(tempDir, 'workspace');
    const configFile = path.join(tempDir, 'config.yaml');
    await mkdir(path.join(userDataDir, 'User'), { recursive: true });
    await mkdir(extensionsDir, { recursive: true });
    await cp(options.workspace ?? sampleWorkspace, workspaceDir, { recursive: true });
    await writeFile(configFile, 'auth: none\ncert: false\n');
    const settings = { ...BASE_SETTINGS, ...options.settings };
    await writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    if (options.machineSettings) {
      await mkdir(path.join(userDataDir, 'Machine'), { recursive: true });
      await writeFile(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.machineSettings, null, 2));
    }

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      // code-server writes a default config and state under these otherwise: keep $HOME clean.
      XDG_CONFIG_HOME: path.join(tempDir, 'xdg-config'),
      XDG_DATA_HOME: path.join(tempDir, 'xdg-data'),
      XDG_CACHE_HOME: path.join(tempDir, 'xdg-cache'),
      // The server leaves these built-ins out of its scan (--disable-extension does not reach the web workbench).
      VSCODE_SKIP_BUILTIN_EXTENSIONS: (options.disableExtensions ?? DEFAULT_DISABLED_BUILTINS).join(','),
    };
    for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
    delete env.NODE_OPTIONS; // tsx's loader must not reach code-server's Node 24
    const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

    const installStarted = Date.now();
    for (const vsix of [options.vsix].flat()) {
      if (!existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}${vsix === inkwellVsix ? ' (build it with `npm run package`)' : ''}`);
      const output = await runToEnd(installation.node, [installation.codeServer, ...common, '--force', '--install-extension', vsix], env);
      if (!/successfully installed/i.test(output)) throw new Error(`Installing ${vsix} did not report success:\n${output}`);
    }
    const installExtensionMs = Date.now() - installStarted;

    const port = options.port ?? (await freePort());
    const base = `http://127.0.0.1:${port}`;
    const logPath = path.join(resultsDir, `${options.name}-code-server.log`);
    const serverStarted = Date.now();
    const spawned = spawn(
      installation.node,
      [
        installation.codeServer,
        ...common,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspaceDir,
      ],
      { env, detached: true, stdio: ['ignore', options.log === 'inherit' ? 'inherit' : 'pipe', options.log === 'inherit' ? 'inherit' : 'pipe'] },
    );
    server = spawned;
    if (spawned.pid) liveGroups.add(spawned.pid);
    if (options.log !== 'inherit') {
      await mkdir(resultsDir, { recursive: true });
      const log = createWriteStream(logPath);
      spawned.stdout?.pipe(log);
      spawned.stderr?.pipe(log);
    }
    let exited: string | undefined;
    const whenExited = new Promise<string>((resolve) =>
      spawned.on('exit', (code, signal) => {
        exited = `code-server exited (${code ?? signal})${options.log === 'inherit' ? '' : `; see ${logPath}`}`;
        resolve(exited);
      }),
    );
    await waitUntil(
      async () => {
        if (exited) throw new Error(exited);
        return (await fetch(`${base}/healthz`)).ok;
      },
      'code-server to answer /healthz',
      { timeoutMs: 60_000 },
    ).catch((error: Error) => {
      throw new Error(exited ?? error.message);
    });
    const serverStartMs = Date.now() - serverStarted;

    let stopped = false;
    return {
      installation,
      base,
      url: `${base}/?folder=${encodeURIComponent(workspaceDir)}`,
      tempDir,
      workspaceDir,
      userDataDir,
      timings: { installExtensionMs, serverStartMs },
      exited: () => exited,
      whenExited,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
