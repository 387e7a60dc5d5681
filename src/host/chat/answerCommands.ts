/**
 * The buttons under an `@inkwell` answer: insert it at the cursor or put it in
 * place of the selection, through the writing-job flow the commands use (one
 * undo step, a side document when the file is read-only or busy).
 */
import * as vscode from 'vscode';
import { answerForDocument } from '../../core/chat/chatAnswerText';
import { INSERT_ANSWER_COMMAND, REPLACE_SELECTION_COMMAND } from './chatAnswer';
import type { WritingJobs } from '../writing/writingJob';

export interface AnswerCommandDeps {
  jobs: WritingJobs;
  log: vscode.LogOutputChannel;
}

/** The editor the user last worked in (the Chat view has the focus when a button is clicked). */
function targetEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
}

async function writeAnswer(deps: AnswerCommandDeps, answer: unknown, replace: boolean): Promise<void> {
  if (typeof answer !== 'string' || !answer.trim()) return;
  const editor = targetEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('Inkwell: open a file and put the cursor where the answer should go, then click the button again.');
    return;
  }
  if (replace && editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('Inkwell: select the text the answer should replace, then click the button again.');
    return;
  }
  const range = replace ? new vscode.Range(editor.selection.start, editor.selection.end) : new vscode.Range(editor.selection.active, editor.selection.active);
  const text = answerForDocument(answer);
  await deps.jobs.run({
    title: replace ? 'Inkwell: replacing the selection' : 'Inkwell: inserting the answer',
    editor,
    range,
    version: editor.document.version,
    target: 'replace',
    log: deps.log,
    run: async (hooks) => {
      hooks.onText(text);
      return text;
    },
  });
}

export function registerAnswerCommands(deps: AnswerCommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(INSERT_ANSWER_COMMAND, (answer: unknown) => writeAnswer(deps, answer, false)),
    vscode.commands.registerCommand(REPLACE_SELECTION_COMMAND, (answer: unknown) => writeAnswer(deps, answer, true)),
  );
}
