import * as vscode from 'vscode';
import { validateSelection } from '../../core/selectionValidation';

/** The most text one writing command takes (about 50 pages). */
export const MAX_INPUT_CHARS = 200_000;

export interface Input {
  editor: vscode.TextEditor;
  range: vscode.Range;
  text: string;
  /** The document's version when the text was read: if it changes before writing starts, the range is stale. */
  version: number;
}

/**
 * The selection, or (after asking) the whole document. Says clearly why not
 * when there is nothing usable: no editor, empty, too large, or binary.
 */
export async function selectionOrDocument(what: string): Promise<Input | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(`Inkwell: open a document and select the text to ${what}.`);
    return undefined;
  }
  const document = editor.document;
  let range: vscode.Range = editor.selection;
  if (editor.selection.isEmpty) {
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    if (!document.getText().trim()) {
      void vscode.window.showInformationMessage(`Inkwell: there is no text to ${what}.`);
      return undefined;
    }
    const choice = await vscode.window.showInformationMessage(`Inkwell: nothing is selected. ${capitalize(what)} the whole document?`, 'Whole Document');
    if (choice !== 'Whole Document') return undefined;
    range = whole;
  }
  const text = document.getText(range);
  const problem = inputProblem(text);
  if (problem) {
    void vscode.window.showWarningMessage(`Inkwell: ${problem}`);
    return undefined;
  }
  return { editor, range, text, version: document.version };
}

/** Why this text can't be processed, or undefined. */
export function inputProblem(text: string): string | undefined {
  const check = validateSelection(text, MAX_INPUT_CHARS);
  return check.ok ? undefined : check.message;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
