/**
 * What the instruction model is told for each `@inkwell` task. Short, explicit
 * prompts (small models follow those best); the text comes after them.
 */
import type { ChatTask } from './chatCommands';

const ASSISTANT = 'You are Inkwell, a careful writing assistant in a code editor. Answer clearly and briefly, in Markdown.';
const EDITOR = 'You are a careful writing assistant. Reply with the result only: no introduction, no explanation, no quotes around it.';
const KEEP = 'Keep Markdown formatting, code and links as they are.';

export function systemPrompt(task: ChatTask): string {
  return task === 'ask' || task === 'explain' ? ASSISTANT : EDITOR;
}

/** The instruction that opens the user's message. `argument`: the language, the rewrite instruction, or extra words. */
export function taskInstruction(task: ChatTask, argument: string, languageName?: string): string {
  const extra = argument ? `\nAlso: ${argument}` : '';
  switch (task) {
    case 'summarize':
      return `Summarize the text below in one short paragraph. Use the language of the text. Reply with the summary only.${extra}`;
    case 'translate':
      return `Translate the text below into ${argument}. ${KEEP} Reply with the translation only.`;
    case 'rewrite':
      return `Rewrite the text below as follows: ${argument}. Keep the language of the text. ${KEEP} Reply with the rewritten text only.`;
    case 'draft':
      return `Write a documentation comment for the ${languageName ?? 'code'} below, in that language's usual doc comment style, describing what it does, its parameters and what it returns. Reply with the comment only.${extra}`;
    case 'explain':
      return `Explain the text below in plain language, for someone new to the subject. Be brief.${extra}`;
    case 'ask':
      return argument;
  }
}
