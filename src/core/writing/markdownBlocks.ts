/**
 * Splits a Markdown document into pieces to translate and pieces to keep verbatim, at
 * the block level. Verbatim: front matter, fenced and indented code, raw HTML blocks
 * (`<pre>`, `<script>`, `<style>`, `<textarea>`, comments), `$$` math, reference
 * definitions, thematic breaks, setext underlines, table delimiter rows, blank lines,
 * and the structure at the start of a line (indentation, `>`, list markers, task
 * boxes, `#`). Translate: the text of paragraphs, headings, list items, quote lines and
 * table cells. The pieces, concatenated, are exactly the document.
 */

export interface BlockPiece {
  kind: 'verbatim' | 'translate';
  text: string;
}

interface Line {
  body: string;
  eol: string;
}

const FENCE = /^[ \t>]*(`{3,}|~{3,})(.*)$/;
const BLANK = /^[ \t]*$/;
const RAW_HTML: readonly [RegExp, RegExp][] = [
  [/^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^[ \t>]*\$\$/, /\$\$/],
];
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]^][^\]]*\]:[ \t]*\S/;
const THEMATIC_OR_UNDERLINE = /^[ \t>]*(?:([-*_])(?:[ \t]*\1){2,}|=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const LINE_MARKER = /(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\](?:[ \t]+|$))?|\[\^[^\]]+\]:)[ \t]*/y;

function splitLines(text: string): Line[] {
  return (text.match(/[^\r\n]*(?:\r\n|\n|\r|$)/g) ?? [])
    .filter((raw, i, all) => raw !== '' || i < all.length - 1)
    .map((raw) => {
      const eol = /\r\n|\n|\r$/.exec(raw)?.[0] ?? '';
      return { body: raw.slice(0, raw.length - eol.length), eol };
    });
}

/** Indentation in columns (a tab to the next multiple of 4). */
function columns(whitespace: string): number {
  let n = 0;
  for (const c of whitespace) n = c === '\t' ? n + 4 - (n % 4) : n + 1;
  return n;
}

/** The line's structure (`  > - [ ] `, `## `): where its content starts, and whether it starts a new block. */
function lineStructure(body: string): { prefix: number; marker: boolean; heading: boolean; listContent?: number } {
  let at = /^[ \t]*/.exec(body)?.[0].length ?? 0;
  let marker = false;
  let listContent: number | undefined;
  for (;;) {
    LINE_MARKER.lastIndex = at;
    const m = LINE_MARKER.exec(body);
    if (!m || m[0] === '') break;
    marker = true;
    if (!m[0].startsWith('>')) listContent = columns(body.slice(0, at + m[0].length).replace(/[^\t]/g, ' '));
    at += m[0].length;
  }
  const heading = /^#{1,6}(?:[ \t]+|$)/.exec(body.slice(at));
  return { prefix: at + (heading?.[0].length ?? 0), marker: marker || !!heading, heading: !!heading, ...(listContent !== undefined ? { listContent } : {}) };
}

function frontMatterEnd(lines: readonly Line[]): number {
  const open = /^(---|\+\+\+)[ \t]*$/.exec(lines[0]?.body ?? '');
  if (!open) return 0;
  const close = open[1] === '---' ? /^(---|\.\.\.)[ \t]*$/ : /^\+\+\+[ \t]*$/;
  const end = lines.findIndex((line, i) => i > 0 && close.test(line.body));
  return end === -1 ? 0 : end + 1;
}

/** Cuts a table row into cells: pipes and padding verbatim, cell text to translate. */
function tableRow(line: Line, out: BlockPiece[]): void {
  for (const part of line.body.split(/(?<!\\)(\|)/)) {
    if (part === '|') {
      out.push({ kind: 'verbatim', text: part });
      continue;
    }
    const m = /^([ \t]*)([\s\S]*?)([ \t]*)$/.exec(part) ?? ['', part, '', ''];
    out.push({ kind: 'verbatim', text: m[1] }, { kind: 'translate', text: m[2] }, { kind: 'verbatim', text: m[3] });
  }
  out.push({ kind: 'verbatim', text: line.eol });
}

/** The document as block pieces (not yet merged; empty pieces possible). */
export function markdownBlocks(text: string): BlockPiece[] {
  const lines = splitLines(text);
  const out: BlockPiece[] = [];
  const verbatim = (line: Line) => out.push({ kind: 'verbatim', text: line.body + line.eol });
  let paragraph: { text: string; tail: string } | undefined;
  const flush = () => {
    if (paragraph) out.push({ kind: 'translate', text: paragraph.text }, { kind: 'verbatim', text: paragraph.tail });
    paragraph = undefined;
  };
  let closer: RegExp | undefined; // inside a raw block until a line matches
  let fence: { char: string; length: number } | undefined;
  let inCode = false;
  let inTable = false;
  let listContent = 0;

  const start = frontMatterEnd(lines);
  lines.slice(0, start).forEach(verbatim);
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const { body } = line;
    const indent = columns(/^[ \t]*/.exec(body)?.[0] ?? '');
    if (fence) {
      const m = FENCE.exec(body);
      if (m && m[1][0] === fence.char && m[1].length >= fence.length && BLANK.test(m[2])) fence = undefined;
      verbatim(line);
      continue;
    }
    if (closer) {
      if (closer.test(body)) closer = undefined;
      verbatim(line);
      continue;
    }
    if (inCode && (BLANK.test(body) || indent >= listContent + 4)) {
      verbatim(line);
      continue;
    }
    inCode = false;
    if (BLANK.test(body)) {
      flush();
      inTable = false;
      verbatim(line);
      continue;
    }
    if (!paragraph && indent >= listContent + 4) {
      inCode = true;
      verbatim(line);
      continue;
    }
    const fenceMatch = FENCE.exec(body);
    if (fenceMatch && !(fenceMatch[1][0] === '`' && fenceMatch[2].includes('`'))) {
      flush();
      fence = { char: fenceMatch[1][0], length: fenceMatch[1].length };
      verbatim(line);
      continue;
    }
    const raw = RAW_HTML.find(([open]) => open.test(body));
    if (raw) {
      flush();
      const afterOpen = body.slice((raw[0].exec(body)?.[0].length ?? 0));
      if (!raw[1].test(afterOpen)) closer = raw[1];
      verbatim(line);
      continue;
    }
    if (REFERENCE_DEFINITION.test(body) || THEMATIC_OR_UNDERLINE.test(body) || (inTable && TABLE_DELIMITER.test(body))) {
      flush();
      verbatim(line);
      continue;
    }
    if (inTable || (body.includes('|') && TABLE_DELIMITER.test(lines[i + 1]?.body ?? '') && lines[i + 1].body.includes('|'))) {
      flush();
      inTable = true;
      tableRow(line, out);
      continue;
    }
    const structure = lineStructure(body);
    if (structure.listContent !== undefined) listContent = structure.listContent;
    else if (!paragraph && indent < listContent) listContent = 0;
    const trailing = /[ \t]*$/.exec(body)?.[0].length ?? 0;
    const content = body.slice(structure.prefix, body.length - trailing);
    if (paragraph && !structure.marker) {
      paragraph.text += paragraph.tail + body.slice(0, body.length - trailing);
      paragraph.tail = body.slice(body.length - trailing) + line.eol;
      continue;
    }
    flush();
    out.push({ kind: 'verbatim', text: body.slice(0, structure.prefix) });
    // An ATX heading's closing `##` stays verbatim; a heading has no continuation lines.
    const closing = structure.heading ? /(?:^|[ \t]+)#+$/.exec(content) : null;
    const text = closing ? content.slice(0, closing.index) : content;
    paragraph = { text, tail: content.slice(text.length) + body.slice(body.length - trailing) + line.eol };
    if (structure.heading || content === '') flush();
  }
  flush();
  return out;
}
