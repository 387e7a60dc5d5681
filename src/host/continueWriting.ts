import * as vscode from 'vscode';
import { Methods } from '../protocol';
import { modelReady, type CommandDeps } from './writing/commandDeps';

/** How much text before the cursor goes into the prompt. */
const PROMPT_CHARS = 4000;

/**
 * "Inkwell: Continue Writing": a writing job that streams generated text into
 * the document at the cursor. The cursor and text are read before the model
 * is made ready (a first-use download can take minutes); if the document
 * changed meanwhile, nothing is written at the stale position.
 */
export function registerContinueWriting(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('inkwell.continueWriting', () => continueWriting(deps));
}

export async function continueWriting(deps: CommandDeps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Inkwell: open a document and put the cursor where the text should continue.');
    return;
  }
  const position = editor.selection.active;
  const document = editor.document;
  const version = document.version;
  const prompt = document.getText(new vscode.Range(new vscode.Position(0, 0), position)).slice(-PROMPT_CHARS);
  if (!prompt.trim()) {
    void vscode.window.showInformationMessage('Inkwell: there is no text before the cursor to continue.');
    return;
  }
  if (deps.jobs.isBusy(document)) {
    void vscode.window.showInformationMessage('Inkwell is already writing for this document. Wait for it, or cancel it in its notification.');
    return;
  }
  const config = deps.config();
  if (!(await modelReady(deps, 'text-generation', config.generationModel))) return;
  await deps.jobs.run({
    title: 'Inkwell: writing',
    editor,
    range: new vscode.Range(position, position),
    version,
    target: 'cursor',
    log: deps.log,
    run: async (hooks) => {
      hooks.report('starting the model…');
      const result = await deps.client.stream(
        Methods.generate,
        { model: config.generationModel, dtype: config.dtype, prompt, maxNewTokens: config.maxNewTokens, temperature: config.temperature, topP: config.topP, repetitionPenalty: 1.1 },
        (text) => {
          hooks.onText(text);
          hooks.report('writing…');
        },
        hooks.token,
      );
      deps.log.info(`continueWriting: ${result.generatedTokens} tokens, first token ${Math.round(result.timings.firstTokenMs)} ms, total ${Math.round(result.timings.totalMs)} ms (${result.finishReason}).`);
      return result.text;
    },
  });
}
