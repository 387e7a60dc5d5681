import * as vscode from 'vscode';
import { modelReady, type CommandDeps } from './commandDeps';
import { draftDocComment } from './docComment';
import { rewriteSelection } from './rewrite';
import { draftSection } from './draftSection';
import { summarizeSelection } from './summarize';
import { translateSelection } from './translate';

/** Summarize, Translate, Draft Documentation and Rewrite. */
export function registerWritingCommands(deps: CommandDeps & { state: vscode.Memento }): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('inkwell.summarizeSelection', () => summarizeSelection(deps)),
    vscode.commands.registerCommand('inkwell.translateSelection', () => translateSelection(deps)),
    vscode.commands.registerCommand('inkwell.draftDocumentation', () => draftAtCursor(deps)),
    vscode.commands.registerCommand('inkwell.rewriteSelection', (request?: unknown) => rewriteSelection(deps, request)),
  );
}

/** "Draft Documentation" (the command keeps its ID): a doc comment in code, a section's prose from its outline in Markdown. */
async function draftAtCursor(deps: CommandDeps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return void vscode.window.showInformationMessage('Inkwell: open a file and put the cursor in a function or class.');
  if (!(await modelReady(deps, 'instruction', deps.config().instructionModel))) return;
  return editor.document.languageId === 'markdown' ? draftSection(deps, editor) : draftDocComment(deps, editor);
}
