/**
 * The ghost-text Markdown context (heading path, code fence, front matter) on every
 * keystroke: the CommonMark parse up to the cursor (`markdownContextAt`) against the
 * hand scanner it replaced, interleaved in one process over the same cursors in a
 * ~1,000-token document (guide.md repeated to 4,000 characters). Checks that both
 * agree on every cursor, then prints medians of ROUNDS rounds and the ratio.
 *
 *   npm run bench:markdown-context     (ROUNDS=15)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { markdownContextAt } from '../../src/core/inline/markdownContext';
import { scannedMarkdownContextAt } from './baselines/markdownScanner';
import { median, printTable, round } from './stats';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
/** About 1,000 tokens at 4 characters a token. */
const CHARS = 4000;

const guide = readFileSync(path.join(__dirname, '../fixtures/documents/guide.md'), 'utf8');
let text = guide;
while (text.length < CHARS) text += `\n${guide}`;
text = text.slice(0, CHARS);
// Cursors at the end of every 10th line: typing at the end of a line, all through the document.
const cursors: number[] = [];
for (let i = text.indexOf('\n'), line = 0; i !== -1; i = text.indexOf('\n', i + 1), line++) if (line % 10 === 0) cursors.push(i);
cursors.push(text.length);

for (const offset of cursors) assert.deepEqual(markdownContextAt(text, offset), scannedMarkdownContextAt(text, offset), `cursor at ${offset}`);

const perCall = { parser: [] as number[], scanner: [] as number[] };
const last = { parser: [] as number[], scanner: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, read] of [['parser', markdownContextAt], ['scanner', scannedMarkdownContextAt]] as const) {
    const started = performance.now();
    for (const offset of cursors) read(text, offset);
    perCall[name].push((performance.now() - started) / cursors.length);
    const end = performance.now();
    read(text, text.length);
    last[name].push(performance.now() - end);
  }
}
const ms = (v: number) => round(v, 3);
printTable(
  ['reader', 'median ms per keystroke (cursors through the doc)', 'median ms, cursor at the end'],
  [
    ['CommonMark parse to the cursor', ms(median(perCall.parser)), ms(median(last.parser))],
    ['hand scanner (before)', ms(median(perCall.scanner)), ms(median(last.scanner))],
    ['ratio parser / scanner', round(median(perCall.parser) / median(perCall.scanner), 1), round(median(last.parser) / median(last.scanner), 1)],
  ],
);
console.log(`BENCH ${JSON.stringify({ chars: text.length, cursors: cursors.length, rounds: ROUNDS, parserMs: median(perCall.parser), scannerMs: median(perCall.scanner), parserEndMs: median(last.parser), scannerEndMs: median(last.scanner) })}`);
