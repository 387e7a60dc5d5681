/**
 * Quick fixes for the checks' diagnostics: "Make consistent: <majority>" (every minority
 * occurrence in one WorkspaceEdit: one undo step), "Rewrite friendlier / more formal / more
 * confident" (the Rewrite command on that text, replacing it through the writing-job flow), and
 * "Ignore in this document".
 */
import * as vscode from 'vscode';
import type { RewriteTone } from '../../core/checks/tone';
import type { CheckResults } from './checkResults';
import { DIAGNOSTIC_SOURCE } from './checkResults';

export const CHECK_COMMANDS = {
  rewrite: 'inkwell.checks.rewrite',
  ignore: 'inkwell.checks.ignore',
} as const;

const REWRITE_TITLE: Record<RewriteTone, string> = {
  friendly: 'Rewrite friendlier',
  formal: 'Rewrite more formal',
  confident: 'Rewrite more confident',
};

export class CheckActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly results: CheckResults) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = this.results.findingFor(document, diagnostic);
      if (!finding) continue;
      if (finding.fix.kind === 'consistent') {
        const action = new vscode.CodeAction(`Make consistent: ${finding.fix.spelling}`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const r of finding.fix.ranges) action.edit.replace(document.uri, new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)), finding.fix.spelling);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      } else {
        for (const tone of finding.fix.tones) {
          const action = new vscode.CodeAction(REWRITE_TITLE[tone], vscode.CodeActionKind.QuickFix);
          action.command = { command: CHECK_COMMANDS.rewrite, title: REWRITE_TITLE[tone], arguments: [document.uri.toString(), finding.start, finding.end, tone] };
          action.diagnostics = [diagnostic];
          actions.push(action);
        }
      }
      const ignore = new vscode.CodeAction('Ignore in this document', vscode.CodeActionKind.QuickFix);
      ignore.command = { command: CHECK_COMMANDS.ignore, title: 'Ignore in this document', arguments: [document.uri.toString(), finding.ignoreKey] };
      ignore.diagnostics = [diagnostic];
      actions.push(ignore);
    }
    return actions;
  }
}
