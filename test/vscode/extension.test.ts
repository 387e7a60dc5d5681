/**
 * API-level checks in a real desktop VS Code (`npm run test:vscode`, needs the
 * network to download it). Desktop VS Code keeps proposed APIs off, unlike
 * code-server, so this is where activation proves that Inkwell's use of newer
 * API (chat, language-model providers) is guarded for the ^1.90 floor: the
 * extension activates, registers its commands, and "Continue Writing" writes
 * into a document from a generated model.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ensureFixture } from '../fixtures/generate';

const EXTENSION_ID = 'inkwell.inkwell';

async function useGeneratedModels(): Promise<void> {
  const llama = await ensureFixture('tiny-llama');
  const config = vscode.workspace.getConfiguration('inkwell');
  const global = vscode.ConfigurationTarget.Global;
  await config.update('offline', true, global);
  await config.update('models.generation', llama, global);
  await config.update('models.dtype', 'fp32', global);
  await config.update('generation.maxNewTokens', 16, global);
}

describe('Inkwell in VS Code', () => {
  before(async () => {
    await useGeneratedModels();
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('activates and registers its commands', async () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['inkwell.continueWriting', 'inkwell.summarizeSelection', 'inkwell.translateSelection', 'inkwell.draftDocumentation', 'inkwell.rewriteSelection', 'inkwell.toggleInlineCompletions', 'inkwell.restartRunner', 'inkwell.chat.insertAnswer', 'inkwell.chat.replaceSelection']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('Continue Writing inserts generated text at the cursor', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Inkwell writes along with you. ' });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.positionAt(document.getText().length);
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('inkwell.continueWriting');
    assert.ok(document.getText().length > 'Inkwell writes along with you. '.length, 'no text was written');
    assert.ok(document.getText().startsWith('Inkwell writes along with you. '), 'the original text changed');
  });
});
