import * as vscode from 'vscode';

const SECRET = 'inkwell.remote.apiKey';

/**
 * The remote server's API key, kept in VS Code's SecretStorage (never in
 * settings). Holds the current value so the runner's settings can be built
 * synchronously, and reports changes.
 */
export class ApiKeyStore implements vscode.Disposable {
  private value: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (e) => {
      if (e.key !== SECRET) return;
      this.value = await secrets.get(SECRET);
      this.changed.fire();
    });
  }

  async load(): Promise<void> {
    this.value = await this.secrets.get(SECRET);
  }

  get current(): string | undefined {
    return this.value;
  }

  /** "Inkwell: Set API Key…": an empty input removes the key. */
  async prompt(): Promise<void> {
    const input = await vscode.window.showInputBox({
      title: 'Inkwell: API key for the OpenAI-compatible server',
      prompt: 'Stored in VS Code\'s secret storage. Leave empty to remove the key.',
      password: true,
      ignoreFocusOut: true,
    });
    if (input === undefined) return;
    if (input.trim()) await this.secrets.store(SECRET, input.trim());
    else await this.secrets.delete(SECRET);
    void vscode.window.setStatusBarMessage(`Inkwell: API key ${input.trim() ? 'saved' : 'removed'}`, 3000);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
