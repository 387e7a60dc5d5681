/**
 * Reads a model's answer to `docMessages`, which asks for lines like
 *   SUMMARY: Adds two numbers.
 *   PARAM a: The first number.
 *   RETURNS: The sum.
 * Tolerant of what small models do instead: lower case, bullets, bold, `@param`
 * tags, a whole doc comment, code fences, text wrapped onto following lines. When no
 * field is recognised, the whole answer becomes the summary.
 */
import type { DocBody, DocParam } from './docCommentFormat';

type Field = 'summary' | 'param' | 'returns' | 'throws';

const KEYWORD = 'summary|description|params?|parameters?|args?|arguments?|returns?|throws?|raises?|errors?|exceptions?';
// `@param a text` (a doc tag), or a keyword followed by a colon (`RETURNS: …`, `**Returns:**`, `- Param a: …`).
const TAG = new RegExp(`^@(${KEYWORD})\\b\\s*(.*)$`, 'i');
const LABEL = new RegExp(`^(?:[-*•]\\s*)?(?:\\*\\*|__)?(${KEYWORD})(?:\\*\\*|__)?\\s*[:：]\\s*(?:\\*\\*|__)?\\s*(.*)$`, 'i');
const PARAM_LABEL = /^(?:[-*•]\s*)?(?:\*\*|__)?(param(?:eter)?|arg(?:ument)?)(?:\*\*|__)?\s+((?:\{[^}]*\}\s*)?[`'"]?[*$\w.[\]]+[`'"]?(?:\*\*|__)?\s*(?:\([^)]*\)\s*)?[:\-–—][\s\S]*)$/i;

const LIST_ITEM = /^[-*•]?\s*[`'"]?[*$\w.]+[`'"]?\s*(?:\([^)]*\)\s*)?[:\-–—]\s/;

function matchField(line: string): { field: Field; rest: string } | undefined {
  const m = TAG.exec(line) ?? PARAM_LABEL.exec(line) ?? LABEL.exec(line);
  return m ? { field: fieldOf(m[1]), rest: m[2].trim() } : undefined;
}

/** Comment syntax a model may have copied: `/**`, ` * `, `*\/`, `///`, `//`, `"""`, `#`. */
function stripCommentMarkers(line: string): string {
  return line
    .replace(/^\s*(\/\*\*?|\*\/|\/\/\/?|"""|'''|#(?!#)|\*(?!\*))\s?/, '')
    .replace(/\s*(\*\/|"""|''')\s*$/, '')
    .trimEnd();
}

function fieldOf(word: string): Field {
  const w = word.toLowerCase();
  if (w === 'summary' || w === 'description') return 'summary';
  if (w.startsWith('param') || w.startsWith('arg')) return 'param';
  if (w.startsWith('return')) return 'returns';
  return 'throws';
}

/** `a: text`, `` `a` - text ``, `{number} a text`, `a text`: the name and the description. */
function splitParam(rest: string): DocParam {
  const m = /^(?:\{[^}]*\}\s*)?[`'"]?([*$\w.[\]]+)[`'"]?\s*(?:\([^)]*\)\s*)?(?:[:\-–—]\s*)?(.*)$/.exec(rest.trim());
  return m ? { name: m[1], description: m[2].trim() } : { name: rest.trim(), description: '' };
}

/** The structured parts of a model's doc answer; `knownParams` (from the signature) orders and filters the params. */
export function parseDocResponse(modelText: string, knownParams?: readonly string[]): DocBody {
  const lines = modelText
    .replace(/^\s*```[^\n]*\n|\n```\s*$/g, '')
    .split(/\r?\n/)
    .map(stripCommentMarkers);
  let summary: string[] = [];
  const preamble: string[] = [];
  const params: DocParam[] = [];
  let returns: string | undefined;
  let throws: string | undefined;
  let current: { field: Field; param?: DocParam; list?: boolean } | undefined;
  let found = false;

  for (const line of lines) {
    const m = matchField(line.trim());
    if (m) {
      found = true;
      const { field, rest } = m;
      if (field === 'param') {
        // `Args:` alone opens a list of `name: text` lines.
        const param = rest === '' ? undefined : splitParam(rest);
        if (param) params.push(param);
        current = param ? { field, param, list: false } : { field, list: true };
      } else {
        if (field === 'summary') summary = [rest];
        else if (field === 'returns') returns = rest;
        else throws = rest;
        current = { field };
      }
      continue;
    }
    const text = line.trim();
    if (text === '') {
      // A blank line ends a field's continuation (a summary may go on after one).
      if (current?.field !== 'summary') current = undefined;
      else summary.push('');
      continue;
    }
    if (!current) {
      if (!found) preamble.push(text);
      continue;
    }
    if (current.field === 'summary') summary.push(text);
    else if (current.field === 'param' && current.list && LIST_ITEM.test(text)) {
      current.param = splitParam(text.replace(/^[-*•]\s*/, ''));
      params.push(current.param);
    } else if (current.field === 'param' && current.param) current.param.description = `${current.param.description} ${text}`.trim();
    else if (current.field === 'returns') returns = `${returns ?? ''} ${text}`.trim();
    else throws = `${throws ?? ''} ${text}`.trim();
  }

  if (summary.length === 0) summary = preamble;
  const body: DocBody = { summary: summary.join('\n').replace(/\n{3,}/g, '\n\n').trim(), params };
  if (!found) body.summary = lines.join('\n').trim();
  if (returns) body.returns = returns;
  if (throws) body.throws = throws;
  if (knownParams) {
    // The signature's parameters, in order; the model's descriptions where it gave them.
    const byName = new Map(params.map((p) => [p.name.replace(/^[*$]+/, ''), p.description]));
    body.params = knownParams.map((name) => ({ name, description: byName.get(name.replace(/^[*$]+/, '')) ?? '' }));
  }
  return body;
}
