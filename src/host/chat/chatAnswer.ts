/**
 * Answers one `@inkwell` request from plain data (the request, its text and the
 * earlier turns, already read from VS Code): plan the prompt with the model's
 * own token counts, say what was left out, stream the answer, offer to insert
 * it. Only types from vscode, so tests drive it with the real runner and a
 * plain object for the response stream.
 */
import type * as vscode from 'vscode';
import type { Config } from '../../config';
import { needsText, parseChatRequest, type ChatTask } from '../../core/chat/chatCommands';
import { leftOutNote, planChatPrompt, type ChatTurn, type ContextPiece } from '../../core/chat/chatPrompt';
import { estimateTokensByChars, SERVER_INPUT_LIMIT } from '../../core/text/tokenEstimate';
import { Methods } from '../../protocol';
import { servedByServer } from '../backend';
import type { RunnerClient } from '../runnerClient';
import { translateWithModels, translationLanguageCode } from './chatTranslate';

/** The part of VS Code's `ChatResponseStream` an answer uses. */
export interface ChatStreamLike {
  markdown(value: string): void;
  progress(value: string): void;
  button(command: vscode.Command): void;
}

export interface ChatAnswerDeps {
  client: Pick<RunnerClient, 'request' | 'stream'>;
  config: () => Config;
  /** A local model must be on disk (or downloaded after the user agreed); false stops with a message. */
  modelReady: (model: string) => Promise<boolean>;
  /** The same for a translation model; without it (or when false) `/translate` uses the instruction model. */
  translationReady?: (model: string) => Promise<boolean>;
}

export interface ChatRequestData {
  command: string | undefined;
  prompt: string;
  /** The selection or the referenced files and ranges, in the order they matter. */
  pieces: ContextPiece[];
  history: ChatTurn[];
  /** For /draft: the language's name ("TypeScript"). */
  languageName?: string;
  /** The request read the active editor's selection, so "Replace Selection" makes sense. */
  hasSelection: boolean;
}

export interface ChatAnswer {
  task?: ChatTask;
  /** The whole answer; undefined when nothing was generated (a message said why). */
  text?: string;
  /** Set when the answer could not be given (shown by VS Code as the response's error). */
  error?: string;
}

export const INSERT_ANSWER_COMMAND = 'inkwell.chat.insertAnswer';
export const REPLACE_SELECTION_COMMAND = 'inkwell.chat.replaceSelection';

/** Chat answers may be longer than ghost text: at least this many tokens (capped at half the model's context). */
const MIN_ANSWER_TOKENS = 512;

async function tokenCounter(deps: ChatAnswerDeps, model: string, texts: string[], token: vscode.CancellationToken): Promise<{ limit: number; count: (text: string) => number }> {
  const config = deps.config();
  if (servedByServer(config, 'instruction')) return { limit: SERVER_INPUT_LIMIT, count: estimateTokensByChars };
  const unique = [...new Set(texts)];
  const { counts, limit } = await deps.client.request(Methods.countTokens, { model, dtype: config.dtype, task: 'instruction', texts: unique }, token);
  const known = new Map(unique.map((text, i) => [text, counts[i] ?? 0]));
  const chars = unique.reduce((sum, t) => sum + t.length, 0);
  const tokens = counts.reduce((sum, n) => sum + n, 0);
  const perChar = tokens / Math.max(1, chars);
  // Parts of a text (a cut file, a framed block) are scaled from the model's own counts, with a margin.
  return { limit, count: (text) => known.get(text) ?? Math.ceil(text.length * perChar * 1.1) + 1 };
}

export async function answerChat(deps: ChatAnswerDeps, request: ChatRequestData, stream: ChatStreamLike, token: vscode.CancellationToken): Promise<ChatAnswer> {
  const parsed = parseChatRequest(request.command, request.prompt);
  if (parsed.kind === 'invalid') {
    stream.markdown(parsed.message);
    return {};
  }
  const { task, argument } = parsed;
  if (needsText(task) && request.pieces.length === 0) {
    const what = task === 'draft' ? 'Put the cursor in a function or class (or select the code)' : 'Select some text in the editor (or reference a file with #)';
    stream.markdown(`${what}, then ask \`@inkwell /${task}\` again.`);
    return { task };
  }
  const targetCode = task === 'translate' ? translationLanguageCode(argument) : undefined;
  if (targetCode) {
    const translated = await translateWithModels(deps, request.pieces, targetCode, stream, token);
    if (translated !== undefined) return finish(request, stream, token, { task, text: translated });
  }
  const config = deps.config();
  const model = config.instructionModel;
  if (!servedByServer(config, 'instruction') && !(await deps.modelReady(model))) {
    stream.markdown(`Inkwell needs its instruction model (\`${model}\`) on this machine to answer. Download it when asked, or choose another with "Inkwell: Select Model".`);
    return { task };
  }
  stream.progress('Reading the text…');
  const texts = [...request.pieces.map((p) => p.text), ...request.history.map((t) => t.text), argument];
  const counter = await tokenCounter(deps, model, texts, token);
  const plan = planChatPrompt(
    { task, argument, pieces: request.pieces, history: request.history, languageName: request.languageName },
    { limit: counter.limit, maxNewTokens: Math.max(MIN_ANSWER_TOKENS, config.maxNewTokens), count: counter.count },
  );
  if (plan.kind === 'too-long') return { task, error: plan.message };
  if (plan.leftOut.length > 0) stream.markdown(leftOutNote(plan.leftOut, counter.limit));
  if (token.isCancellationRequested) return { task };
  stream.progress('Writing…');
  const creative = task === 'ask' || task === 'explain';
  const result = await deps.client.stream(
    Methods.generate,
    { task: 'instruction', model, dtype: config.dtype, messages: plan.messages, maxNewTokens: plan.maxNewTokens, temperature: creative ? config.temperature : 0, topP: config.topP, repetitionPenalty: 1.1 },
    (text) => stream.markdown(text),
    token,
  );
  if (result.finishReason === 'cancelled') return { task, text: result.text };
  return finish(request, stream, token, { task, text: result.text });
}

/** Offers the buttons under a complete answer (none after a cancel). */
function finish(request: ChatRequestData, stream: ChatStreamLike, token: vscode.CancellationToken, answer: ChatAnswer & { text: string }): ChatAnswer {
  if (token.isCancellationRequested) return answer;
  const text = answer.text.trim();
  if (text) {
    stream.button({ command: INSERT_ANSWER_COMMAND, title: 'Insert at Cursor', arguments: [text] });
    if (request.hasSelection) stream.button({ command: REPLACE_SELECTION_COMMAND, title: 'Replace Selection', arguments: [text] });
  }
  return { task: answer.task, text };
}
