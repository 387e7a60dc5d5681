/**
 * Time for the code that waits on it (the runner's idle unloader, the host's
 * memory watch), injected so tests advance it instead of sleeping.
 */
export interface Clock {
  now(): number;
  /** Calls `callback` once after `ms`; the returned function cancels it. Never keeps the process alive. */
  schedule(callback: () => unknown, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
