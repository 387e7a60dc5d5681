import * as vscode from 'vscode';
import { Methods, type ProgressParams } from '../protocol';
import { DocumentStream } from './documentStream';
import { modelReady, type CommandDeps } from './writing/commandDeps';
import { showRunnerError } from './runnerErrors';

/** How much text before the cursor goes into the prompt. */
const PROMPT_CHARS = 4000;

export interface ContinueWritingDeps extends CommandDeps {
  onProgress: vscode.Event<ProgressParams>;
}

/**
 * "Inkwell: Continue Writing": streams generated text into the document at the
 * cursor inside a cancellable notification. Cancel leaves the document as it was.
 */
export function registerContinueWriting(deps: ContinueWritingDeps): vscode.Disposable {
  return vscode.commands.registerCommand('inkwell.continueWriting', () => continueWriting(deps));
}

export async function continueWriting(deps: ContinueWritingDeps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Inkwell: open a document and put the cursor where the text should continue.');
    return;
  }
  const position = editor.selection.active;
  const document = editor.document;
  const before = document.getText(new vscode.Range(new vscode.Position(0, 0), position));
  const prompt = before.slice(-PROMPT_CHARS);
  if (!prompt.trim()) {
    void vscode.window.showInformationMessage('Inkwell: there is no text before the cursor to continue.');
    return;
  }
  const config = deps.config();
  if (!(await modelReady(deps, 'text-generation', config.generationModel))) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Inkwell: writing', cancellable: true },
    async (progress, token) => {
      const stream = new DocumentStream(editor, position);
      const cancel = new vscode.CancellationTokenSource();
      token.onCancellationRequested(() => cancel.cancel());
      stream.onInterrupted(() => cancel.cancel());
      const loading = deps.onProgress((p) => {
        if (p.status === 'progress' && p.progress !== undefined) progress.report({ message: `loading ${p.file ?? 'model'} (${Math.round(p.progress)}%)` });
      });
      try {
        progress.report({ message: 'starting the model…' });
        const result = await deps.client.stream(
          Methods.generate,
          {
            model: config.generationModel,
            dtype: config.dtype,
            prompt,
            maxNewTokens: config.maxNewTokens,
            temperature: config.temperature,
            topP: config.topP,
            repetitionPenalty: 1.1,
          },
          (text) => {
            stream.append(text);
            progress.report({ message: 'writing…' });
          },
          cancel.token,
        );
        await stream.settle();
        deps.log.info(`continueWriting: ${result.generatedTokens} tokens, first token ${Math.round(result.timings.firstTokenMs)} ms, total ${Math.round(result.timings.totalMs)} ms (${result.finishReason}).`);
        if (token.isCancellationRequested) await stream.revert();
        else reportInterruption(stream);
      } catch (err) {
        await stream.revert();
        // Not awaited: the progress notification ends now, not when the user dismisses the error.
        if (!token.isCancellationRequested) void showRunnerError(err, deps.log);
      } finally {
        loading.dispose();
        cancel.dispose();
        stream.dispose();
      }
    },
  );
}

function reportInterruption(stream: DocumentStream): void {
  if (stream.endReason === 'conflict') {
    void vscode.window.showWarningMessage('Inkwell stopped writing because the text it was writing was edited. Your edit was kept.');
  } else if (stream.endReason === 'closed') {
    void vscode.window.showWarningMessage('Inkwell stopped writing because the document was closed.');
  }
}
