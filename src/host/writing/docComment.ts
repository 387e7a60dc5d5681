import * as vscode from 'vscode';
import { formatDocComment } from '../../core/docComment/docCommentFormat';
import { docCommentPlan } from '../../core/docComment/docCommentPlan';
import { parseDocResponse } from '../../core/docComment/docResponse';
import { parseSignature } from '../../core/docComment/signature';
import { docMessages } from '../../core/prompts/instructionPrompts';
import { Methods } from '../../protocol';
import { documentEol } from '../documentStream';
import { documentedSymbolAt } from '../documentedSymbol';
import type { CommandDeps } from './commandDeps';

/** "Draft Documentation" in code: a doc comment for the function, method or class at the cursor, in the language's convention. */
export async function draftDocComment(deps: CommandDeps, editor: vscode.TextEditor): Promise<void> {
  const document = editor.document;
  const selection = editor.selection;
  const range = (await documentedSymbolAt(document, selection.active)) ?? (selection.isEmpty ? undefined : new vscode.Range(selection.start, selection.end));
  if (!range) {
    return void vscode.window.showInformationMessage('Inkwell: put the cursor inside a function, method or class (or select its declaration) to draft its documentation.');
  }
  const text = document.getText();
  // The plan's lines belong to this version; if the Replace dialog or anything else lets the file change, the draft goes beside it.
  const version = document.version;
  const plan = docCommentPlan(document.languageId, text, range.start.line, range.end.line);
  if (!plan) return void vscode.window.showInformationMessage(`Inkwell: drafting documentation is not supported for ${document.languageId} here.`);
  if (plan.existing && (await vscode.window.showWarningMessage('Inkwell: this already has a doc comment. Replace it with a new draft?', 'Replace')) !== 'Replace') return;

  const code = document.getText(new vscode.Range(plan.declarationLine, 0, range.end.line, document.lineAt(range.end.line).text.length));
  const signature = parseSignature(document.languageId, code);
  const config = deps.config();
  const eol = documentEol(document);
  // The comment's region: the existing comment's lines, or an empty point above the declaration.
  const where = plan.existing ? new vscode.Range(plan.existing.startLine, 0, plan.existing.endLine + 1, 0) : new vscode.Range(plan.insertLine, 0, plan.insertLine, 0);
  await deps.jobs.run({
    title: 'Inkwell: drafting documentation',
    editor,
    range: where,
    version,
    target: 'region',
    log: deps.log,
    finalText: (answer) => formatDocComment(plan.style, plan.indent, { ...parseDocResponse(answer, signature?.params), symbolName: signature?.name }, eol),
    run: async (hooks) => {
      hooks.report(signature ? `for ${signature.name}` : '');
      const result = await deps.client.request(
        Methods.generate,
        { task: 'instruction', model: config.instructionModel, dtype: config.dtype, messages: docMessages(document.languageId, code, signature), maxNewTokens: 256, temperature: 0 },
        hooks.token,
      );
      return result.text;
    },
  });
}
