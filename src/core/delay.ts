/**
 * A cancellable delay for debouncing completion requests.
 */

/** The part of a VS Code `CancellationToken` that `delay` needs (a real token fits). */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/**
 * Waits `ms` milliseconds. Resolves true when the time is up, false as soon as `signal`
 * is cancelled (or at once if it already is), so a caller can bail out:
 * `if (!(await delay(150, token))) return undefined;`.
 */
export function delay(ms: number, signal?: CancellationSignal): Promise<boolean> {
  if (signal?.isCancellationRequested) return Promise.resolve(false);
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
    held.subscription = signal?.onCancellationRequested(() => finish(false));
    if (settled) {
      // The signal called back synchronously.
      held.subscription?.dispose();
      return;
    }
    held.timer = setTimeout(() => finish(!signal?.isCancellationRequested), Math.max(0, ms));
  });
}
