/**
 * The one speculative request ghost text may have running: the suggestion after the one
 * on screen (see nextSuggestionPrompt.ts). Starting another cancels it; asking for the
 * same place again keeps it; a real request cancels it first. Pure bookkeeping: the
 * caller's `run` talks to the runner and fills the cache.
 */
import type { CacheKeyParts } from './completionCache';

interface Running {
  target: CacheKeyParts;
  controller: AbortController;
  done: Promise<void>;
}

/** Same document, model, settings and text around the cursor. */
function samePlace(a: CacheKeyParts, b: CacheKeyParts): boolean {
  return a.documentId === b.documentId && a.modelId === b.modelId && a.suffix === b.suffix && JSON.stringify(a.settings) === JSON.stringify(b.settings);
}

export class PrefetchSlot {
  private running: Running | undefined;

  /** @param maxTypedPast how far the user may type past a running prefetch's target and still wait for it (characters). */
  constructor(private readonly maxTypedPast = 200) {}

  /** Is a prefetch running (for tests and logs)? */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /**
   * Runs `run` for `target` unless a prefetch for that very place is already running;
   * a running one for anywhere else is cancelled first. `run` must stop when its signal aborts.
   */
  start(target: CacheKeyParts, run: (signal: AbortSignal) => Promise<void>): void {
    const current = this.running;
    if (current && samePlace(current.target, target) && current.target.prefix === target.prefix) return;
    this.cancel();
    const controller = new AbortController();
    const entry: Running = { target, controller, done: Promise.resolve() };
    entry.done = run(controller.signal)
      .catch(() => undefined)
      .finally(() => {
        if (this.running === entry) this.running = undefined;
      });
    this.running = entry;
  }

  /**
   * The running prefetch this cursor can wait for instead of asking again: the user has
   * reached its target or typed a little past it, in the same document and settings.
   */
  pendingFor(parts: CacheKeyParts): Promise<void> | undefined {
    const current = this.running;
    if (!current || !samePlace(current.target, parts)) return undefined;
    const typedPast = parts.prefix.length - current.target.prefix.length;
    if (typedPast < 0 || typedPast > this.maxTypedPast || !parts.prefix.startsWith(current.target.prefix)) return undefined;
    return current.done;
  }

  /** Cancels the running prefetch (all, or only one for `documentId`). */
  cancel(documentId?: string): void {
    const current = this.running;
    if (!current || (documentId !== undefined && current.target.documentId !== documentId)) return;
    this.running = undefined;
    current.controller.abort();
  }
}
