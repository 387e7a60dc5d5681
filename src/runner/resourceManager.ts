/**
 * Idle unload: models unused for `idleUnloadMinutes` (from InitializeParams,
 * read at every check, so a reconfigure applies) are disposed, through the
 * work queue so nothing is unloaded under a running request. The timer is
 * unref'd: it never keeps the runner alive.
 */
import type { ModelStore } from './modelStore';
import type { WorkQueue } from './workQueue';

export interface IdleUnloadDeps {
  store: Pick<ModelStore, 'loaded' | 'unload' | 'settings'>;
  queue: Pick<WorkQueue, 'run' | 'busy'>;
  /** After a model is unloaded (drop caches that hold its tensors). */
  onUnload: () => void;
  log?: (message: string) => void;
}

/** Checks run at a quarter of the limit, between these bounds; while off (or before `initialize`), every second. */
const MAX_CHECK_MS = 60_000;
const MIN_CHECK_MS = 100;
const OFF_CHECK_MS = 1_000;

export class IdleUnloader {
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly deps: IdleUnloadDeps) {
    this.schedule();
  }

  private get idleMs(): number {
    const minutes = this.deps.store.settings.idleUnloadMinutes ?? 0;
    return minutes > 0 ? minutes * 60_000 : 0;
  }

  /** Unloads every model idle for longer than the limit; returns how many. */
  async check(now = Date.now()): Promise<number> {
    const limit = this.idleMs;
    if (limit === 0 || this.deps.queue.busy) return 0;
    const idle = (await this.deps.store.loaded()).filter((m) => now - m.lastUsedAt >= limit);
    let unloaded = 0;
    for (const model of idle) {
      await this.deps.queue.run(async () => {
        // Used again while this job waited? Then keep it.
        const current = (await this.deps.store.loaded()).find((m) => m.task === model.task && m.model === model.model);
        if (!current || Date.now() - current.lastUsedAt < limit) return;
        await this.deps.store.unload(model.task, model.model);
        this.deps.onUnload();
        unloaded++;
        (this.deps.log ?? console.error)(`Inkwell: unloaded ${model.model} (${model.task}), unused for ${Math.round((Date.now() - current.lastUsedAt) / 1000)} s.`);
      });
    }
    return unloaded;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.disposed) return;
    const limit = this.idleMs;
    const delay = limit > 0 ? Math.min(MAX_CHECK_MS, Math.max(MIN_CHECK_MS, limit / 4)) : OFF_CHECK_MS;
    this.timer = setTimeout(() => {
      void this.check()
        .catch((err: unknown) => console.error(`Inkwell: idle unload failed: ${String(err)}`))
        .finally(() => this.schedule());
    }, delay);
    this.timer.unref();
  }
}
