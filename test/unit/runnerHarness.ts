/**
 * Starts the real bundled runner (dist/runner.js) through the real host
 * client, for tests. No mocks: transformers.js and onnxruntime-node run
 * generated models.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RestartPolicy } from '../../src/core/restartPolicy';
import { RunnerClient, type RunnerClientOptions, type RunnerState } from '../../src/host/runnerClient';
import type { InitializeParams } from '../../src/protocol';

export const ROOT = path.resolve(__dirname, '../..');
export const RUNNER_PATH = path.join(ROOT, 'dist/runner.js');

export interface TestRunner {
  client: RunnerClient;
  logs: string[];
  states: RunnerState[];
  /** Crash counts reported when the restart policy gave up. */
  gaveUp: number[];
  settings: InitializeParams;
}

export function startTestRunner(overrides: Partial<InitializeParams> = {}, policy?: RestartPolicy, clientOptions: Partial<RunnerClientOptions> = {}): TestRunner {
  if (!existsSync(RUNNER_PATH)) throw new Error(`${RUNNER_PATH} is missing: run "npm run build" first.`);
  const logs: string[] = [];
  const states: RunnerState[] = [];
  const gaveUp: number[] = [];
  const settings: InitializeParams = {
    cacheDir: mkdtempSync(path.join(tmpdir(), 'inkwell-cache-')),
    localModelPath: '',
    offline: true,
    threads: 2,
    ...overrides,
  };
  const client = new RunnerClient({
    runnerPath: RUNNER_PATH,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    initializeParams: () => settings,
    onStateChange: (s) => states.push(s),
    onGaveUp: (crashes) => gaveUp.push(crashes),
    policy,
    ...clientOptions,
  });
  return { client, logs, states, gaveUp, settings };
}

/** Resolves when `predicate` holds, checking on every state change or log line (no fixed sleeps). */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
