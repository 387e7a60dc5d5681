/**
 * The hand-written Markdown scanner that ghost text used before it read the CommonMark
 * parse (issue 11): kept only as the baseline of `bench:markdown-context`.
 */
import type { MarkdownContext, MarkdownHeading } from '../../../src/core/inline/markdownContext';

interface Fence {
  char: string;
  length: number;
}

const FENCE = /^[ \t>]*(`{3,}|~{3,})(.*)$/;

function fenceOpen(line: string): Fence | undefined {
  const m = FENCE.exec(line);
  if (!m) return undefined;
  // An info string after backticks may not contain a backtick (CommonMark).
  if (m[1][0] === '`' && m[2].includes('`')) return undefined;
  return { char: m[1][0], length: m[1].length };
}

function closesFence(line: string, fence: Fence): boolean {
  const m = FENCE.exec(line);
  return !!m && m[1][0] === fence.char && m[1].length >= fence.length && m[2].trim() === '';
}

function unquote(value: string): string {
  const v = value.trim();
  const m = /^(["'])(.*)\1$/.exec(v);
  return m ? m[2] : v;
}

/** Line index just after the front matter (0 when there is none), and its title. */
function frontMatter(text: string): { end: number; title?: string } {
  if (!/^---[ \t]*\r?\n/.test(text)) return { end: 0 };
  let title: string | undefined;
  let pos = text.indexOf('\n') + 1;
  for (let line = 1; pos > 0; line++) {
    const nl = text.indexOf('\n', pos);
    const content = text.slice(pos, nl === -1 ? text.length : nl).replace(/\r$/, '');
    if (/^(---|\.\.\.)\s*$/.test(content)) return { end: line + 1, ...(title !== undefined ? { title } : {}) };
    const m = /^title:\s*(.*)$/.exec(content);
    if (m && title === undefined) title = unquote(m[1]);
    pos = nl + 1;
  }
  // No closing line: it is not front matter (a thematic break at the top).
  return { end: 0 };
}

function atxHeading(line: string): MarkdownHeading | undefined {
  const m = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
  return m ? { level: m[1].length, text: (m[2] ?? '').trim() } : undefined;
}

function setextLevel(line: string, previous: string | undefined): number | undefined {
  if (previous === undefined || previous.trim() === '' || /^\s*([-*+>#]|\d+[.)])\s/.test(previous)) return undefined;
  if (/^ {0,3}=+[ \t]*$/.test(line)) return 1;
  if (/^ {0,3}-+[ \t]*$/.test(line)) return 2;
  return undefined;
}

/** The first character after indentation and blockquote markers: only a few can start a heading or fence. */
const significant = (line: string): string => /^[ \t>]*(.?)/.exec(line)?.[1] ?? '';

/** The Markdown structure around `offset`. */
export function scannedMarkdownContextAt(text: string, offset: number): MarkdownContext {
  const front = frontMatter(text);
  const base = front.title !== undefined ? { title: front.title } : {};
  let headings: MarkdownHeading[] = [];
  const push = (heading: MarkdownHeading) => {
    headings = headings.filter((h) => h.level < heading.level);
    if (heading.text !== '') headings.push(heading);
  };
  let fence: Fence | undefined;
  let previous: string | undefined;
  let pos = 0;
  for (let i = 0; ; i++) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(pos, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
    const isCursorLine = nl === -1 || nl >= offset;
    if (i < front.end) {
      if (isCursorLine) return { inFrontMatter: true, inCodeFence: false, headings: [], ...base };
    } else if (isCursorLine) {
      const inCodeFence = fence !== undefined || fenceOpen(line) !== undefined;
      return { inFrontMatter: false, inCodeFence, headings, ...base };
    } else if (fence) {
      if (significant(line) === fence.char && closesFence(line, fence)) fence = undefined;
      previous = undefined;
    } else {
      const first = significant(line);
      fence = first === '`' || first === '~' ? fenceOpen(line) : undefined;
      const atx = first === '#' ? atxHeading(line) : undefined;
      const setext = first === '=' || first === '-' ? setextLevel(line, previous) : undefined;
      if (atx) push(atx);
      else if (setext !== undefined && previous !== undefined) push({ level: setext, text: previous.trim() });
      previous = fence || atx || setext !== undefined ? undefined : line;
    }
    pos = nl + 1;
  }
}
