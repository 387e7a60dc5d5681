/**
 * Where the cursor sits in a Markdown document's structure: front matter, fenced
 * code, the heading path above it and the front-matter title. Read from the
 * CommonMark + GFM parse (`text/markdownTree.ts`, the parser translation uses),
 * block structure only and only up to the cursor's line (or the end of the front
 * matter, when the cursor may be in it): nothing below the cursor changes the answer.
 */
import type { Heading, Nodes, Root } from 'mdast';
import { endOf, parseMarkdownBlocks, startOf } from '../text/markdownTree';

export interface MarkdownHeading {
  level: number;
  text: string;
}

export interface MarkdownContext {
  /** Inside the leading `---` … `---` YAML front matter (its fence lines included). */
  inFrontMatter: boolean;
  /** Inside a ``` or ~~~ fenced code block, or on one of its fence lines. */
  inCodeFence: boolean;
  /** Headings enclosing the cursor line, outermost first (the cursor's own line excluded). */
  headings: MarkdownHeading[];
  /** The front matter's `title:` value, unquoted. */
  title?: string;
}

/** A closing front-matter fence line, when the document opens with one: the parse must reach it to see front matter. */
const FRONT_MATTER_CLOSE = /\r?\n(?:---|\.\.\.)[ \t]*(?=\r?\n|$)/g;

function parseEnd(text: string, lineEnd: number): number {
  if (!/^---[ \t]*\r?\n/.test(text)) return lineEnd;
  FRONT_MATTER_CLOSE.lastIndex = 3;
  const close = FRONT_MATTER_CLOSE.exec(text);
  return close ? Math.max(lineEnd, close.index + close[0].length) : lineEnd;
}

function unquote(value: string): string {
  const v = value.trim();
  const m = /^(["'])(.*)\1$/.exec(v);
  return m ? m[2] : v;
}

const titleOf = (yaml: string): string | undefined => {
  const m = /^title:[ \t]*(.*?)\r?$/m.exec(yaml);
  return m ? unquote(m[1]) : undefined;
};

/** A fenced code block (not an indented one): its source starts with ``` or ~~~. */
const isFenced = (text: string, node: Nodes): boolean => node.type === 'code' && /^[`~]{3}/.test(text.slice(startOf(node), startOf(node) + 3));

/** The heading's text as written (inline markup kept), on one line. */
function headingText(text: string, heading: Heading): string {
  const children = heading.children;
  if (children.length === 0) return '';
  return text
    .slice(startOf(children[0]), endOf(children[children.length - 1]))
    .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
    .trim();
}

/** Headings on lines before `lineStart`, nested as sections: a heading closes the deeper and equal ones before it. */
function headingPath(text: string, root: Root, lineStart: number): MarkdownHeading[] {
  let path: MarkdownHeading[] = [];
  for (const node of root.children) {
    if (endOf(node) > lineStart) break;
    if (node.type !== 'heading') continue;
    const heading = { level: node.depth, text: headingText(text, node) };
    path = path.filter((h) => h.level < heading.level);
    if (heading.text !== '') path.push(heading);
  }
  return path;
}

/** The Markdown structure around `offset`. */
export function markdownContextAt(text: string, offset: number): MarkdownContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline === -1 ? text.length : newline;
  const source = text.slice(0, parseEnd(text, lineEnd));
  const root = parseMarkdownBlocks(source, { yamlDotsClose: true });
  const first = root.children[0];
  const front = first?.type === 'yaml' ? first : undefined;
  const title = front ? titleOf(front.value) : undefined;
  const base = title !== undefined ? { title } : {};
  if (front && offset <= endOf(front)) return { inFrontMatter: true, inCodeFence: false, headings: [], ...base };
  return { inFrontMatter: false, inCodeFence: codeFenceAt(source, root, offset), headings: headingPath(source, root, lineStart), ...base };
}

/** Is `offset` inside a fenced code block (fence lines included), at any depth (block quotes, lists)? */
function codeFenceAt(text: string, node: Nodes, offset: number): boolean {
  if (isFenced(text, node)) return true;
  if (!('children' in node)) return false;
  for (const child of node.children) {
    if (startOf(child) > offset) break;
    if (endOf(child) >= offset && codeFenceAt(text, child, offset)) return true;
  }
  return false;
}

/**
 * A one-line hint for the prompt: `"Title > Heading > Subheading"`. The title is left
 * out when the first heading repeats it. Undefined when there is nothing to say.
 */
export function markdownHint(context: MarkdownContext): string | undefined {
  const parts = context.headings.map((h) => h.text);
  if (context.title && context.title !== parts[0]) parts.unshift(context.title);
  return parts.length > 0 ? parts.join(' > ') : undefined;
}
