/**
 * For "Draft Section" in Markdown (parsed by `markdownTree.ts`): the heading at or above the cursor, its path of
 * parent headings, and the bullet outline under it that the draft replaces or follows.
 */
import type { List, Nodes } from 'mdast';
import { endOf, parseMarkdown, startOf } from '../text/markdownTree';

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

const lineOf = (offset: number, starts: readonly number[]) => {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

/** The source of a node's children (a heading's or paragraph's words), on one line. */
function childrenText(text: string, node: Nodes): string {
  const children = 'children' in node ? (node.children as Nodes[]) : [];
  if (children.length === 0) return '';
  return text
    .slice(startOf(children[0]), endOf(children[children.length - 1]))
    .replace(/[ \t]*(?:\r\n|\n|\r)[ \t>]*/g, ' ')
    .trim();
}

/** The items of a list: the text of each item's first paragraph, two spaces per nesting level. */
function outlineItems(text: string, list: List, depth = 0, items: string[] = []): string[] {
  for (const item of list.children) {
    const first = item.children[0];
    items.push(`${'  '.repeat(depth)}${first && first.type === 'paragraph' ? childrenText(text, first) : ''}`);
    for (const child of item.children) if (child.type === 'list') outlineItems(text, child, depth + 1, items);
  }
  return items;
}

/** The section around `line` (0-based) and its bullet outline. */
export function markdownOutlineAt(text: string, line: number): MarkdownOutline {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  const lineCount = starts.length;
  const top = parseMarkdown(text).children;
  // Headings of the document itself (not inside quotes or lists); code and front matter hold none.
  const headings: Heading[] = top.flatMap((node) =>
    node.type === 'heading' ? [{ line: lineOf(startOf(node), starts), endLine: lineOf(endOf(node), starts), level: node.depth, text: childrenText(text, node) }] : [],
  );
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
  const to = headings[index + 1]?.line ?? lineCount;
  const lists = top.flatMap((node) => {
    if (node.type !== 'list') return [];
    const run = { startLine: lineOf(startOf(node), starts), endLine: lineOf(endOf(node), starts) };
    return run.startLine >= from && run.startLine < to ? [{ node, run }] : [];
  });
  const found = lists.find(({ run }) => run.startLine <= line && line <= run.endLine) ?? lists[0];
  const base = { headingPath: path, ...(heading ? { headingLine: heading.line } : {}) };
  if (!found) return { ...base, items: [], insertLine: heading ? heading.endLine + 1 : Math.min(line + 1, lineCount) };
  return { ...base, items: outlineItems(text, found.node), outline: found.run, insertLine: found.run.endLine + 1 };
}
