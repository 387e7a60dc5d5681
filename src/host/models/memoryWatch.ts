/**
 * Memory recycling (`inkwell.runner.maxMemoryMB`): onnxruntime and V8 do not
 * always give memory back after models are unloaded, so when the runner is
 * idle and its resident memory is over the limit, the host restarts it (models
 * load again on next use). Polls `status` once a minute, only while the runner
 * is running; never starts it. No vscode import, so tests drive it directly.
 */
import { settingId } from '../../config';
import { systemClock, type Clock } from '../../core/clock';
import { Methods, type StatusResult } from '../../protocol';
import type { RunnerClient } from '../runnerClient';

export interface MemoryWatchDeps {
  client: Pick<RunnerClient, 'currentState' | 'request0' | 'restart'>;
  /** The limit in MB (0: never restart). Read at every check. */
  maxMemoryMB: () => number;
  log: { info(message: string): void; warn(message: string): void };
  /** Work the runner's queue does not show (an explicit download): no restart meanwhile. */
  busy?: () => boolean;
  intervalMs?: number;
  /** Injected by tests, which advance it instead of waiting. */
  clock?: Clock;
  /** Each status read (memory, loaded models), e.g. for the status bar tooltip. */
  onStatus?: (status: StatusResult) => void;
}

/** One check: restarts the runner when it is idle and over the limit. True when it restarted. */
export async function checkMemory(deps: MemoryWatchDeps): Promise<boolean> {
  const limit = deps.maxMemoryMB();
  if (deps.client.currentState !== 'ready' || deps.busy?.()) return false;
  const status = await deps.client.request0(Methods.status);
  deps.onStatus?.(status);
  if (limit <= 0 || status.busy || status.memory.rssMB <= limit || deps.busy?.()) return false;
  deps.log.warn(
    `Restarting the model runner to give memory back: it uses ${status.memory.rssMB} MB, more than "${settingId('maxMemoryMB')}" (${limit} MB), and is idle. Models load again on next use.`,
  );
  await deps.client.restart();
  return true;
}

/** Checks every `intervalMs`, counted from the end of the previous check (so two never overlap). */
export function startMemoryWatch(deps: MemoryWatchDeps): { dispose(): void } {
  const clock = deps.clock ?? systemClock;
  let disposed = false;
  let cancel = (): void => undefined;
  const next = (): void => {
    if (disposed) return;
    cancel = clock.schedule(
      () =>
        checkMemory(deps)
          .catch((err: unknown) => deps.log.warn(`Memory check of the model runner failed: ${err instanceof Error ? err.message : String(err)}`))
          .finally(next),
      deps.intervalMs ?? 60_000,
    );
  };
  next();
  return {
    dispose: () => {
      disposed = true;
      cancel();
    },
  };
}
