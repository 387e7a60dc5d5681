/**
 * The ghost-text Markdown context (heading path, code fence, front matter) on every
 * keystroke, in a ~1,000-token document (guide.md repeated to 4,000 characters):
 * typing its last KEYS characters one at a time, read three ways interleaved in one
 * process: the keystroke reader (`MarkdownContextReader`: CommonMark parse from the
 * last checkpoint), a full CommonMark parse up to the cursor (`markdownContextAt`),
 * and the hand scanner they replaced. Checks that all three agree at every keystroke,
 * then prints medians of ROUNDS rounds and the ratios.
 *
 *   npm run bench:markdown-context     (ROUNDS=7 KEYS=200)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { markdownContextAt, MarkdownContextReader } from '../../src/core/inline/markdownContext';
import { scannedMarkdownContextAt } from './baselines/markdownScanner';
import { median, printTable, round } from './stats';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
/** About 1,000 tokens at 4 characters a token. */
const CHARS = 4000;

const guide = readFileSync(path.join(__dirname, '../fixtures/documents/guide.md'), 'utf8');
let text = guide;
while (text.length < CHARS) text += `\n${guide}`;
text = text.slice(0, CHARS);
const KEYS = Number(process.env.KEYS ?? 200);
const steps: string[] = [];
for (let n = text.length - KEYS; n <= text.length; n++) steps.push(text.slice(0, n));

const readers = {
  reader: () => {
    const reader = new MarkdownContextReader();
    return (t: string) => reader.at(t, t.length);
  },
  parser: () => (t: string) => markdownContextAt(t, t.length),
  scanner: () => (t: string) => scannedMarkdownContextAt(t, t.length),
};
type Name = keyof typeof readers;
const names = Object.keys(readers) as Name[];

const check = readers.reader();
for (const step of steps) {
  const expected = scannedMarkdownContextAt(step, step.length);
  assert.deepEqual(check(step), expected, `reader, ${step.length} characters`);
  assert.deepEqual(markdownContextAt(step, step.length), expected, `parser, ${step.length} characters`);
}

const perKey: Record<Name, number[]> = { reader: [], parser: [], scanner: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const name of names) {
    const read = readers[name]();
    const started = performance.now();
    for (const step of steps) read(step);
    perKey[name].push((performance.now() - started) / steps.length);
  }
}
const ms = (v: number) => round(v, 4);
const m = (name: Name) => median(perKey[name]);
printTable(
  ['reader', `median ms per keystroke (${steps.length} keystrokes, ${ROUNDS} rounds)`, 'ratio vs hand scanner'],
  [
    ['keystroke reader (checkpoint + CommonMark)', ms(m('reader')), round(m('reader') / m('scanner'), 1)],
    ['full CommonMark parse to the cursor', ms(m('parser')), round(m('parser') / m('scanner'), 1)],
    ['hand scanner (before)', ms(m('scanner')), 1],
  ],
);
console.log(`BENCH ${JSON.stringify({ chars: text.length, keystrokes: steps.length, rounds: ROUNDS, readerMs: m('reader'), parserMs: m('parser'), scannerMs: m('scanner') })}`);
