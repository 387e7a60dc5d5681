import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../../../src/core/restartPolicy';

describe('RestartPolicy', () => {
  it('backs off exponentially and gives up at the 5th crash within 3 minutes', () => {
    const policy = new RestartPolicy();
    const delays = [0, 1, 2, 3].map((i) => policy.onCrash(1000 + i * 1000));
    assert.deepEqual(delays.map((d) => d.restart), [true, true, true, true]);
    assert.deepEqual(delays.map((d) => d.delayMs), [250, 500, 1000, 2000]);
    assert.deepEqual(policy.onCrash(5000), { restart: false, delayMs: 0 });
  });

  it('forgets crashes older than the window', () => {
    const policy = new RestartPolicy();
    for (let i = 0; i < 4; i++) policy.onCrash(i * 1000);
    const later = policy.onCrash(4 * 1000 + 3 * 60_000);
    assert.equal(later.restart, true);
    assert.equal(policy.recentCrashes, 1);
  });

  it('reset clears the history', () => {
    const policy = new RestartPolicy(2);
    policy.onCrash(0);
    policy.reset();
    assert.equal(policy.onCrash(1).restart, true);
  });
});
