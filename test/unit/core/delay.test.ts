import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { delay, type CancellationSignal } from '../../../src/core/delay';

/** A minimal cancellation source that counts live listeners. */
class TestCancellation implements CancellationSignal {
  isCancellationRequested = false;
  private readonly listeners = new Set<() => void>();

  get listenerCount(): number {
    return this.listeners.size;
  }

  onCancellationRequested(listener: () => void) {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  cancel(): void {
    this.isCancellationRequested = true;
    for (const listener of [...this.listeners]) listener();
  }
}

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

test('resolves true after the delay', async () => {
  const started = performance.now();
  assert.equal(await delay(30), true);
  assert.ok(performance.now() - started >= 25);
});

test('resolves true with a signal that is never cancelled, and unsubscribes', async () => {
  const signal = new TestCancellation();
  assert.equal(await delay(5, signal), true);
  assert.equal(signal.listenerCount, 0);
});

test('resolves false as soon as it is cancelled, and clears its timer', async () => {
  const signal = new TestCancellation();
  const before = timeouts();
  const started = performance.now();
  const waiting = delay(60_000, signal);
  assert.equal(timeouts(), before + 1);
  setTimeout(() => signal.cancel(), 10);
  assert.equal(await waiting, false);
  assert.ok(performance.now() - started < 5_000);
  assert.equal(signal.listenerCount, 0);
  assert.equal(timeouts(), before);
});

test('an already-cancelled signal resolves false at once, without a timer', async () => {
  const signal = new TestCancellation();
  signal.cancel();
  const before = timeouts();
  const waiting = delay(60_000, signal);
  assert.equal(timeouts(), before);
  assert.equal(await waiting, false);
  assert.equal(signal.listenerCount, 0);
});

test('cancelling after the delay has no effect', async () => {
  const signal = new TestCancellation();
  assert.equal(await delay(1, signal), true);
  signal.cancel();
});

test('a signal that calls back synchronously on subscribe', async () => {
  const eager: CancellationSignal = {
    isCancellationRequested: false,
    onCancellationRequested(listener) {
      listener();
      return { dispose() {} };
    },
  };
  const before = timeouts();
  assert.equal(await delay(60_000, eager), false);
  assert.equal(timeouts(), before);
});

test('a zero or negative delay still resolves true', async () => {
  assert.equal(await delay(0), true);
  assert.equal(await delay(-5), true);
});

test('a VS Code CancellationToken is a CancellationSignal (compile-time check)', () => {
  const fromToken = (token: vscode.CancellationToken): Promise<boolean> => delay(1, token);
  assert.equal(typeof fromToken, 'function');
});

test('an AbortSignal ends the wait with false, clears its timer and its listener', async () => {
  const controller = new AbortController();
  const before = timeouts();
  const waiting = delay(60_000, controller.signal);
  assert.equal(timeouts(), before + 1);
  setTimeout(() => controller.abort(), 10);
  assert.equal(await waiting, false);
  assert.equal(timeouts(), before);
  const aborted = new AbortController();
  aborted.abort();
  assert.equal(await delay(60_000, aborted.signal), false);
  assert.equal(await delay(1, new AbortController().signal), true);
});

test('unref: the timer does not keep the process alive', async () => {
  const before = timeouts();
  const refed = delay(20);
  assert.equal(timeouts(), before + 1);
  const unrefed = delay(20, undefined, { unref: true });
  assert.equal(timeouts(), before + 1, 'an unref-ed timer is not among the resources that keep the event loop alive');
  assert.deepEqual(await Promise.all([refed, unrefed]), [true, true]);
});
