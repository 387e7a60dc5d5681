/**
 * The `@inkwell` participant's slash commands: which task a request asks for and
 * its argument (`/translate French`, `/rewrite shorter and friendlier`). Pure.
 */
import { LANGUAGES } from '../translate/translationLanguages';

export type ChatTask = 'ask' | 'summarize' | 'translate' | 'rewrite' | 'draft' | 'explain';

export interface ChatCommandInfo {
  name: Exclude<ChatTask, 'ask'>;
  description: string;
}

/** The slash commands, as package.json contributes them (a test checks they agree). */
export const CHAT_COMMANDS: readonly ChatCommandInfo[] = [
  { name: 'summarize', description: 'Summarize the selection or the referenced files' },
  { name: 'translate', description: 'Translate the selection: /translate French' },
  { name: 'rewrite', description: 'Rewrite the selection as you say: /rewrite shorter, more formal' },
  { name: 'draft', description: 'Draft documentation for the code at the cursor' },
  { name: 'explain', description: 'Explain the selection in plain language' },
];

export type ParsedChatRequest =
  | { kind: 'task'; task: ChatTask; /** The language for `translate`, the instruction for `rewrite`, else the user's extra words. */ argument: string }
  | { kind: 'invalid'; message: string };

const REWRITE_DEFAULT = 'clearer and easier to read, with the same meaning';

/** "french", "fr", "into French", "to german please" → "French" / "German"; other names are kept as written. */
export function targetLanguage(words: string): string {
  const cleaned = words
    .trim()
    .replace(/^(in)?to\s+/i, '')
    .replace(/[.!]+$/, '')
    .trim();
  const known = LANGUAGES.find((l) => l.code === cleaned.toLowerCase() || l.name.toLowerCase() === cleaned.toLowerCase());
  return known?.name ?? cleaned;
}

/**
 * Reads a request: `command` is VS Code's parsed slash command (undefined for a
 * plain question); `prompt` the text after it. A leading "/name" in the prompt
 * counts too (VS Code passes an unknown command as text).
 */
export function parseChatRequest(command: string | undefined, prompt: string): ParsedChatRequest {
  let name = command?.trim().toLowerCase();
  let rest = prompt.trim();
  if (!name) {
    const slash = /^\/([a-z]+)\b\s*/i.exec(rest);
    if (slash && CHAT_COMMANDS.some((c) => c.name === slash[1]!.toLowerCase())) {
      name = slash[1]!.toLowerCase();
      rest = rest.slice(slash[0].length).trim();
    }
  }
  if (!name) {
    if (!rest) return { kind: 'invalid', message: 'Ask a question, or use a command: ' + CHAT_COMMANDS.map((c) => `/${c.name}`).join(', ') + '.' };
    return { kind: 'task', task: 'ask', argument: rest };
  }
  const known = CHAT_COMMANDS.find((c) => c.name === name);
  if (!known) return { kind: 'invalid', message: `Inkwell has no /${name} command. Try ${CHAT_COMMANDS.map((c) => `/${c.name}`).join(', ')}.` };
  if (known.name === 'translate') {
    const language = targetLanguage(rest);
    if (!language) return { kind: 'invalid', message: 'Say which language to translate into, e.g. `/translate French`.' };
    return { kind: 'task', task: 'translate', argument: language };
  }
  if (known.name === 'rewrite') return { kind: 'task', task: 'rewrite', argument: rest || REWRITE_DEFAULT };
  return { kind: 'task', task: known.name, argument: rest };
}

/** Tasks that work on text (the selection or references) and cannot run without it. */
export function needsText(task: ChatTask): boolean {
  return task !== 'ask';
}
