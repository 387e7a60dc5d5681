/**
 * For "Draft Section" in Markdown: the heading at or above the cursor, its path of
 * parent headings, and the bullet outline under it that the draft replaces or follows.
 */

export interface MarkdownOutline {
  /** Enclosing headings, outermost first, ending with the section's own (empty before any heading). */
  headingPath: string[];
  /** Line of the section's heading (a setext heading's text line). */
  headingLine?: number;
  /** The outline's bullets; nested ones are indented two spaces per level. */
  items: string[];
  /** Lines of the bullet list (inclusive): replace them with the draft, or insert after. */
  outline?: { startLine: number; endLine: number };
  /** Where to insert the draft when keeping the outline: after it, else after the heading. */
  insertLine: number;
}

interface Heading {
  line: number;
  /** Last line of the heading (the underline of a setext heading). */
  endLine: number;
  level: number;
  text: string;
}

const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(.*)$/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;

/** Headings outside code fences and front matter; `inCode[i]` marks fenced lines. */
function scan(lines: readonly string[]): { headings: Heading[]; inCode: boolean[] } {
  const headings: Heading[] = [];
  const inCode = lines.map(() => false);
  let fence: string | undefined;
  let start = 0;
  if (/^---[ \t]*$/.test(lines[0] ?? '')) {
    const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(l));
    if (end !== -1) start = end + 1;
  }
  for (let i = 0; i < start; i++) inCode[i] = true;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const f = FENCE.exec(line)?.[1];
    if (fence) {
      inCode[i] = true;
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = undefined;
      continue;
    }
    if (f) {
      fence = f;
      inCode[i] = true;
      continue;
    }
    const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) headings.push({ line: i, endLine: i, level: atx[1].length, text: (atx[2] ?? '').trim() });
    const setext = /^ {0,3}(=+|-+)[ \t]*$/.exec(lines[i + 1] ?? '');
    if (!atx && setext && line.trim() !== '' && !LIST_ITEM.test(line) && !/^[ \t]*>/.test(line)) {
      headings.push({ line: i, endLine: i + 1, level: setext[1][0] === '=' ? 1 : 2, text: line.trim() });
      i++;
    }
  }
  return { headings, inCode };
}

/** Runs of list lines (items, their continuations, blank lines between items) in `[from, to)`. */
function listRuns(lines: readonly string[], inCode: readonly boolean[], from: number, to: number): { startLine: number; endLine: number }[] {
  const runs: { startLine: number; endLine: number }[] = [];
  let run: { startLine: number; endLine: number } | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (!inCode[i] && LIST_ITEM.test(line)) {
      if (run) run.endLine = i;
      else run = { startLine: i, endLine: i };
    } else if (run && !inCode[i] && line.trim() !== '' && /^[ \t]+\S/.test(line)) {
      run.endLine = i; // an indented continuation line
    } else if (!(run && line.trim() === '' && LIST_ITEM.test(lines[i + 1] ?? ''))) {
      if (run) runs.push(run);
      run = undefined;
    }
  }
  if (run) runs.push(run);
  return runs;
}

/** The items of a list run: text after the marker, two spaces per nesting level. */
function outlineItems(lines: readonly string[], run: { startLine: number; endLine: number }): string[] {
  const items: string[] = [];
  const indents: number[] = [];
  for (let i = run.startLine; i <= run.endLine; i++) {
    const m = LIST_ITEM.exec(lines[i]);
    if (!m) {
      if (lines[i].trim() !== '' && items.length > 0) items[items.length - 1] += ` ${lines[i].trim()}`;
      continue;
    }
    const indent = m[1].replace(/\t/g, '    ').length;
    while (indents.length > 0 && indents[indents.length - 1] > indent) indents.pop();
    if (indents.length === 0 || indents[indents.length - 1] < indent) indents.push(indent);
    items.push(`${'  '.repeat(indents.length - 1)}${m[2].trim()}`);
  }
  return items;
}

/** The section around `line` (0-based) and its bullet outline. */
export function markdownOutlineAt(text: string, line: number): MarkdownOutline {
  const lines = text.split(/\r\n|\r|\n/);
  const { headings, inCode } = scan(lines);
  let index = -1;
  while (index + 1 < headings.length && headings[index + 1].line <= line) index++;
  const heading = index === -1 ? undefined : headings[index];
  const path: string[] = [];
  for (let i = index, level = 7; i >= 0; i--) {
    if (headings[i].level < level) {
      path.unshift(headings[i].text);
      level = headings[i].level;
    }
  }
  const from = heading ? heading.endLine + 1 : 0;
  const to = headings[index + 1]?.line ?? lines.length;
  const runs = listRuns(lines, inCode, from, to);
  const run = runs.find((r) => r.startLine <= line && line <= r.endLine) ?? runs[0];
  const base = { headingPath: path, ...(heading ? { headingLine: heading.line } : {}) };
  if (!run) return { ...base, items: [], insertLine: heading ? heading.endLine + 1 : Math.min(line + 1, lines.length) };
  return { ...base, items: outlineItems(lines, run), outline: run, insertLine: run.endLine + 1 };
}
