/**
 * Idle unload: models unused for `idleUnloadMinutes` (read from the runner's
 * settings at every check, so a reconfigure applies) are disposed, through the
 * work queue so nothing is unloaded under a running request. Its timer never
 * keeps the runner alive; the clock is injected so tests need not wait.
 */
import { systemClock, type Clock } from '../core/clock';
import type { ModelStore } from './modelStore';
import type { RunnerSettings } from './runnerSettings';
import type { WorkQueue } from './workQueue';

export interface IdleUnloaderDeps {
  settings: Pick<RunnerSettings, 'idleUnloadMs'>;
  store: Pick<ModelStore, 'loaded' | 'unload'>;
  queue: Pick<WorkQueue, 'run' | 'busy'>;
  clock?: Clock;
  log?: (message: string) => void;
}

/** Checks run at a quarter of the limit, between these bounds; while off (or before `initialize`), every second. */
const MAX_CHECK_MS = 60_000;
const MIN_CHECK_MS = 100;
const OFF_CHECK_MS = 1_000;

export class IdleUnloader {
  private cancel: (() => void) | undefined;
  private disposed = false;
  private readonly clock: Clock;

  constructor(private readonly deps: IdleUnloaderDeps) {
    this.clock = deps.clock ?? systemClock;
    this.schedule();
  }

  /** Unloads every model idle for longer than the limit; returns how many. */
  async check(): Promise<number> {
    const limit = this.deps.settings.idleUnloadMs;
    if (limit === 0 || this.deps.queue.busy) return 0;
    const idle = (await this.deps.store.loaded()).filter((m) => this.clock.now() - m.lastUsedAt >= limit);
    let unloaded = 0;
    for (const model of idle) {
      await this.deps.queue.run(async () => {
        // Used again while this job waited? Then keep it.
        const current = (await this.deps.store.loaded()).find((m) => m.task === model.task && m.model === model.model);
        if (!current || this.clock.now() - current.lastUsedAt < limit) return;
        await this.deps.store.unload(model.task, model.model);
        unloaded++;
        (this.deps.log ?? console.error)(`Inkwell: unloaded ${model.model} (${model.task}), unused for ${Math.round((this.clock.now() - current.lastUsedAt) / 1000)} s.`);
      });
    }
    return unloaded;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel?.();
  }

  private schedule(): void {
    if (this.disposed) return;
    const limit = this.deps.settings.idleUnloadMs;
    const delay = limit > 0 ? Math.min(MAX_CHECK_MS, Math.max(MIN_CHECK_MS, limit / 4)) : OFF_CHECK_MS;
    this.cancel = this.clock.schedule(
      () =>
        this.check()
          .catch((err: unknown) => console.error(`Inkwell: idle unload failed: ${String(err)}`))
          .finally(() => this.schedule()),
      delay,
    );
  }
}
