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

  get busy(): boolean {
    return this.running > 0;
  }

  run<T>(job: () => Promise<T>, token?: CancellationToken): Promise<T> {
    const result = this.tail.then(async () => {
      if (token?.isCancellationRequested) throw new ResponseError(REQUEST_CANCELLED, 'Request cancelled before it started.');
      this.running++;
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
