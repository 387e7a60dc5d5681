import * as vscode from 'vscode';

/**
 * The text editor the Playground writes into: the last one that had focus
 * (the webview itself takes the focus, so `activeTextEditor` is then empty).
 */
export class EditorTarget implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor) this.last = editor;
  });

  /** The selected text of the current editor, for the prompt. */
  selectedText(): string {
    const editor = vscode.window.activeTextEditor ?? this.last;
    return editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  }

  async insert(text: string): Promise<string | undefined> {
    const editor = await this.editor();
    if (!editor) return 'Open a document to insert into first.';
    const at = editor.selection.active;
    if (!(await editor.edit((edit) => edit.insert(at, text)))) return 'The document changed; try again.';
    return undefined;
  }

  async replace(text: string): Promise<string | undefined> {
    const editor = await this.editor();
    if (!editor) return 'Open a document and select the text to replace first.';
    if (editor.selection.isEmpty) return 'Select the text to replace in the editor first (nothing was changed).';
    const selection = editor.selection;
    if (!(await editor.edit((edit) => edit.replace(selection, text)))) return 'The document changed; try again.';
    return undefined;
  }

  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }

  /** The target editor, shown and focused so that typing or Ctrl+S goes on there. */
  private async editor(): Promise<vscode.TextEditor | undefined> {
    const last = this.last;
    if (!last || last.document.isClosed) return undefined;
    const shown = await vscode.window.showTextDocument(last.document, { viewColumn: last.viewColumn, selection: last.selection, preserveFocus: false });
    this.last = shown;
    return shown;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
