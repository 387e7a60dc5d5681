/**
 * Builds the instruction model's messages for an `@inkwell` request from the
 * task, the text it works on (selection, referenced files) and the earlier
 * turns of the conversation, within the model's context: the request first,
 * then the text (cut at a line when it does not fit), then the newest turns.
 * Nothing is dropped silently: `leftOut` says what did not fit. Pure.
 */
import type { ChatMessage } from '../../protocol';
import type { ChatTask } from './chatCommands';
import { systemPrompt, taskInstruction } from './chatInstructions';

/** An earlier turn of the conversation (VS Code holds the history; Inkwell stores none). */
export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** Text the request works on: the selection, or a referenced file or range. */
export interface ContextPiece {
  /** e.g. "notes.md, lines 3–9" or "selection in notes.md". */
  label: string;
  text: string;
  /** The line number of the text's first line in its file (1-based), to name what was left out. */
  firstLine: number;
}

export interface ChatPromptInput {
  task: ChatTask;
  argument: string;
  pieces: readonly ContextPiece[];
  history: readonly ChatTurn[];
  /** The editor's language name for /draft ("TypeScript"). */
  languageName?: string;
}

export interface TokenBudget {
  /** The most tokens the model reads (prompt and answer together). */
  limit: number;
  /** Tokens wanted for the answer; capped at half the limit. */
  maxNewTokens: number;
  /** The model's count for a text (exact for whole texts it was asked about, scaled estimates for parts). */
  count: (text: string) => number;
}

export type PlannedPrompt =
  | { kind: 'ok'; messages: ChatMessage[]; maxNewTokens: number; leftOut: string[]; promptTokens: number }
  | { kind: 'too-long'; message: string };

/** Tokens a chat template adds around each message (role markers), generously. */
export const MESSAGE_OVERHEAD = 8;

function fence(text: string): string {
  return text.includes('```') ? '~~~' : '```';
}

function pieceBlock(piece: ContextPiece): string {
  const f = fence(piece.text);
  return `${piece.label}:\n${f}\n${piece.text}\n${f}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The longest start of `piece` (whole lines) whose block fits `budget` tokens, or undefined when not even one line does. */
function headThatFits(piece: ContextPiece, budget: number, count: (text: string) => number): ContextPiece | undefined {
  const lines = piece.text.split('\n');
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (count(pieceBlock({ ...piece, text: lines.slice(0, mid).join('\n') })) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? undefined : { ...piece, text: lines.slice(0, lo).join('\n') };
}

export function planChatPrompt(input: ChatPromptInput, budget: TokenBudget): PlannedPrompt {
  const maxNewTokens = Math.max(16, Math.min(budget.maxNewTokens, Math.floor(budget.limit / 2)));
  const system = systemPrompt(input.task);
  const instruction = taskInstruction(input.task, input.argument, input.languageName);
  let available = budget.limit - maxNewTokens - budget.count(system) - budget.count(instruction) - 2 * MESSAGE_OVERHEAD;
  if (available < 0) {
    return {
      kind: 'too-long',
      message: `Your message is too long for the model: it reads at most ${budget.limit} tokens, answer included. Shorten the message.`,
    };
  }
  const leftOut: string[] = [];
  const blocks: string[] = [];
  for (const piece of input.pieces) {
    const whole = budget.count(pieceBlock(piece)) + 2;
    if (whole <= available) {
      blocks.push(pieceBlock(piece));
      available -= whole;
      continue;
    }
    const lineCount = piece.text.split('\n').length;
    const head = headThatFits(piece, available - 2, budget.count);
    if (!head) {
      leftOut.push(`${piece.label} (all ${plural(lineCount, 'line')})`);
      continue;
    }
    const kept = head.text.split('\n').length;
    blocks.push(pieceBlock(head));
    available -= budget.count(pieceBlock(head)) + 2;
    leftOut.push(`${piece.label}: lines ${piece.firstLine + kept}–${piece.firstLine + lineCount - 1}`);
  }
  // The newest turns matter most: walk back from the end and stop at the first that does not fit.
  const kept: ChatTurn[] = [];
  for (let i = input.history.length - 1; i >= 0; i--) {
    const turn = input.history[i]!;
    const cost = budget.count(turn.text) + MESSAGE_OVERHEAD;
    if (cost > available) break;
    kept.unshift(turn);
    available -= cost;
  }
  const dropped = input.history.length - kept.length;
  if (dropped > 0) leftOut.push(`the ${plural(dropped, 'earliest message')} of this conversation`);
  const user = [instruction, ...blocks].filter((s) => s.length > 0).join('\n\n');
  const messages: ChatMessage[] = [{ role: 'system', content: system }, ...kept.map((t) => ({ role: t.role, content: t.text })), { role: 'user', content: user }];
  return { kind: 'ok', messages, maxNewTokens, leftOut, promptTokens: budget.limit - maxNewTokens - available };
}

/** The note shown before an answer when something did not fit (taken out again by `withoutLeftOutNote` when the turn comes back as history). */
export function leftOutNote(leftOut: readonly string[], limit: number): string {
  return `> _Inkwell left out, to fit the model's ${limit.toLocaleString('en')}-token context:_ ${leftOut.join('; ')}.\n\n`;
}

/** An earlier answer's text without the note (VS Code may join the note and the answer into one Markdown part). */
export function withoutLeftOutNote(markdown: string): string {
  return markdown.replace(/^> _Inkwell left out[^\n]*\n\n/, '');
}
