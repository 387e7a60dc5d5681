import { CancellationToken, ResponseError } from 'vscode-jsonrpc';
import { REQUEST_CANCELLED } from './errors';

/**
 * Runs inference jobs one at a time. onnxruntime already uses every core for one
 * job, so running two at once only makes both slower. A job cancelled while it
 * waits is dropped without running.
 */
export class WorkQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private running = 0;
  private peak = 0;

  get busy(): boolean {
    return this.running > 0;
  }

  /** The most jobs that ever ran at once (1 unless something bypassed the queue's order). */
  get peakRunning(): number {
    return this.peak;
  }

  run<T>(job: () => Promise<T>, token?: CancellationToken): Promise<T> {
    const result = this.tail.then(async () => {
      if (token?.isCancellationRequested) throw new ResponseError(REQUEST_CANCELLED, 'Request cancelled before it started.');
      this.running++;
      this.peak = Math.max(this.peak, this.running);
      try {
        return await job();
      } finally {
        this.running--;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
