import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MissingModelNotice } from '../../../src/core/missingModelNotice';

const KEY = 'HuggingFaceTB/SmolLM2-135M|q8';

test('the notice shows the first time, and not again on the next keystrokes', () => {
  const notice = new MissingModelNotice();
  assert.equal(notice.take(KEY, false), true);
  // Keystrokes while it is open, and after it closed, say nothing.
  assert.equal(notice.take(KEY, false), false);
  notice.answered('notNow');
  for (let i = 0; i < 20; i++) assert.equal(notice.take(KEY, false), false);
});

test('no second notice while one is open, even for another model or when asked', () => {
  const notice = new MissingModelNotice();
  assert.equal(notice.take(KEY, false), true);
  assert.equal(notice.take('other|q8', false), false);
  assert.equal(notice.take(KEY, true), false);
});

test('after "Not now" or a dismissal, an explicit request shows it again', () => {
  const notice = new MissingModelNotice();
  notice.take(KEY, false);
  notice.answered('dismissed');
  assert.equal(notice.take(KEY, false), false);
  assert.equal(notice.take(KEY, true), true);
});

test('choosing another model that is missing too tells about that one once', () => {
  const notice = new MissingModelNotice();
  notice.take(KEY, false);
  notice.answered('choose');
  assert.equal(notice.take('HuggingFaceTB/SmolLM2-360M|q8', false), true);
  notice.answered('notNow');
  assert.equal(notice.take('HuggingFaceTB/SmolLM2-360M|q8', false), false);
  assert.equal(notice.take(KEY, false), false, 'the first model was already mentioned');
});

test('a model that was downloaded and went missing again is mentioned again', () => {
  const notice = new MissingModelNotice();
  notice.take(KEY, false);
  notice.answered('download');
  assert.equal(notice.take(KEY, false), false, 'not while the download runs');
  notice.found(KEY);
  assert.equal(notice.take(KEY, false), true);
});
