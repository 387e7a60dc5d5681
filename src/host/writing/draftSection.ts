import * as vscode from 'vscode';
import { markdownOutlineAt } from '../../core/draftSection/markdownOutline';
import { draftSectionMessages } from '../../core/prompts/instructionPrompts';
import { Methods } from '../../protocol';
import type { CommandDeps } from './commandDeps';

/** Markdown "draft section": prose for the heading and bullet outline at the cursor, written after the outline. */
export async function draftSection(deps: CommandDeps, editor: vscode.TextEditor): Promise<void> {
  const document = editor.document;
  const outline = markdownOutlineAt(document.getText(), editor.selection.active.line);
  if (outline.items.length === 0) {
    return void vscode.window.showInformationMessage('Inkwell: put the cursor under a heading with a bullet outline to draft that section.');
  }
  const config = deps.config();
  const after = Math.max(0, outline.insertLine - 1);
  await deps.jobs.run({
    title: `Inkwell: drafting "${outline.headingPath.at(-1) ?? 'section'}"`,
    editor,
    range: new vscode.Range(after, 0, after, document.lineAt(after).text.length),
    version: document.version,
    target: 'below',
    plain: true,
    log: deps.log,
    run: async (hooks) => {
      const result = await deps.client.stream(
        Methods.generate,
        { task: 'instruction', model: config.instructionModel, dtype: config.dtype, messages: draftSectionMessages(outline.headingPath, outline.items), maxNewTokens: 512, temperature: 0.3, topP: 0.9, repetitionPenalty: 1.1 },
        hooks.onText,
        hooks.token,
      );
      return result.text;
    },
  });
}
