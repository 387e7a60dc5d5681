/**
 * A light, regex-based reading of a declaration: its name, parameter names and whether
 * it returns something, so prompts and doc templates list the real parameters.
 * `self`/`cls` (Python), `self` (Rust), `this` (TypeScript) and Go receivers are left
 * out. Give it the declaration text (decorators, attributes and the body may be
 * included: the body is only read to guess `hasReturn` when no type says so).
 */
import { firstParen, parenGroup, splitTopLevel } from './codeText';

export interface ParsedSignature {
  name: string;
  params: string[];
  hasReturn: boolean;
  kind: 'function' | 'type';
}

const lastWord = (text: string) => /([\w$]+)\W*$/.exec(text)?.[1] ?? text;
const NO_VALUE = /^(void|never|undefined|None|\(\)|Unit|Promise<void>|Task|ValueTask|IO\(\))$/;

/** Length of the decorator or attribute at the start of `text` (`@name(…)`, `#[…]`, `[…]`), or 0. */
function attributeLength(text: string): number {
  const at = /^@[\w$.]+/.exec(text);
  if (at) {
    const open = /^\s*\(/.exec(text.slice(at[0].length));
    const group = open ? parenGroup(text, at[0].length + open[0].length - 1) : undefined;
    return group ? text.length - group.after.length : at[0].length;
  }
  const bracket = /^#?!?\[/.exec(text);
  if (!bracket) return 0;
  let depth = 0;
  for (let i = bracket[0].length - 1; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return i + 1;
  }
  return 0;
}

/** Strips leading comments, decorators and attributes (several may share a line). */
function declarationOnly(text: string): string {
  let rest = text.trim();
  for (;;) {
    const comment = /^(\/\/[^\n]*|#(?![[!])[^\n]*|\/\*[\s\S]*?\*\/)\s*/.exec(rest);
    const length = comment ? comment[0].length : attributeLength(rest);
    if (length === 0) return rest;
    rest = rest.slice(length).trimStart();
  }
}

/** Return type text between the parameter list and the body/arrow, after `:` or `->`. */
function returnType(after: string, marker: ':' | '->'): string | undefined {
  const m = marker === ':' ? /^\s*:\s*([^{=;]+?)\s*(?:\{|=>|=|;|$)/.exec(after) : /^\s*->\s*([^{;]+?)\s*(?:\{|;|where\b|$)/.exec(after);
  return m?.[1].trim();
}

const returnsInBody = (text: string) => /\breturn\s+[^;\s}]|\byield\b/.test(text);

function typeScript(decl: string): ParsedSignature | undefined {
  const type = /^(?:(?:export|default|declare|abstract)\s+)*(class|interface|enum|type|namespace)\s+([\w$]+)/.exec(decl);
  if (type) return { name: type[2], params: [], hasReturn: false, kind: 'type' };
  const patterns = [
    /^(?:(?:export|default|declare|async)\s+)*function\s*\*?\s*([\w$]*)/,
    /^(?:(?:export|default|declare)\s+)*(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\s*\*?\s*[\w$]*)?/,
    /^(?:(?:public|private|protected|static|readonly|override|declare|abstract|accessor)\s+)*(#?[\w$]+)\s*[?!]?\s*(?::[^=(]+)?=\s*(?:async\s+)?/,
    /^(?:(?:public|private|protected|static|readonly|override|async|abstract|get|set|declare)\s+)*\*?\s*(#?[\w$]+|\[[^\]]+\])\s*[?!]?\s*(?=[<(])/,
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(decl);
    if (!m) continue;
    const after = decl.slice(m[0].length);
    const single = /^\s*([\w$]+)\s*=>/.exec(after);
    const group = single ? undefined : parenGroup(after, firstParen(after, 0));
    if (!single && !group) continue;
    const params = single ? [single[1]] : splitTopLevel(group?.inside ?? '').map(tsParamName).filter((p) => p !== 'this');
    const rest = single ? after.slice(single[0].length - 2) : (group?.after ?? ''); // keeps the `=>`
    const annotated = returnType(rest, ':');
    const name = m[1] || 'default';
    const noReturn = name === 'constructor' || /^\s*set\s/.test(decl);
    const expressionBody = /^\s*(?::[^=]*)?=>\s*[^{\s]/.test(rest);
    const hasReturn = !noReturn && (annotated !== undefined ? !NO_VALUE.test(annotated) : expressionBody || returnsInBody(rest));
    return { name, params, hasReturn, kind: 'function' };
  }
  return undefined;
}

function tsParamName(param: string): string {
  const p = param.replace(/^(@[\w$.]+(\([^)]*\))?\s*)+/, '').replace(/^((public|private|protected|readonly|override)\s+)+/, '').replace(/^\.\.\./, '');
  if (/^[{[]/.test(p)) return p.replace(/\s*[:=][^}\]]*$/, '').replace(/\s+/g, ' ');
  return /^[\w$]+/.exec(p)?.[0] ?? p;
}

function python(decl: string): ParsedSignature | undefined {
  const type = /^class\s+(\w+)/.exec(decl);
  if (type) return { name: type[1], params: [], hasReturn: false, kind: 'type' };
  const m = /^(?:async\s+)?def\s+(\w+)\s*(?:\[[^\]]*\])?\s*/.exec(decl);
  const group = m && parenGroup(decl, m[0].length);
  if (!m || !group) return undefined;
  const params = splitTopLevel(group.inside)
    .map((p) => /^\*{0,2}\w+/.exec(p)?.[0] ?? '')
    .filter((p) => p !== '' && p !== 'self' && p !== 'cls');
  const annotated = returnType(group.after, '->');
  const hasReturn = annotated !== undefined ? !NO_VALUE.test(annotated.replace(/:$/, '')) : /^\s*(return\s+\S|yield\b)/m.test(group.after);
  return { name: m[1], params, hasReturn, kind: 'function' };
}

function go(decl: string): ParsedSignature | undefined {
  const type = /^type\s+(\w+)/.exec(decl);
  if (type) return { name: type[1], params: [], hasReturn: false, kind: 'type' };
  const m = /^func\s*(?:\([^)]*\)\s*)?(\w+)\s*(?:\[[^\]]*\])?\s*/.exec(decl);
  const group = m && parenGroup(decl, m[0].length);
  if (!m || !group) return undefined;
  const parts = splitTopLevel(group.inside);
  // Either every parameter is named (`a, b int`) or none is (`int, string`).
  const named = parts.some((p) => /^[A-Za-z_]\w*\s*(\.\.\.|\s[^\s,])/.test(p) && !/^(func|chan|map|struct|interface)\b/.test(p));
  const params = named ? parts.map((p) => /^\w+/.exec(p)?.[0] ?? p) : [];
  const results = /^\s*([^{]*)/.exec(group.after)?.[1].trim() ?? '';
  return { name: m[1], params, hasReturn: results !== '', kind: 'function' };
}

function rust(decl: string): ParsedSignature | undefined {
  const type = /^(?:pub(?:\([^)]*\))?\s+)?(struct|enum|trait|union|type|mod)\s+(\w+)/.exec(decl);
  if (type) return { name: type[2], params: [], hasReturn: false, kind: 'type' };
  const m = /^(?:pub(?:\([^)]*\))?\s+)?(?:(?:const|async|unsafe|extern(?:\s+"[^"]*")?)\s+)*fn\s+(\w+)/.exec(decl);
  const group = m && parenGroup(decl, firstParen(decl, m[0].length));
  if (!m || !group) return undefined;
  const params = splitTopLevel(group.inside)
    .filter((p) => !/^(&\s*('\w+\s+)?)?(mut\s+)?self\b/.test(p))
    .map((p) => p.replace(/^mut\s+/, '').replace(/\s*:[\s\S]*$/, ''));
  const annotated = returnType(group.after, '->');
  return { name: m[1], params, hasReturn: annotated !== undefined && !NO_VALUE.test(annotated), kind: 'function' };
}

const MODIFIERS = /\b(public|private|protected|internal|static|final|abstract|synchronized|native|virtual|override|sealed|async|extern|unsafe|new|readonly|partial|default|inline|constexpr|explicit|strictfp|open|suspend|operator|function)\s+/g;

/** Java, C#, Kotlin, C, C++, PHP. */
function cLike(decl: string, languageId: string): ParsedSignature | undefined {
  const type = /\b(class|interface|enum|record|struct)\s+(\w+)/.exec(decl.split('(')[0]);
  const open = firstParen(decl, 0);
  const group = parenGroup(decl, open);
  if (type) {
    const params = type[1] === 'record' && group ? splitTopLevel(group.inside).map((p) => lastWord(p.replace(/\s*=[\s\S]*$/, ''))) : [];
    return { name: type[2], params, hasReturn: false, kind: 'type' };
  }
  if (!group) return undefined;
  const head = decl.slice(0, open).replace(/<[^<>]*(<[^<>]*>[^<>]*)*>\s*$/, '').trimEnd();
  const name = /([\w$~]+)$/.exec(head)?.[1];
  if (!name) return undefined;
  const nameFirst = languageId === 'kotlin';
  const params = splitTopLevel(group.inside)
    .map((p) => p.replace(/^(@\w+(\([^)]*\))?\s*|\[[^\]]*\]\s*)+/, '').replace(/\s*=[\s\S]*$/, ''))
    .filter((p) => p !== 'void')
    .map((p) => (languageId === 'php' ? (/\$\w+/.exec(p)?.[0] ?? p) : nameFirst ? p.replace(/^(vararg|val|var)\s+/, '').replace(/\s*:[\s\S]*$/, '') : lastWord(p.replace(/\[\s*\]$/, ''))));
  const prefix = head.slice(0, head.length - name.length).replace(MODIFIERS, '').replace(/^fun\s+(<[^>]*>\s*)?[\w.]*$/, '').trim();
  const trailing = returnType(group.after, ':');
  const returns = nameFirst || languageId === 'php' ? trailing : prefix.replace(/^fun\b.*/, '');
  return { name, params, hasReturn: returns !== undefined && returns !== '' && !NO_VALUE.test(returns), kind: 'function' };
}

/** Name, parameters and whether it returns a value; undefined when the text is not a recognised declaration. */
export function parseSignature(languageId: string, declarationText: string): ParsedSignature | undefined {
  const decl = declarationOnly(declarationText);
  switch (languageId) {
    case 'typescript':
    case 'typescriptreact':
    case 'javascript':
    case 'javascriptreact':
      return typeScript(decl);
    case 'python':
      return python(decl);
    case 'go':
      return go(decl);
    case 'rust':
      return rust(decl);
    default:
      return cLike(decl, languageId);
  }
}
