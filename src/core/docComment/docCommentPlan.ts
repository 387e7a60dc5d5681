/**
 * Where "Draft Documentation" puts a doc comment for a symbol, given the symbol's line
 * range from VS Code's document symbol provider (which may start at decorators,
 * attributes, `export`, or — for rust-analyzer and Java — at an existing doc comment).
 *
 * Placement: above the declaration and above its decorators/attributes/annotations
 * (TSDoc, Javadoc, Rustdoc and C# convention; Javadoc after annotations is ignored);
 * Go directives (`//go:…`) end up below the doc comment, where gofmt wants them. Python: a
 * docstring as the first statement of the body, one level deeper than `def`.
 */
import { attributeEndingAt, attributeEnd, attributePattern, commentEnd, docCommentEndingAt, type LineRange } from './declarationLines';
import { docStyleFor, type DocStyle } from './docCommentFormat';
import { CLOSING_BRACKETS, OPENING_BRACKETS, StringSkipper } from './stringSkipper';

export interface DocCommentPlan {
  /** Insert the formatted comment at column 0 of this line (when there is no `existing`). */
  insertLine: number;
  /** Indentation for every comment line. */
  indent: string;
  style: DocStyle;
  /** The declaration's first line (after decorators and attributes). */
  declarationLine: number;
  /** A doc comment (or docstring) already there: ask, then replace these lines (inclusive). */
  existing?: LineRange;
}

const NO_ATTRIBUTES = /(?!)/;

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)?.[0] ?? '';

/** The first line in `[start, end]` that is not blank, a comment or an attribute. */
function findDeclaration(lines: readonly string[], start: number, end: number, languageId: string, attributes: RegExp): number {
  for (let line = start; line <= end && line < lines.length; ) {
    const comment = lines[line].trim() === '' ? line : commentEnd(lines, line, languageId);
    if (comment !== undefined && !attributes.test(lines[line])) {
      line = comment + 1;
      continue;
    }
    if (!attributes.test(lines[line])) return line;
    const extent = attributeEnd(lines, line, attributes);
    if (extent.codeAfter) return extent.endLine;
    line = extent.endLine + 1;
  }
  return start;
}

/** Python: the docstring goes after the header's closing `:`; undefined for a one-line body (`def f(): pass`). */
function pythonPlan(lines: readonly string[], declarationLine: number): DocCommentPlan | undefined {
  let depth = 0;
  const strings = new StringSkipper();
  for (let line = declarationLine; line < lines.length && line < declarationLine + 100; line++) {
    const text = lines[line];
    for (let i = 0; i < text.length; i++) {
      const inString = strings.skip(text, i);
      if (inString) {
        i += inString - 1;
        continue;
      }
      const c = text[i];
      if (c === '#') break;
      else if (OPENING_BRACKETS.includes(c)) depth++;
      else if (CLOSING_BRACKETS.includes(c)) depth--;
      else if (c === ':' && depth === 0) {
        const rest = text.slice(i + 1).trim();
        if (rest !== '' && !rest.startsWith('#')) return undefined;
        return pythonBody(lines, declarationLine, line);
      }
    }
  }
  return undefined;
}

function pythonBody(lines: readonly string[], declarationLine: number, headerEnd: number): DocCommentPlan {
  const defIndent = indentOf(lines[declarationLine]);
  let body = headerEnd + 1;
  while (body < lines.length && (lines[body].trim() === '' || lines[body].trim().startsWith('#'))) body++;
  const bodyIndent = body < lines.length ? indentOf(lines[body]) : '';
  const indent = bodyIndent.length > defIndent.length ? bodyIndent : defIndent + (defIndent.includes('\t') ? '\t' : '    ');
  const plan: DocCommentPlan = { insertLine: headerEnd + 1, indent, style: 'python', declarationLine };
  const opening = body < lines.length && bodyIndent.length > defIndent.length ? /^[rRuUbBfF]{0,2}("""|'''|"|')/.exec(lines[body].trim()) : null;
  if (!opening) return plan;
  const delimiter = opening[1];
  const afterOpen = lines[body].indexOf(delimiter) + delimiter.length;
  let end = body;
  let close = lines[body].indexOf(delimiter, afterOpen);
  if (close === -1 && delimiter.length === 3) {
    while (end + 1 < lines.length && !lines[end + 1].includes(delimiter)) end++;
    end = Math.min(end + 1, lines.length - 1);
    close = lines[end].indexOf(delimiter);
  }
  // Only a string that is the whole statement is a docstring (not `"-".join(parts)`).
  const rest = close === -1 ? '' : lines[end].slice(close + delimiter.length).trim();
  return rest === '' || rest.startsWith('#') ? { ...plan, existing: { startLine: body, endLine: end } } : plan;
}

/** Where and how to write a doc comment for the symbol on lines `[symbolStartLine, symbolEndLine]`. */
export function docCommentPlan(languageId: string, text: string, symbolStartLine: number, symbolEndLine: number): DocCommentPlan | undefined {
  const style = docStyleFor(languageId);
  const lines = splitLines(text);
  if (!style || symbolStartLine < 0 || symbolStartLine >= lines.length) return undefined;
  const attributes = attributePattern(languageId) ?? NO_ATTRIBUTES;
  const declarationLine = findDeclaration(lines, symbolStartLine, Math.max(symbolStartLine, symbolEndLine), languageId, attributes);
  if (style === 'python') return pythonPlan(lines, declarationLine);

  // Up from the declaration over attributes and (one) doc comment.
  let top = declarationLine;
  let existing: LineRange | undefined;
  for (;;) {
    const attribute = top > 0 ? attributeEndingAt(lines, top - 1, attributes) : undefined;
    if (attribute !== undefined) {
      top = attribute;
      continue;
    }
    const doc = top > 0 && !existing ? docCommentEndingAt(lines, top - 1, languageId) : undefined;
    if (!doc) break;
    existing = doc;
    top = doc.startLine;
  }
  const plan: DocCommentPlan = { insertLine: top, indent: indentOf(lines[declarationLine]), style, declarationLine };
  return existing ? { ...plan, existing } : plan;
}
