/**
 * Reads what an `@inkwell` request works on from VS Code into plain data: the
 * files and ranges the user referenced (#file, #selection), else the active
 * editor's selection (for /draft, the function or class at the cursor), and
 * the earlier turns of this participant's conversation.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { documentedSymbolAt } from '../documentedSymbol';
import type { ChatTask } from '../../core/chat/chatCommands';
import { withoutLeftOutNote, type ChatTurn, type ContextPiece } from '../../core/chat/chatPrompt';

/** A referenced file larger than this is not read (the model could read only its start anyway). */
const MAX_FILE_CHARS = 2_000_000;

function label(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false) || path.basename(uri.fsPath);
}

function rangePiece(document: vscode.TextDocument, range: vscode.Range, what: string): ContextPiece | undefined {
  const text = document.getText(range);
  if (!text.trim()) return undefined;
  const lines = range.start.line === range.end.line ? `line ${range.start.line + 1}` : `lines ${range.start.line + 1}–${range.end.line + 1}`;
  return { label: `${what} ${label(document.uri)}, ${lines}`, text, firstLine: range.start.line + 1 };
}

async function referencePiece(value: unknown): Promise<ContextPiece | undefined> {
  if (typeof value === 'string') return value.trim() ? { label: 'Referenced text', text: value, firstLine: 1 } : undefined;
  if (value instanceof vscode.Location) {
    const document = await vscode.workspace.openTextDocument(value.uri);
    return rangePiece(document, value.range, 'From');
  }
  if (value instanceof vscode.Uri) {
    const document = await vscode.workspace.openTextDocument(value);
    const text = document.getText();
    if (!text.trim() || text.length > MAX_FILE_CHARS) return undefined;
    return { label: `File ${label(value)}`, text, firstLine: 1 };
  }
  return undefined;
}

export interface ReadContext {
  pieces: ContextPiece[];
  hasSelection: boolean;
  languageName?: string;
}

/** The text a request works on: its references, else the active editor's selection (or, for /draft, the symbol at the cursor). */
export async function readRequestContext(request: vscode.ChatRequest, task: ChatTask | undefined): Promise<ReadContext> {
  const pieces: ContextPiece[] = [];
  for (const reference of request.references) {
    const piece = await referencePiece(reference.value).catch(() => undefined);
    if (piece && !pieces.some((p) => p.label === piece.label)) pieces.push(piece);
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) return { pieces, hasSelection: false };
  const languageName = editor.document.languageId;
  const hasSelection = !editor.selection.isEmpty;
  if (pieces.length > 0) return { pieces, hasSelection, languageName };
  if (hasSelection) {
    const piece = rangePiece(editor.document, editor.selection, 'Selection in');
    return { pieces: piece ? [piece] : [], hasSelection, languageName };
  }
  if (task === 'draft') {
    const range = await documentedSymbolAt(editor.document, editor.selection.active).catch(() => undefined);
    const piece = range && rangePiece(editor.document, range, 'Code in');
    if (piece) return { pieces: [piece], hasSelection, languageName };
  }
  return { pieces, hasSelection, languageName };
}

function responseText(turn: vscode.ChatResponseTurn): string {
  return turn.response
    .map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? withoutLeftOutNote(part.value.value) : ''))
    .join('')
    .trim();
}

/** This participant's earlier turns, oldest first, as text. */
export function historyTurns(context: vscode.ChatContext, participantId: string): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (const turn of context.history) {
    if (turn.participant !== participantId) continue;
    if (turn instanceof vscode.ChatRequestTurn) turns.push({ role: 'user', text: turn.command ? `/${turn.command} ${turn.prompt}`.trim() : turn.prompt });
    else if (turn instanceof vscode.ChatResponseTurn) {
      const text = responseText(turn);
      if (text) turns.push({ role: 'assistant', text });
    }
  }
  return turns;
}
