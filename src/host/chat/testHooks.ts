/**
 * Test-only: a command that asks Inkwell's language model through VS Code's
 * public `vscode.lm` API (as any other extension would), registered only when
 * the extension host runs with INKWELL_TEST_HOOKS=1 (the chat e2e sets it); its
 * palette entry shows only then (context key `inkwell.testHooks`).
 */
import * as vscode from 'vscode';
import { LM_VENDOR } from './languageModelProvider';

export const TEST_HOOKS_ENV = 'INKWELL_TEST_HOOKS';
export const ASK_MODEL_COMMAND = 'inkwell.test.askLanguageModel';

/** Selects Inkwell's first model, sends `prompt`, and opens the streamed answer in a new untitled document (the test reads it there). */
async function askLanguageModel(prompt: string): Promise<void> {
  const [model] = await vscode.lm.selectChatModels({ vendor: LM_VENDOR });
  if (!model) throw new Error('No Inkwell language model is available.');
  const count = await model.countTokens(prompt);
  const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(prompt)], {});
  let text = '';
  for await (const piece of response.text) text += piece;
  const content = `model: ${model.name} (${model.vendor}/${model.id})\nprompt tokens: ${count}\nanswer: ${text}\n`;
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content, language: 'plaintext' }));
}

export function registerTestHooks(env: NodeJS.ProcessEnv): vscode.Disposable {
  if (env[TEST_HOOKS_ENV] !== '1') return new vscode.Disposable(() => undefined);
  void vscode.commands.executeCommand('setContext', 'inkwell.testHooks', true);
  return vscode.commands.registerCommand(ASK_MODEL_COMMAND, (prompt?: string) => askLanguageModel(prompt ?? 'Say hello.'));
}
