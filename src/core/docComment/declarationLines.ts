/**
 * Line-level reading of source code around a declaration: which lines are
 * attributes/decorators (possibly spanning lines), comments and doc comments.
 * Light and regex-based: enough to place a doc comment, not a parser.
 */
import { commentSyntax } from '../languages';
import { CLOSING_BRACKETS, OPENING_BRACKETS, StringSkipper } from './stringSkipper';

/** Decorators, attributes, annotations and directive comments that sit between a doc comment and its declaration. */
const ATTRIBUTE: Readonly<Record<string, RegExp>> = {
  typescript: /^\s*(@[\w$]|\/\/\s*(eslint-|@ts-|prettier-ignore|biome-ignore))/,
  javascript: /^\s*(@[\w$]|\/\/\s*(eslint-|@ts-|prettier-ignore|biome-ignore))/,
  python: /^\s*@/,
  java: /^\s*@(?!interface\b)\w/,
  kotlin: /^\s*@\w/,
  rust: /^\s*#\[/,
  csharp: /^\s*(\[|#pragma\b|#nullable\b)/,
  php: /^\s*#\[/,
  cpp: /^\s*\[\[/,
  go: /^\s*\/\/(go:|nolint|export |line |extern )/,
};

export function attributePattern(languageId: string): RegExp | undefined {
  const key = languageId.replace(/react$/, '');
  return Object.hasOwn(ATTRIBUTE, key) ? ATTRIBUTE[key] : undefined;
}

/** Position just past the bracket group opening at (line, col), across lines, skipping string literals. */
function skipGroup(lines: readonly string[], line: number, col: number): { line: number; col: number } {
  let depth = 0;
  const strings = new StringSkipper();
  for (let l = line; l < lines.length && l < line + 50; l++) {
    const text = lines[l];
    for (let i = l === line ? col : 0; i < text.length; i++) {
      const inString = strings.skip(text, i);
      if (inString) {
        i += inString - 1;
        continue;
      }
      const c = text[i];
      if (OPENING_BRACKETS.includes(c)) depth++;
      else if (CLOSING_BRACKETS.includes(c) && --depth === 0) return { line: l, col: i + 1 };
    }
    strings.reset(); // string literals do not span lines here
  }
  return { line, col: lines[line].length };
}

const COMMENT_START = /^(\/\/|\/\*|#(?!\[))/;

/**
 * Where the attribute starting at line `start` ends (the last line of its brackets),
 * and whether code follows it on that line (`@Input() name: string`).
 */
export function attributeEnd(lines: readonly string[], start: number, pattern: RegExp): { endLine: number; codeAfter: boolean } {
  const text = lines[start];
  const col = /^\s*/.exec(text)?.[0].length ?? 0;
  if (/^(\/\/|#[a-z])/.test(text.slice(col))) return { endLine: start, codeAfter: false }; // a directive line
  let end = { line: start, col };
  if (text[col] === '@') {
    end.col = col + 1 + (/^[\w$.]*/.exec(text.slice(col + 1))?.[0].length ?? 0);
    const paren = /^\s*\(/.exec(text.slice(end.col));
    if (paren) end = skipGroup(lines, start, end.col + paren[0].length - 1);
  } else {
    end = skipGroup(lines, start, text.indexOf('[', col));
  }
  const rest = lines[end.line].slice(end.col).trim();
  return { endLine: end.line, codeAfter: rest !== '' && !COMMENT_START.test(rest) && !pattern.test(rest) };
}

/** The first line of an attribute that ends exactly at line `end` with nothing after it, if any. */
export function attributeEndingAt(lines: readonly string[], end: number, pattern: RegExp): number | undefined {
  for (let start = end; start >= 0 && start > end - 30; start--) {
    if (!pattern.test(lines[start])) continue;
    const extent = attributeEnd(lines, start, pattern);
    if (extent.endLine === end && !extent.codeAfter) return start;
  }
  return undefined;
}

export interface LineRange {
  startLine: number;
  endLine: number;
}

/** A doc comment whose last line is `end`: `/** … *\/` blocks, or `///` (Rust, C#) and `//` (Go) line runs. */
export function docCommentEndingAt(lines: readonly string[], end: number, languageId: string): LineRange | undefined {
  const text = lines[end]?.trim();
  if (text === undefined) return undefined;
  // The closing line is the comment's own (` */`, ` * last */`, `/** one line */`), not `code; /* note */`.
  if (text.endsWith('*/') && (text.startsWith('*') || text.startsWith('/*'))) {
    for (let start = end; start >= 0 && start > end - 500; start--) {
      const opening = lines[start].trim();
      if (start < end && opening.includes('*/')) return undefined; // another comment ended here
      if (!opening.startsWith('/*')) continue;
      const isDoc = languageId === 'go' || (opening.startsWith('/**') && !opening.startsWith('/**/'));
      return isDoc ? { startLine: start, endLine: end } : undefined;
    }
    return undefined;
  }
  const docLine = languageId === 'go' ? /^\/\/(?!go:|nolint|export |line |extern )/ : (commentSyntax(languageId)?.docLine.includes('///') ?? false) ? /^\/\/\/(?!\/)/ : undefined;
  if (!docLine || !docLine.test(text)) return undefined;
  let start = end;
  while (start > 0 && docLine.test(lines[start - 1].trim())) start--;
  return { startLine: start, endLine: end };
}

/** The last line of the comment starting on line `start` (a line comment, or a block comment across lines), if the line starts with one. */
export function commentEnd(lines: readonly string[], start: number, languageId: string): number | undefined {
  const syntax = commentSyntax(languageId);
  const text = lines[start].trim();
  if (!syntax) return undefined;
  if ([...syntax.line, ...syntax.docLine].some((token) => text.startsWith(token))) return start;
  const block = [...syntax.docBlock, ...syntax.block].find((d) => text.startsWith(d.open));
  if (!block) return undefined;
  if (text.includes(block.close, block.open.length)) return start;
  for (let line = start + 1; line < lines.length; line++) if (lines[line].includes(block.close)) return line;
  return lines.length - 1;
}
