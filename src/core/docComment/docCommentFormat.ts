/**
 * Formats a documentation comment in each language's convention from a summary,
 * parameter descriptions and a return description.
 */

export type DocStyle = 'tsdoc' | 'jsdoc' | 'javadoc' | 'python' | 'go' | 'rust' | 'csharp';

export interface DocParam {
  name: string;
  description: string;
}

export interface DocBody {
  summary: string;
  params: DocParam[];
  returns?: string;
  /** When and what it throws (raises, errors); not written for Go and C#. */
  throws?: string;
  /** The symbol's name: Go doc comments start with it. */
  symbolName?: string;
}

const STYLES: Readonly<Record<string, DocStyle>> = {
  typescript: 'tsdoc',
  typescriptreact: 'tsdoc',
  javascript: 'jsdoc',
  javascriptreact: 'jsdoc',
  java: 'javadoc',
  kotlin: 'javadoc',
  c: 'javadoc',
  cpp: 'javadoc',
  php: 'javadoc',
  python: 'python',
  go: 'go',
  rust: 'rust',
  csharp: 'csharp',
};

/** The doc comment convention for a language id, or undefined when there is none. */
export function docStyleFor(languageId: string): DocStyle | undefined {
  return Object.hasOwn(STYLES, languageId) ? STYLES[languageId] : undefined;
}

const clean = (text: string | undefined) => (text ?? '').trim().replace(/[ \t]*\r?\n[ \t]*/g, '\n');

/** `/** … *\/` with `@` tags. */
function blockComment(body: DocBody, tags: { param: (p: DocParam) => string; returns: string }): string[] {
  const escape = (text: string) => text.replace(/\*\//g, '*\\/');
  const lines = clean(body.summary).split('\n').map(escape);
  const tagLines = [
    ...body.params.map((p) => tags.param({ name: p.name, description: escape(clean(p.description)) })),
    ...(body.returns ? [`${tags.returns} ${escape(clean(body.returns))}`] : []),
    ...(body.throws ? [`@throws ${escape(clean(body.throws))}`] : []),
  ].map((line) => line.trimEnd().replace(/\n/g, '\n  '));
  if (tagLines.length > 0) lines.push('', ...tagLines.flatMap((t) => t.split('\n')));
  return ['/**', ...lines.map((line) => (line === '' ? ' *' : ` * ${line}`)), ' */'];
}

function python(body: DocBody): string[] {
  const sections: string[][] = [clean(body.summary).split('\n')];
  const indented = (text: string) => clean(text).split('\n').map((line, i) => (i === 0 ? line : `    ${line}`));
  if (body.params.length > 0) {
    sections.push(['Args:', ...body.params.flatMap((p) => indented(`${p.name}: ${p.description}`).map((l) => `    ${l}`.trimEnd()))]);
  }
  if (body.returns) sections.push(['Returns:', ...indented(body.returns).map((l) => `    ${l}`)]);
  if (body.throws) sections.push(['Raises:', ...indented(body.throws).map((l) => `    ${l}`)]);
  let all = sections.flatMap((s, i) => (i === 0 ? s : ['', ...s]));
  // A raw docstring keeps backslashes as written; without one, escape them (and any `"""`).
  const raw = all.some((l) => l.includes('\\')) && !all.some((l) => l.includes('"""'));
  if (!raw) all = all.map((l) => l.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"'));
  const quote = raw ? 'r"""' : '"""';
  // A closing quote right before `"""` would end the string early: `"""Say "hi" """`.
  if (all.length === 1) return [`${quote}${all[0]}${all[0].endsWith('"') ? ' ' : ''}"""`];
  return [`${quote}${all[0]}`, ...all.slice(1), '"""'];
}

function go(body: DocBody): string[] {
  let summary = clean(body.summary);
  const name = body.symbolName;
  if (name && !new RegExp(`^(?:A |An |The )?${name.replace(/[$]/g, '\\$')}\\b`).test(summary)) {
    summary = `${name} ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`;
  }
  return summary.split('\n').map((line) => (line === '' ? '//' : `// ${line}`));
}

function rust(body: DocBody): string[] {
  const lines = clean(body.summary).split('\n');
  const section = (title: string, content: string[]) => lines.push('', `# ${title}`, '', ...content);
  if (body.params.length > 0) section('Arguments', body.params.map((p) => `* \`${p.name}\` - ${clean(p.description)}`.trimEnd()));
  if (body.returns) section('Returns', clean(body.returns).split('\n'));
  if (body.throws) section('Errors', clean(body.throws).split('\n'));
  return lines.map((line) => (line === '' ? '///' : `/// ${line}`));
}

function csharp(body: DocBody): string[] {
  const xml = (text: string) => clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const lines = ['<summary>', ...xml(body.summary).split('\n'), '</summary>'];
  for (const p of body.params) lines.push(`<param name="${p.name}">${xml(p.description).replace(/\n/g, ' ')}</param>`);
  if (body.returns) lines.push(`<returns>${xml(body.returns).replace(/\n/g, ' ')}</returns>`);
  return lines.map((line) => `/// ${line}`);
}

/** The lines of the comment without indentation. */
function commentLines(style: DocStyle, body: DocBody): string[] {
  switch (style) {
    case 'tsdoc':
      return blockComment(body, { param: (p) => `@param ${p.name} - ${p.description}`, returns: '@returns' });
    case 'jsdoc':
      return blockComment(body, { param: (p) => `@param ${p.name} ${p.description}`, returns: '@returns' });
    case 'javadoc':
      return blockComment(body, { param: (p) => `@param ${p.name} ${p.description}`, returns: '@return' });
    case 'python':
      return python(body);
    case 'go':
      return go(body);
    case 'rust':
      return rust(body);
    case 'csharp':
      return csharp(body);
  }
}

/**
 * The comment as whole lines, each starting with `indent` and ending with `eol`: insert
 * it at column 0 of the plan's `insertLine` (or in place of `existing`).
 */
export function formatDocComment(style: DocStyle, indent: string, body: DocBody, eol: string): string {
  return commentLines(style, body)
    .map((line) => (line === '' ? eol : `${indent}${line}${eol}`))
    .join('');
}
