import type { Clock } from '../../src/core/clock';

/**
 * A clock that moves only when a test advances it. `advance` runs every timer
 * that falls due on the way, in order, at its own time, and waits for the
 * promise its callback returns (so a check and the timer it schedules next
 * have happened when `advance` resolves).
 */
export class FakeClock implements Clock {
  private timers: { at: number; callback: () => unknown; id: number }[] = [];
  private nextId = 0;

  constructor(private time = 1_000_000) {}

  now(): number {
    return this.time;
  }

  schedule(callback: () => unknown, ms: number): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.timers.length;
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      await due.callback();
    }
    this.time = target;
  }
}
