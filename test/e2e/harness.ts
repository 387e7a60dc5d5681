// End-to-end harness: a real VS Code (code-server) with a VSIX installed, a copy of a
// sample workspace, and headless Debian Chromium driven by playwright-core.
//
//   await withVSCode({ scenario: 'ghost-text', vsix: inkwellVsix }, async (vscode) => {
//     await vscode.waitForExtensionActivated('inkwell.inkwell');
//     await vscode.openFile('notes.md');
//     await vscode.type('Hello');
//     await vscode.waitForGhostText();
//   });
//
// withVSCode always screenshots to test-results/<scenario>.png and stops everything it
// started (Chromium, code-server's process group, temp folders), also on failure.
import { createWriteStream, existsSync } from 'node:fs';
import { cp, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { resultsDir, startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer.ts';
import { FatalWaitError, waitUntil } from './wait.ts';
import { Workbench, type WaitOptions } from './workbench.ts';

export { DEFAULT_DISABLED_BUILTINS, inkwellVsix, resultsDir, sampleWorkspace } from './codeServer.ts';
export { FatalWaitError, waitUntil } from './wait.ts';
export type { WaitOptions } from './workbench.ts';

/** Bound on the workbench's first load (a busy 2-core machine took over 30 s). */
const WORKBENCH_LOAD_MS = 120_000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export interface LaunchOptions extends Omit<CodeServerOptions, 'name' | 'log' | 'port'> {
  /** Names the screenshot (test-results/<scenario>.png) and logs (test-results/<scenario>-*). */
  scenario: string;
  /** Default timeout of waits, ms (default 30 000). */
  timeoutMs?: number;
  viewport?: { width: number; height: number };
}

export interface Timings {
  /** `--install-extension` of the VSIX(es). */
  installExtensionMs: number;
  /** Spawn to /healthz answering. */
  serverStartMs: number;
  /** page.goto to the Explorer showing the workspace. */
  workbenchLoadMs: number;
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

export class VSCodeSession extends Workbench {
  private closed = false;

  private constructor(
    readonly scenario: string,
    private readonly browser: Browser,
    readonly server: CodeServer,
    readonly timings: Timings,
    page: Page,
    timeoutMs: number,
  ) {
    super(page, scenario, timeoutMs);
  }

  /** The opened workspace folder (a copy; files saved in VS Code land here). */
  get workspaceDir(): string {
    return this.server.workspaceDir;
  }

  static async launch(options: LaunchOptions): Promise<VSCodeSession> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const server = await startCodeServer({ ...options, name: options.scenario });
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: server.installation.chromium, headless: true, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      const consoleLog = createWriteStream(path.join(resultsDir, `${options.scenario}-browser.log`));
      page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
      page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.stack ?? error.message}\n`));
      page.on('close', () => consoleLog.end());

      const loadStarted = Date.now();
      // The workbench's first load is the slowest step on a busy 2-core machine: wait on the
      // DOM rather than every script's load event, and give it the same generous bound as below.
      await page.goto(server.url, { waitUntil: 'domcontentloaded', timeout: WORKBENCH_LOAD_MS });
      await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_LOAD_MS });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: WORKBENCH_LOAD_MS });
      const timings = { ...server.timings, workbenchLoadMs: Date.now() - loadStarted };
      return new VSCodeSession(options.scenario, browser, server, timings, page, timeoutMs);
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await server.stop();
      throw error;
    }
  }

  // ---- files ---------------------------------------------------------------

  /** Absolute path of a file in the workspace copy. */
  file(relativePath: string): string {
    return path.join(this.workspaceDir, relativePath);
  }

  readFile(relativePath: string): Promise<string> {
    return readFile(this.file(relativePath), 'utf8');
  }

  /** Waits until the file on disk satisfies `predicate` (e.g. after a save); returns its text. */
  waitForFile(relativePath: string, predicate: (text: string) => boolean, options: WaitOptions = {}): Promise<string> {
    return waitUntil(
      async () => {
        const text = await this.readFile(relativePath);
        return predicate(text) ? text : undefined;
      },
      `${relativePath} on disk to match`,
      { timeoutMs: options.timeoutMs ?? this.timeoutMs },
    );
  }

  // ---- extensions and logs --------------------------------------------------

  /** Every log file VS Code wrote (server, extension host, extensions' output channels). */
  logFiles(): Promise<string[]> {
    return listFiles(path.join(this.server.userDataDir, 'logs'));
  }

  /** Text of the extension host logs (where activation and its errors are logged). */
  async extensionHostLog(): Promise<string> {
    const files = (await this.logFiles()).filter((file) => /exthost\d*[/\\](remote)?exthost\.log$/.test(file));
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    return texts.join('\n');
  }

  /** The extension host's report that `extensionId` failed to activate (with the stack), if any. */
  async activationFailure(extensionId: string): Promise<string | undefined> {
    const id = extensionId.toLowerCase();
    const lines = (await this.extensionHostLog()).split('\n');
    const index = lines.findIndex((line) => /activating extension .* failed/i.test(line) && line.toLowerCase().includes(id));
    return index < 0 ? undefined : lines.slice(index, index + 12).join('\n');
  }

  /** How many times an extension host activated `extensionId` (1 is right; 2 means two extension hosts). */
  async activationCount(extensionId: string): Promise<number> {
    const needle = `extensionservice#_doactivateextension ${extensionId.toLowerCase()},`;
    return (await this.extensionHostLog()).toLowerCase().split(needle).length - 1;
  }

  /**
   * Waits until the extension host activates `extensionId` (calls its activate());
   * throws at once if a failed activation is logged. activate() may still fail later:
   * call activationFailure() at the end of a scenario to check.
   */
  async waitForExtensionActivated(extensionId: string, options: WaitOptions = {}): Promise<void> {
    const id = extensionId.toLowerCase();
    await waitUntil(
      async () => {
        const failure = await this.activationFailure(extensionId);
        if (failure) throw new FatalWaitError(`Extension ${extensionId} failed to activate:\n${failure}`);
        const text = (await this.extensionHostLog()).toLowerCase();
        return text.includes(`extensionservice#_doactivateextension ${id},`) ? true : undefined;
      },
      `extension ${extensionId} to activate`,
      { timeoutMs: options.timeoutMs ?? this.timeoutMs },
    ).catch(async (error: Error) => {
      if (error instanceof FatalWaitError) throw error;
      const log = await this.extensionHostLog().catch(() => '');
      throw new Error(`${error.message}\n--- extension host log (tail) ---\n${log.slice(-4000)}`);
    });
  }

  /** Copies VS Code's logs to test-results/<scenario>-logs/. */
  async saveLogs(): Promise<string> {
    const target = path.join(resultsDir, `${this.scenario}-logs`);
    await rm(target, { recursive: true, force: true });
    const logs = path.join(this.server.userDataDir, 'logs');
    if (existsSync(logs)) await cp(logs, target, { recursive: true });
    return target;
  }

  /** Stops Chromium and code-server (its whole process group) and removes the temp folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
  }
}

export function launch(options: LaunchOptions): Promise<VSCodeSession> {
  return VSCodeSession.launch(options);
}

/**
 * Launches VS Code, runs `scenario`, always screenshots to test-results/<scenario>.png,
 * copies VS Code's logs to test-results/<scenario>-logs/ and stops everything; on
 * failure the error names the screenshot and the logs.
 */
export async function withVSCode<T>(options: LaunchOptions, scenario: (vscode: VSCodeSession) => Promise<T>): Promise<T> {
  const started = Date.now();
  const vscode = await launch(options);
  const { installExtensionMs, serverStartMs, workbenchLoadMs } = vscode.timings;
  process.stderr.write(
    `[e2e ${options.scenario}] VS Code ${vscode.server.installation.vscodeVersion}: extension install ${installExtensionMs} ms, ` +
      `server start ${serverStartMs} ms, workbench load ${workbenchLoadMs} ms\n`,
  );
  try {
    const result = await scenario(vscode);
    await vscode.screenshot();
    await vscode.saveLogs();
    return result;
  } catch (error) {
    const shot = await vscode.screenshot().catch(() => undefined);
    const logs = await vscode.saveLogs().catch(() => undefined);
    if (error instanceof Error) {
      error.message += `\n[e2e ${options.scenario}] screenshot: ${shot ?? 'none'}; logs: ${logs ?? 'none'}`;
    }
    throw error;
  } finally {
    await vscode.close();
    process.stderr.write(`[e2e ${options.scenario}] done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

/**
 * One step of a scenario as a subtest (its time is reported on its own). A failed step
 * fails the scenario at once: the later steps of the session do not run, and
 * withVSCode's screenshot shows the failure.
 */
export async function step(t: TestContext, name: string, run: () => Promise<void>): Promise<void> {
  let failure: unknown;
  await t.test(name, async () => {
    try {
      await run();
    } catch (error) {
      failure = error;
      throw error;
    }
  });
  if (failure !== undefined) throw failure;
}
