/**
 * Checks the text a writing command is about to process: not empty, not larger than
 * the limit, not binary. Messages are user-facing.
 */

export type SelectionCheck = { ok: true } | { ok: false; reason: 'empty' | 'too-large' | 'binary'; message: string };

/** `"1.2 MB"`, `"200 KB"`, `"512 characters"`: sizes in characters, 1 KB = 1000. */
export function formatSize(chars: number, digits = 1): string {
  if (chars < 1000) return `${chars} characters`;
  const [value, unit] = chars < 1_000_000 ? [chars / 1000, 'KB'] : [chars / 1_000_000, 'MB'];
  return `${Number(value.toFixed(digits))} ${unit}`;
}

/** Share of characters that no text has: C0 controls other than tab, line breaks and form feed; U+FFFD from undecodable bytes. */
function binaryShare(text: string): number {
  const sample = text.slice(0, 65_536);
  const odd = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return odd / Math.max(1, sample.length);
}

export function validateSelection(text: string, maxChars: number): SelectionCheck {
  if (text.trim() === '') return { ok: false, reason: 'empty', message: 'The selection is empty. Select some text first.' };
  if (text.includes('\u0000') || binaryShare(text) > 0.1) {
    return { ok: false, reason: 'binary', message: 'The selection looks like binary data, not text.' };
  }
  if (text.length > maxChars) {
    let size = formatSize(text.length);
    let limit = formatSize(maxChars);
    // Never "is 200 KB; handles up to 200 KB".
    for (let digits = 2; size === limit && digits <= 6; digits++) [size, limit] = [formatSize(text.length, digits), formatSize(maxChars, digits)];
    return { ok: false, reason: 'too-large', message: `The selection is ${size}; Inkwell handles up to ${limit} at a time. Select a smaller part.` };
  }
  return { ok: true };
}
