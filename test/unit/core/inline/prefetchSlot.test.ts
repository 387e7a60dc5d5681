import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CacheKeyParts } from '../../../../src/core/inline/completionCache';
import { PrefetchSlot } from '../../../../src/core/inline/prefetchSlot';
import { cursorDoc } from '../cursorDoc';

function at(source: string, extra: Partial<CacheKeyParts> = {}): CacheKeyParts {
  const doc = cursorDoc(source);
  return { documentId: 'file:///a.md', modelId: 'm', settings: { length: 'sentence' }, prefix: doc.prefix, suffix: doc.suffix, ...extra };
}

/** A prefetch that runs until it is aborted or `finish()` is called; records its signal. */
function job() {
  const state = { runs: 0, signal: undefined as AbortSignal | undefined, finish: () => undefined as void };
  const run = (signal: AbortSignal) => {
    state.runs++;
    state.signal = signal;
    return new Promise<void>((resolve) => {
      state.finish = resolve;
      signal.addEventListener('abort', () => resolve());
    });
  };
  return { state, run };
}

describe('PrefetchSlot: one speculative request at a time', () => {
  test('a new place cancels the running prefetch; the same place keeps it', () => {
    const slot = new PrefetchSlot();
    const a = job();
    slot.start(at('The tide came in. The boats waited.║'), a.run);
    slot.start(at('The tide came in. The boats waited.║'), job().run);
    assert.equal(a.state.runs, 1);
    assert.equal(a.state.signal?.aborted, false);
    const b = job();
    slot.start(at('The tide came in. The gulls circled.║'), b.run);
    assert.equal(a.state.signal?.aborted, true);
    assert.equal(b.state.runs, 1);
    assert.equal(slot.busy, true);
  });

  test('cancel: all, or only the given document', () => {
    const slot = new PrefetchSlot();
    const a = job();
    slot.start(at('Hello world.║'), a.run);
    slot.cancel('file:///other.md');
    assert.equal(a.state.signal?.aborted, false);
    slot.cancel('file:///a.md');
    assert.equal(a.state.signal?.aborted, true);
    assert.equal(slot.busy, false);
    const b = job();
    slot.start(at('Hello world.║'), b.run);
    slot.cancel();
    assert.equal(b.state.signal?.aborted, true);
  });

  test('pendingFor: the cursor at the target or typed a little past it waits; anything else asks anew', async () => {
    const slot = new PrefetchSlot(10);
    const a = job();
    slot.start(at('The tide came in.║'), a.run);
    assert.ok(slot.pendingFor(at('The tide came in.║')));
    assert.ok(slot.pendingFor(at('The tide came in. T║')));
    assert.equal(slot.pendingFor(at('The tide came in. The boats waited║')), undefined, 'too far past');
    assert.equal(slot.pendingFor(at('The tide came║')), undefined, 'not there yet');
    assert.equal(slot.pendingFor(at('The tide went out.║')), undefined, 'other text');
    assert.equal(slot.pendingFor(at('The tide came in.║', { suffix: '\nMore.' })), undefined, 'other suffix');
    assert.equal(slot.pendingFor(at('The tide came in.║', { settings: { length: 'line' } })), undefined, 'other settings');
    assert.equal(slot.pendingFor(at('The tide came in.║', { documentId: 'file:///b.md' })), undefined, 'other document');
    const pending = slot.pendingFor(at('The tide came in.║'))!;
    a.state.finish();
    await pending;
    assert.equal(slot.busy, false);
    assert.equal(slot.pendingFor(at('The tide came in.║')), undefined, 'finished: the cache has its answer');
  });

  test('a failing prefetch settles quietly and frees the slot', async () => {
    const slot = new PrefetchSlot();
    slot.start(at('Hello.║'), () => Promise.reject(new Error('runner gone')));
    const pending = slot.pendingFor(at('Hello.║'));
    assert.ok(pending);
    await pending;
    assert.equal(slot.busy, false);
  });
});
