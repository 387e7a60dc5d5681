/**
 * Chat messages for instruction-tuned models: rewrite, summarize, document code and
 * draft a Markdown section. Short, explicit prompts (small models follow those best),
 * with the text last.
 */
import type { ChatMessage } from '../../protocol';
import type { ParsedSignature } from '../docComment/signature';

export type RewriteKind = 'clarity' | 'shorten' | 'formal' | 'friendly' | 'grammar';
export type SummaryStyle = 'paragraph' | 'bullets' | 'tldr';

const EDITOR = 'You are a careful writing assistant. Reply with the result only: no introduction, no explanation, no quotes around it.';
const KEEP = 'Keep the language of the text. Keep Markdown formatting, code and links as they are.';

const REWRITE: Readonly<Record<RewriteKind, string>> = {
  clarity: 'Rewrite the text so it is clearer and easier to read. Keep its meaning.',
  shorten: 'Make the text shorter. Keep its key points and meaning.',
  formal: 'Rewrite the text in a formal, professional tone. Keep its meaning.',
  friendly: 'Rewrite the text in a friendly, warm tone. Keep its meaning.',
  grammar: 'Fix the grammar, spelling and punctuation of the text. Change nothing else.',
};

const SUMMARY: Readonly<Record<SummaryStyle, string>> = {
  paragraph: 'Summarize the text in one short paragraph.',
  bullets: 'Summarize the text in 3 to 7 short bullet points. Start each line with "- ".',
  tldr: 'Summarize the text in one sentence.',
};

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  typescript: 'TypeScript',
  typescriptreact: 'TypeScript',
  javascript: 'JavaScript',
  javascriptreact: 'JavaScript',
  python: 'Python',
  go: 'Go',
  rust: 'Rust',
  java: 'Java',
  kotlin: 'Kotlin',
  csharp: 'C#',
  cpp: 'C++',
  c: 'C',
  php: 'PHP',
};

const languageName = (languageId: string) => LANGUAGE_NAMES[languageId] ?? languageId;

/** Rewrite the text as asked (a preset or the user's own instruction). */
export function rewriteMessages(instruction: RewriteKind | { custom: string }, text: string): ChatMessage[] {
  const task = typeof instruction === 'string' ? REWRITE[instruction] : `Rewrite the text as follows: ${instruction.custom.trim()}`;
  return [
    { role: 'system', content: EDITOR },
    { role: 'user', content: `${task}\n${KEEP}\nReply with the rewritten text only.\n\nText:\n${text}` },
  ];
}

/** Summarize with an instruction model (map and reduce steps use the same prompt). */
export function summarizeMessages(text: string, style: SummaryStyle): ChatMessage[] {
  return [
    { role: 'system', content: EDITOR },
    { role: 'user', content: `${SUMMARY[style]} Use the language of the text. Reply with the summary only.\n\nText:\n${text}` },
  ];
}

/** Keeps the start and the end of long code: the signature and the returns matter most. */
function shorten(code: string, maxChars: number): string {
  if (code.length <= maxChars) return code;
  const half = Math.floor(maxChars / 2);
  return `${code.slice(0, half)}\n…\n${code.slice(code.length - half)}`;
}

/**
 * Ask for a doc comment's parts in a line format `parseDocResponse` reads:
 * `SUMMARY: …`, `PARAM name: …`, `RETURNS: …`.
 */
export function docMessages(languageId: string, code: string, signature: ParsedSignature | undefined, maxCodeChars = 6000): ChatMessage[] {
  const what = signature?.kind === 'type' ? 'type' : 'function';
  const summaryHint =
    languageId === 'go' && signature ? `<one or two sentences, starting with "${signature.name}", on what it does>` : '<one or two sentences on what it does>';
  const format = [
    `SUMMARY: ${summaryHint}`,
    ...(signature?.params ?? []).map((p) => `PARAM ${p}: <what ${p} is>`),
    ...(signature?.hasReturn ? ['RETURNS: <what it returns>'] : []),
  ];
  const fence = code.includes('```') ? '~~~' : '```';
  return [
    { role: 'system', content: 'You write documentation comments for source code. Answer in the exact format asked for, nothing else.' },
    {
      role: 'user',
      content: `Document this ${languageName(languageId)} ${what}${signature ? ` \`${signature.name}\`` : ''}.\nAnswer in exactly this format, one item per line:\n${format.join('\n')}\n\nCode:\n${fence}${languageId}\n${shorten(code, maxCodeChars)}\n${fence}`,
    },
  ];
}

/** Write the section under a Markdown heading from its bullet outline. */
export function draftSectionMessages(headingPath: readonly string[], outline: readonly string[]): ChatMessage[] {
  const title = headingPath[headingPath.length - 1];
  const where = headingPath.length > 1 ? ` (in "${headingPath.slice(0, -1).join(' > ')}")` : '';
  const task = title ? `Write the section "${title}"${where} of a document.` : 'Write the next part of a document.';
  const points = outline.length > 0 ? `\nCover these points, in this order:\n${outline.map((item) => item.replace(/^(\s*)/, '$1- ')).join('\n')}` : '';
  return [
    { role: 'system', content: 'You are a writing assistant. You write clear, concise prose in Markdown.' },
    { role: 'user', content: `${task}${points}\nWrite paragraphs, not a list. Do not repeat the heading. Reply with the section text only.` },
  ];
}
