/**
 * What an `@inkwell` answer becomes in the document, and the follow-ups it
 * offers. Pure.
 */
import type { ChatTask } from './chatCommands';

/** An answer that is one fenced code block (a drafted doc comment) goes in without its fence; anything else as written. */
export function answerForDocument(answer: string): string {
  const text = answer.trim();
  const fenced = /^(```|~~~)[^\n]*\n([\s\S]*?)\n?\1$/.exec(text);
  if (fenced && !fenced[2]!.includes(fenced[1]!)) return fenced[2]!;
  return text;
}

export interface FollowupSuggestion {
  /** What is sent (with `command`, as if typed after it). */
  prompt: string;
  label: string;
  command?: string;
}

const FOLLOWUPS: Readonly<Record<ChatTask, readonly FollowupSuggestion[]>> = {
  summarize: [
    { prompt: 'Make that summary shorter, in one sentence.', label: 'Shorter' },
    { prompt: 'List the key points of that summary as bullet points.', label: 'As bullet points' },
  ],
  translate: [{ prompt: 'Which words in that translation could be read another way?', label: 'Ambiguous words?' }],
  rewrite: [
    { prompt: 'Make that shorter still.', label: 'Shorter still' },
    { prompt: 'What did you change, and why?', label: 'What changed?' },
  ],
  draft: [{ prompt: 'Add a short usage example to that documentation.', label: 'Add an example' }],
  explain: [{ prompt: 'Give a simple example of that.', label: 'An example' }],
  ask: [{ prompt: 'Say that more briefly.', label: 'More briefly' }],
};

export function followupsFor(task: ChatTask | undefined): readonly FollowupSuggestion[] {
  return task ? FOLLOWUPS[task] : [];
}

/** URI schemes of VS Code's chat input box (1.139: `chatSessionInput`; earlier: `vscodeChatInput`): no ghost text there. */
const CHAT_INPUT_SCHEMES: ReadonlySet<string> = new Set(['chatSessionInput', 'vscodeChatInput']);

export function isChatInput(scheme: string): boolean {
  return CHAT_INPUT_SCHEMES.has(scheme);
}
