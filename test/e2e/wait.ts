// Condition waits for the e2e harness: poll a check until it holds, with a timeout.

/** Thrown inside a waitUntil check to stop waiting at once. */
export class FatalWaitError extends Error {}

/** Polls `check` until it returns something other than undefined/false; returns that. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  description: string,
  { timeoutMs = 30_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      if (error instanceof FatalWaitError) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
