/**
 * Markdown parsed by micromark (CommonMark, the reference-grade parser of the
 * unified ecosystem) into an mdast tree, with GFM (tables, task lists,
 * strikethrough, autolink literals, footnotes), YAML/TOML front matter and
 * `$`/`$$` math. Every node carries exact source offsets (UTF-16 indices into
 * the text), so callers cut the original text, never a re-serialisation of it.
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { frontmatter, type Matter, type Preset } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';

const FRONT_MATTER: Preset[] = ['yaml', 'toml'];

/** The document as an mdast tree with positions. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, {
    extensions: [gfm(), frontmatter([...FRONT_MATTER]), math()],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown([...FRONT_MATTER]), mathFromMarkdown()],
  });
}

/** Inline constructs, not needed to find blocks: leaving them out makes a block-level parse cheaper. */
const INLINE_CONSTRUCTS = ['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'htmlText', 'labelEnd', 'labelStartLink', 'labelStartImage', 'hardBreakEscape'];

/** YAML front matter may also end with `...` (the YAML document end marker, as Pandoc reads it). */
const YAML_DOTS: Matter = { type: 'yaml', fence: { open: '---', close: '...' } };

export interface BlockParseOptions {
  /** Also accept YAML front matter closed by `...`. */
  yamlDotsClose?: boolean;
  /** Front matter at all (default true): false for a text that is not the document's start. */
  frontMatter?: boolean;
}

/** The document's block structure only (paragraphs hold their source as one text node). */
export function parseMarkdownBlocks(text: string, options: BlockParseOptions = {}): Root {
  const matters: (Matter | Preset)[] = options.frontMatter === false ? [] : options.yamlDotsClose ? [...FRONT_MATTER, YAML_DOTS] : [...FRONT_MATTER];
  return fromMarkdown(text, {
    extensions: [{ disable: { null: INLINE_CONSTRUCTS } }, gfm(), ...(matters.length > 0 ? [frontmatter(matters)] : []), math()],
    mdastExtensions: [gfmFromMarkdown(), ...(matters.length > 0 ? [frontmatterFromMarkdown(matters)] : []), mathFromMarkdown()],
  });
}

/** Offset of the node's first character. */
export function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

/** Offset just past the node's last character. */
export function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** Calls `visit` on every node, parents before children; return false to skip a node's children. */
export function walk(node: Nodes, visit: (node: Nodes, parent: Nodes | undefined) => boolean | void, parent?: Nodes): void {
  if (visit(node, parent) === false) return;
  if ('children' in node) for (const child of node.children) walk(child, visit, node);
}
