/**
 * The `@inkwell` chat participant (`contributes.chatParticipants`): reads the
 * request's text and history, answers through `answerChat`, offers follow-ups.
 * Registered only where VS Code has the chat API (stable since 1.90).
 */
import * as vscode from 'vscode';
import { parseChatRequest, type ChatTask } from '../../core/chat/chatCommands';
import { followupsFor } from '../../core/chat/chatAnswerText';
import { answerChat, type ChatAnswerDeps } from './chatAnswer';
import { historyTurns, readRequestContext } from './chatContext';

/** Must match `contributes.chatParticipants[0].id` in package.json. */
export const PARTICIPANT_ID = 'inkwell.inkwell';

export interface ParticipantDeps extends ChatAnswerDeps {
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
}

function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `Inkwell could not answer: ${message}`;
}

export function chatApiAvailable(api: typeof vscode): boolean {
  return typeof (api as { chat?: Partial<typeof vscode.chat> }).chat?.createChatParticipant === 'function';
}

export function registerChatParticipant(deps: ParticipantDeps): vscode.Disposable {
  if (!chatApiAvailable(vscode)) {
    deps.log.info('Chat: this VS Code has no chat participant API; @inkwell is not available.');
    return new vscode.Disposable(() => undefined);
  }
  const handler: vscode.ChatRequestHandler = async (request, context, stream, token) => {
    const parsed = parseChatRequest(request.command, request.prompt);
    const task: ChatTask | undefined = parsed.kind === 'task' ? parsed.task : undefined;
    try {
      const read = await readRequestContext(request, task);
      const answer = await answerChat(deps, { command: request.command, prompt: request.prompt, history: historyTurns(context, PARTICIPANT_ID), ...read }, stream, token);
      if (answer.error) return { errorDetails: { message: answer.error }, metadata: { task: answer.task } };
      return { metadata: { task: answer.text ? answer.task : undefined } };
    } catch (err) {
      if (token.isCancellationRequested) return {};
      deps.log.error(`Chat: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { errorDetails: { message: errorText(err) } };
    }
  };
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, handler);
  participant.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.png');
  participant.followupProvider = {
    provideFollowups: (result) =>
      followupsFor((result.metadata as { task?: ChatTask } | undefined)?.task).map((f) => ({ prompt: f.prompt, label: f.label, command: f.command })),
  };
  return participant;
}
