/**
 * Notices a model runner that stopped answering: while requests are in flight
 * it pings every `heartbeatMs`; a ping unanswered for `unresponsiveMs` calls
 * `onUnresponsive` (the client kills and restarts the runner). The runner
 * answers pings outside its work queue, so a long generation is not "stuck";
 * a blocked event loop (a tokenizer regex that backtracks forever, a looping
 * chat template) is.
 */
export interface WatchdogOptions {
  heartbeatMs: number;
  unresponsiveMs: number;
  /** Sends a ping to the current runner; undefined when there is no ready runner to ask. */
  ping: () => Promise<unknown> | undefined;
  onUnresponsive: () => void;
}

export class RunnerWatchdog {
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  /** When the unanswered ping was sent (undefined: none outstanding). */
  private pingSentAt: number | undefined;

  constructor(private readonly options: WatchdogOptions) {}

  /** Runs a request with the watchdog on while any request is in flight. */
  async watch<R>(request: () => Promise<R>): Promise<R> {
    if (this.inFlight++ === 0) this.start();
    try {
      return await request();
    } finally {
      if (--this.inFlight === 0) this.stop();
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.pingSentAt = undefined;
  }

  private start(): void {
    const { heartbeatMs, unresponsiveMs } = this.options;
    this.pingSentAt = undefined;
    this.timer = setInterval(() => this.tick(), Math.min(heartbeatMs, unresponsiveMs / 2));
    this.timer.unref();
  }

  private tick(): void {
    if (this.pingSentAt !== undefined) {
      if (Date.now() - this.pingSentAt < this.options.unresponsiveMs) return;
      this.pingSentAt = undefined;
      this.options.onUnresponsive();
      return;
    }
    const sentAt = Date.now();
    const answer = this.options.ping();
    if (!answer) return; // starting or restarting: nothing to ask yet
    this.pingSentAt = sentAt;
    answer.then(
      () => {
        if (this.pingSentAt === sentAt) this.pingSentAt = undefined;
      },
      () => undefined,
    );
  }
}
