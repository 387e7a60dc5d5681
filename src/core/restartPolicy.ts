/**
 * When to restart a crashed runner, as vscode-languageclient does: with a
 * growing delay, and not at all after too many crashes in a short window.
 */
export interface RestartDecision {
  restart: boolean;
  delayMs: number;
}

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxCrashes = 5,
    private readonly windowMs = 3 * 60_000,
    private readonly baseDelayMs = 250,
    private readonly maxDelayMs = 8_000,
  ) {}

  /** Records a crash at `now` and decides what to do about it. */
  onCrash(now: number): RestartDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    const count = this.crashes.length;
    if (count >= this.maxCrashes) return { restart: false, delayMs: 0 };
    return { restart: true, delayMs: Math.min(this.baseDelayMs * 2 ** (count - 1), this.maxDelayMs) };
  }

  /** A manual restart forgets the crash history. */
  reset(): void {
    this.crashes = [];
  }

  get recentCrashes(): number {
    return this.crashes.length;
  }
}
