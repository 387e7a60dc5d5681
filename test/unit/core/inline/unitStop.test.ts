import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { commentContextAt } from '../../../../src/core/inline/commentContext';
import { COMPLETION_LENGTHS } from '../../../../src/core/inline/completionLength';
import { postprocessCompletion } from '../../../../src/core/inline/postprocess';
import type { PostprocessContext } from '../../../../src/core/inline/postprocess/types';
import { settledUnitEnd, suggestionUnit, type SuggestionUnit } from '../../../../src/core/inline/unitStop';
import { cursorDoc } from '../cursorDoc';

const prose = (length: SuggestionUnit['length'], prefix = 'The harbour was quiet') => suggestionUnit(length, null, prefix);

/** Feeds `text` piece by piece (as tokens arrive); the first prefix at which the unit is settled, or the whole text. */
function streamUntilSettled(pieces: readonly string[], unit: SuggestionUnit): string {
  let text = '';
  for (const piece of pieces) {
    text += piece;
    if (settledUnitEnd(text, unit) >= 0) return text;
  }
  return text;
}

/** Token-like pieces: a word with its leading space, punctuation and line breaks on their own. */
const pieces = (text: string): string[] => text.match(/\s*[\p{L}\p{N}']+|\s*[^\s\p{L}\p{N}']|\s+/gu) ?? [];

test('a sentence is settled once a word follows its end, not at the full stop', () => {
  const unit = prose('sentence');
  assert.equal(settledUnitEnd(' and calm.', unit), -1, 'nothing after the full stop yet');
  assert.equal(settledUnitEnd(' and calm. ', unit), -1, 'a space is not enough: "calm. …" could still go on');
  assert.equal(settledUnitEnd(' and calm. The', unit), 10);
  assert.equal(settledUnitEnd(' and calm! the', unit), 10);
});

test('abbreviations, initials, decimals and ellipses before lowercase do not end a sentence', () => {
  const unit = prose('sentence');
  for (const text of [' e.g. the tide', ' costs 3.14 euros', ' met J. Smith there', ' waited… then left', ' see fig. 2 below']) {
    assert.equal(settledUnitEnd(text, unit), -1, text);
  }
  // "Dr" is typed, the model continues with ". Smith": the prefix tells it is an abbreviation.
  assert.equal(settledUnitEnd('. Smith arrived', prose('sentence', 'We met Dr')), -1);
  assert.equal(settledUnitEnd('. Smith arrived', prose('sentence', 'We met the doctor')), 1);
});

test('word, line and paragraph units settle once the next content starts', () => {
  assert.equal(settledUnitEnd(' harbour', prose('word')), -1);
  assert.equal(settledUnitEnd(' harbour w', prose('word')), 8);
  assert.equal(settledUnitEnd(' the end\n', prose('line')), -1);
  assert.equal(settledUnitEnd(' the end\nNext', prose('line')), 8);
  assert.equal(settledUnitEnd(' one.\nTwo.\n\n', prose('paragraph')), -1);
  assert.equal(settledUnitEnd(' one.\nTwo.\n\nThree', prose('paragraph')), 10);
});

test('a Markdown block (heading, list item) after a line break ends a sentence', () => {
  assert.equal(settledUnitEnd(' and more\n- next item', prose('sentence')), 9);
});

test('inside a block comment the comment paragraph rules apply', () => {
  const doc = cursorDoc('/**\n * Opens the file║\n */\nfunction open() {}');
  const comment = commentContextAt(doc.text, doc.offset, 'typescript');
  assert.ok(comment);
  const unit = suggestionUnit('paragraph', comment, doc.text.slice(0, doc.offset));
  assert.equal(settledUnitEnd(' for reading.\n *\n * Returns', unit), 13);
});

test('stopping where the unit settles never changes the post-processed suggestion (guide.md, every cursor)', () => {
  const guide = readFileSync(path.join(__dirname, '../../../fixtures/documents/guide.md'), 'utf8');
  const extra = ' We met Dr. Smith at 3.14 p.m. on the quay, e.g. near the U.S. boat… then we left. It rained!\n\n# Next\n- item one. Two\n';
  const text = guide + extra;
  let checked = 0;
  let stoppedEarly = 0;
  for (let cursor = 1; cursor < text.length; cursor += 7) {
    const prefix = text.slice(0, cursor);
    const rest = text.slice(cursor, cursor + 240);
    for (const length of COMPLETION_LENGTHS) {
      const unit = suggestionUnit(length, null, prefix);
      const ctx: PostprocessContext = { prefix, suffix: '', length, comment: null };
      const stopped = streamUntilSettled(pieces(rest), unit);
      if (stopped.length < rest.length) stoppedEarly++;
      assert.equal(postprocessCompletion(stopped, ctx), postprocessCompletion(rest, ctx), `${length} at ${cursor}: ${JSON.stringify(rest.slice(0, 60))}`);
      checked++;
    }
  }
  assert.ok(checked > 1000 && stoppedEarly > checked / 2, `${stoppedEarly} of ${checked} stopped early`);
});
