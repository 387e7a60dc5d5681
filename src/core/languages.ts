/**
 * Per-language comment syntax, and which language ids count as prose.
 * Pure data plus two lookups; the scanner that uses it is `commentScanner.ts`.
 */

/** A delimited region: a block comment, a docstring or a string literal. */
export interface Delimiters {
  readonly open: string;
  readonly close: string;
}

/** A string literal; single-line ones must close on the line they open. */
export interface StringDelimiters extends Delimiters {
  readonly multiline: boolean;
}

export interface CommentSyntax {
  /** Ordinary line comment tokens, e.g. `//`, `#`. */
  readonly line: readonly string[];
  /** Documentation line comments (Rust `///`, C# `///`): a docstring without a closing delimiter. */
  readonly docLine: readonly string[];
  /** Block comments, e.g. `/*` … `*\/`. */
  readonly block: readonly Delimiters[];
  /** Docstrings with delimiters, e.g. `/**` … `*\/`, Python `"""` … `"""`. */
  readonly docBlock: readonly Delimiters[];
  /** String literals, skipped when looking for comments. */
  readonly strings: readonly StringDelimiters[];
  /** A docstring opener counts only as the first thing on its line (Python); elsewhere it is a string. */
  readonly docBlockAtLineStart?: boolean;
  /** A line comment token counts only at line start or after whitespace (shell `#`, YAML `#`). */
  readonly lineCommentNeedsBoundary?: boolean;
  /** A quote opens a string only at line start, after whitespace or after `:[{,` (YAML). */
  readonly stringsNeedBoundary?: boolean;
}

const CSTYLE_BLOCK: readonly Delimiters[] = [{ open: '/*', close: '*/' }];
const JSDOC: readonly Delimiters[] = [{ open: '/**', close: '*/' }];
const DQ: StringDelimiters = { open: '"', close: '"', multiline: false };
const SQ: StringDelimiters = { open: "'", close: "'", multiline: false };
const BACKTICK: StringDelimiters = { open: '`', close: '`', multiline: true };
const TRIPLE_DQ: StringDelimiters = { open: '"""', close: '"""', multiline: true };
const TRIPLE_SQ: StringDelimiters = { open: "'''", close: "'''", multiline: true };

function syntax(parts: Partial<CommentSyntax>): CommentSyntax {
  return { line: [], docLine: [], block: [], docBlock: [], strings: [DQ, SQ], ...parts };
}

const cStyle = syntax({ line: ['//'], block: CSTYLE_BLOCK, docBlock: JSDOC });
const jsLike = syntax({ line: ['//'], block: CSTYLE_BLOCK, docBlock: JSDOC, strings: [DQ, SQ, BACKTICK] });
const hashOnly = syntax({ line: ['#'] });

const TABLE: Readonly<Record<string, CommentSyntax>> = {
  typescript: jsLike,
  typescriptreact: jsLike,
  javascript: jsLike,
  javascriptreact: jsLike,
  python: syntax({
    line: ['#'],
    docBlock: [{ open: '"""', close: '"""' }, { open: "'''", close: "'''" }],
    strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ],
    docBlockAtLineStart: true,
  }),
  go: syntax({ line: ['//'], block: CSTYLE_BLOCK, strings: [DQ, SQ, BACKTICK] }),
  rust: syntax({
    line: ['//'],
    docLine: ['///', '//!'],
    block: CSTYLE_BLOCK,
    docBlock: [{ open: '/**', close: '*/' }, { open: '/*!', close: '*/' }],
    // No `'`: lifetimes (`'a`) would look like unclosed strings.
    strings: [DQ],
  }),
  java: syntax({ line: ['//'], block: CSTYLE_BLOCK, docBlock: JSDOC, strings: [TRIPLE_DQ, DQ, SQ] }),
  kotlin: syntax({ line: ['//'], block: CSTYLE_BLOCK, docBlock: JSDOC, strings: [TRIPLE_DQ, DQ, SQ] }),
  scala: cStyle,
  swift: syntax({ line: ['//'], docLine: ['///'], block: CSTYLE_BLOCK, docBlock: JSDOC, strings: [TRIPLE_DQ, DQ] }),
  dart: syntax({ line: ['//'], docLine: ['///'], block: CSTYLE_BLOCK, docBlock: JSDOC }),
  c: cStyle,
  cpp: syntax({ line: ['//'], docLine: ['///'], block: CSTYLE_BLOCK, docBlock: JSDOC }),
  csharp: syntax({ line: ['//'], docLine: ['///'], block: CSTYLE_BLOCK, docBlock: JSDOC }),
  php: syntax({ line: ['//', '#'], block: CSTYLE_BLOCK, docBlock: JSDOC }),
  css: syntax({ block: CSTYLE_BLOCK }),
  scss: syntax({ line: ['//'], block: CSTYLE_BLOCK }),
  less: syntax({ line: ['//'], block: CSTYLE_BLOCK }),
  html: syntax({ block: [{ open: '<!--', close: '-->' }] }),
  xml: syntax({ block: [{ open: '<!--', close: '-->' }] }),
  sql: syntax({ line: ['--'], block: CSTYLE_BLOCK, strings: [SQ, DQ] }),
  lua: syntax({ line: ['--'], block: [{ open: '--[[', close: ']]' }] }),
  ruby: hashOnly,
  perl: hashOnly,
  r: hashOnly,
  powershell: syntax({ line: ['#'], block: [{ open: '<#', close: '#>' }] }),
  shellscript: syntax({ line: ['#'], lineCommentNeedsBoundary: true }),
  dockerfile: syntax({ line: ['#'], lineCommentNeedsBoundary: true }),
  makefile: syntax({ line: ['#'], lineCommentNeedsBoundary: true }),
  toml: syntax({ line: ['#'], strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ] }),
  yaml: syntax({ line: ['#'], lineCommentNeedsBoundary: true, stringsNeedBoundary: true }),
};

const PROSE_LANGUAGES: ReadonlySet<string> = new Set([
  'markdown',
  'plaintext',
  'latex',
  'restructuredtext',
  'asciidoc',
]);

/** True for language ids whose whole text is prose (completions anywhere, not only in comments). */
export function isProseLanguage(languageId: string): boolean {
  return PROSE_LANGUAGES.has(languageId);
}

/** Comment syntax for a code language id, or undefined for prose and unknown languages. */
export function commentSyntax(languageId: string): CommentSyntax | undefined {
  return Object.hasOwn(TABLE, languageId) ? TABLE[languageId] : undefined;
}

/** The code language ids with a comment table (for documentation and tests). */
export function knownCodeLanguages(): string[] {
  return Object.keys(TABLE);
}
