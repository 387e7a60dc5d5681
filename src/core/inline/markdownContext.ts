/**
 * Where the cursor sits in a Markdown document's structure: front matter, fenced
 * code, the heading path above it and the front-matter title. Read from the
 * CommonMark + GFM parse (`text/markdownTree.ts`, the parser translation uses),
 * block structure only and only up to the cursor's line (or the end of the front
 * matter, when the cursor may be in it): nothing below the cursor changes the answer.
 *
 * On every keystroke: `MarkdownContextReader` keeps a checkpoint at the last top-level
 * block above the cursor's line that follows a blank line (no container is open there,
 * so parsing from it alone gives the same blocks) and re-parses only from there while
 * the text up to it is unchanged.
 */
import type { Heading, Nodes } from 'mdast';
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

/** Applies a heading to the section path: it closes the deeper and equal ones before it. */
function enter(path: readonly MarkdownHeading[], heading: MarkdownHeading): MarkdownHeading[] {
  const kept = path.filter((h) => h.level < heading.level);
  return heading.text !== '' ? [...kept, heading] : kept;
}

interface Checkpoint {
  /** Offset of a top-level block that follows a blank line. */
  start: number;
  /** The document up to the end of that block's first line, line break included: it must be unchanged. */
  prefix: string;
  /** The section path before the block. */
  headings: MarkdownHeading[];
  title?: string;
}

const BLANK_LINE = /\n[ \t]*\r?\n/;

/** Reads the Markdown context of one document keystroke after keystroke, re-parsing only from the last checkpoint. */
export class MarkdownContextReader {
  private checkpoint: Checkpoint | undefined;

  at(text: string, offset: number): MarkdownContext {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    const saved = this.checkpoint;
    const resume = saved && saved.prefix.length <= lineStart && text.startsWith(saved.prefix) ? saved : undefined;
    const base = resume ? resume.start : 0;
    const source = text.slice(base, resume ? lineEnd : parseEnd(text, lineEnd));
    const root = parseMarkdownBlocks(source, resume ? { frontMatter: false } : { yamlDotsClose: true });

    let title = resume?.title;
    let path = resume?.headings ?? [];
    const first = root.children[0];
    if (!resume && first?.type === 'yaml') {
      title = titleOf(first.value);
      if (offset <= endOf(first)) return { inFrontMatter: true, inCodeFence: false, headings: [], ...(title !== undefined ? { title } : {}) };
    }
    let next = resume;
    const relativeLineStart = lineStart - base;
    for (let i = 0; i < root.children.length; i++) {
      const node = root.children[i];
      const start = startOf(node);
      if (start >= relativeLineStart) break;
      const firstLineEnd = source.indexOf('\n', start);
      if (i > 0 && firstLineEnd !== -1 && firstLineEnd < relativeLineStart && BLANK_LINE.test(source.slice(endOf(root.children[i - 1]), start))) {
        next = { start: base + start, prefix: text.slice(0, base + firstLineEnd + 1), headings: path, ...(title !== undefined ? { title } : {}) };
      }
      if (node.type === 'heading' && endOf(node) <= relativeLineStart) path = enter(path, { level: node.depth, text: headingText(source, node) });
    }
    this.checkpoint = next;
    return { inFrontMatter: false, inCodeFence: codeFenceAt(source, root, offset - base), headings: path, ...(title !== undefined ? { title } : {}) };
  }
}

/** The Markdown structure around `offset` (one full parse up to the cursor; see `MarkdownContextReader` for keystrokes). */
export function markdownContextAt(text: string, offset: number): MarkdownContext {
  return new MarkdownContextReader().at(text, offset);
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
