/**
 * The one sleep: waits a number of milliseconds, ended early by a VS Code
 * cancellation token or an `AbortSignal`. Used by the inline debounce, retries
 * and backoffs in the host and the runner.
 */

/** The part of a VS Code `CancellationToken` that `delay` needs (a real token fits). */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export interface DelayOptions {
  /** Do not keep the process alive for this timer (Node's `unref`). */
  unref?: boolean;
}

const isAbortSignal = (signal: CancellationSignal | AbortSignal): signal is AbortSignal => 'aborted' in signal;

const cancelled = (signal: CancellationSignal | AbortSignal | undefined): boolean => (signal ? (isAbortSignal(signal) ? signal.aborted : signal.isCancellationRequested) : false);

function subscribe(signal: CancellationSignal | AbortSignal, listener: () => void): { dispose(): void } {
  if (!isAbortSignal(signal)) return signal.onCancellationRequested(listener);
  signal.addEventListener('abort', listener, { once: true });
  return { dispose: () => signal.removeEventListener('abort', listener) };
}

/**
 * Waits `ms` milliseconds. Resolves true when the time is up, false as soon as `signal`
 * is cancelled (or at once if it already is), so a caller can bail out:
 * `if (!(await delay(150, token))) return undefined;`.
 */
export function delay(ms: number, signal?: CancellationSignal | AbortSignal, options: DelayOptions = {}): Promise<boolean> {
  if (cancelled(signal)) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    let settled = false;
    const held: { subscription?: { dispose(): void }; timer?: ReturnType<typeof setTimeout> } = {};
    const finish = (value: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(held.timer);
      held.subscription?.dispose();
      resolve(value);
    };
    held.subscription = signal ? subscribe(signal, () => finish(false)) : undefined;
    if (settled) {
      // The signal called back synchronously.
      held.subscription?.dispose();
      return;
    }
    held.timer = setTimeout(() => finish(!cancelled(signal)), Math.max(0, ms));
    if (options.unref) (held.timer as { unref?: () => void }).unref?.();
  });
}
