// Models that break in ways a user's can: for the watchdog and bad-input tests.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** A copy of `model` whose tokenizer splits text with a regex that backtracks catastrophically on "aaaa…c". */
export function backtrackingTokenizerModel(model: string, into: string): string {
  cpSync(model, into, { recursive: true });
  const file = path.join(into, 'tokenizer.json');
  const tokenizer = JSON.parse(readFileSync(file, 'utf8')) as { pre_tokenizer: unknown };
  tokenizer.pre_tokenizer = { type: 'Sequence', pretokenizers: [{ type: 'Split', pattern: { Regex: '(a+)+b' }, behavior: 'Isolated', invert: false }, tokenizer.pre_tokenizer] };
  writeFileSync(file, JSON.stringify(tokenizer));
  return into;
}

export const BACKTRACKING_INPUT = `${'a'.repeat(48)}c`;
