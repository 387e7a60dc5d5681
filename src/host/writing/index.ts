import * as vscode from 'vscode';
import { draftDocumentation } from './draftDocumentation';
import { rewriteSelection } from './rewrite';
import type { CommandDeps } from './commandDeps';
import { summarizeSelection } from './summarize';
import { translateSelection } from './translate';

/** Summarize, Translate, Draft Documentation and Rewrite. */
export function registerWritingCommands(deps: CommandDeps & { state: vscode.Memento }): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('inkwell.summarizeSelection', () => summarizeSelection(deps)),
    vscode.commands.registerCommand('inkwell.translateSelection', () => translateSelection(deps)),
    vscode.commands.registerCommand('inkwell.draftDocumentation', () => draftDocumentation(deps)),
    vscode.commands.registerCommand('inkwell.rewriteSelection', (request?: unknown) => rewriteSelection(deps, request)),
  );
}
