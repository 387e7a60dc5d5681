import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findStop, holdBackLength, StopTextTracker } from '../../../../src/core/generation/streamStops';

describe('stop strings over streamed text', () => {
  it('finds the earliest stop string', () => {
    assert.equal(findStop('abc. def\n', ['\n', '. ']), 3);
    assert.equal(findStop('abc', ['x']), -1);
    assert.equal(findStop('abc', ['']), -1);
  });

  it('holds back a tail that may become a stop string, and a cut UTF-8 sequence', () => {
    assert.equal(holdBackLength('hello <|en', ['<|end|>']), 4);
    assert.equal(holdBackLength('hello', ['<|end|>']), 0);
    assert.equal(holdBackLength('caf\uFFFD', []), 1);
  });

  it('streams deltas that never pass a stop string and join to the final text', () => {
    const tracker = new StopTextTracker(['\n\n']);
    const steps = ['Hel', 'Hello', 'Hello wor', 'Hello world.\n', 'Hello world.\n\nNext'];
    const deltas = steps.map((s) => tracker.update(s));
    assert.deepEqual(deltas, ['Hel', 'lo', ' wor', 'ld.', '']);
    assert.equal(tracker.stopped, true);
    assert.equal(tracker.finish('Hello world.\n\nNext paragraph'), '');
    assert.equal(tracker.text, 'Hello world.');
  });

  it('releases held-back text when generation ends without a stop', () => {
    const tracker = new StopTextTracker(['\n\n']);
    assert.equal(tracker.update('end.\n'), 'end.');
    assert.equal(tracker.finish('end.\n'), '\n');
    assert.equal(tracker.text, 'end.\n');
  });
});
