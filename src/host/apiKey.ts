import * as vscode from 'vscode';
import { keyDecision, originOf, parseStoredKey, serializeStoredKey, type StoredKey } from '../core/remoteKey';

const SECRET = 'inkwell.remote.apiKey';

/**
 * The remote server's API key, kept in VS Code's SecretStorage (never in
 * settings) together with the server origin it was given for. Holds the
 * current value so the runner's settings can be built synchronously, asks
 * before the key goes to another server or over plain http: off this
 * machine, and reports changes.
 */
export class ApiKeyStore implements vscode.Disposable {
  private value: StoredKey | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Questions already asked this session (not asked again when dismissed). */
  private readonly asked = new Set<string>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** The configured server URL (`inkwell.remote.baseUrl`). */
    private readonly baseUrl: () => string,
  ) {
    this.subscription = secrets.onDidChange(async (e) => {
      if (e.key !== SECRET) return;
      this.value = parseStoredKey(await secrets.get(SECRET));
      this.changed.fire();
    });
  }

  async load(): Promise<void> {
    this.value = parseStoredKey(await this.secrets.get(SECRET));
  }

  get current(): StoredKey | undefined {
    return this.value;
  }

  /** "Inkwell: Set API Key…": the key is for the configured server; an empty input removes it. */
  async prompt(): Promise<void> {
    const origin = originOf(this.baseUrl());
    const input = await vscode.window.showInputBox({
      title: `Inkwell: API key for ${origin ?? 'the OpenAI-compatible server'}`,
      prompt: "Stored in VS Code's secret storage and sent only to this server. Leave empty to remove the key.",
      password: true,
      ignoreFocusOut: true,
    });
    if (input === undefined) return;
    if (input.trim()) await this.store({ key: input.trim(), origin });
    else await this.secrets.delete(SECRET);
    void vscode.window.setStatusBarMessage(`Inkwell: API key ${input.trim() ? 'saved' : 'removed'}`, 3000);
  }

  /** Asks, once per server and session, before the stored key is used for the configured server when it was given for another or would go over plain http. */
  async confirmForServer(): Promise<void> {
    const stored = this.value;
    const decision = keyDecision(stored, this.baseUrl());
    if (!stored || decision.kind === 'send' || decision.kind === 'none') return;
    const question = `${decision.kind}:${decision.kind === 'ask-origin' ? decision.to : decision.origin}`;
    if (this.asked.has(question)) return;
    this.asked.add(question);
    if (decision.kind === 'ask-origin') {
      const was = decision.from ? `for ${decision.from}` : 'before Inkwell tied keys to a server';
      const choice = await vscode.window.showWarningMessage(`Inkwell: the API key was saved ${was}. Send it to ${decision.to}? Until you answer, requests go without it.`, 'Use Key for This Server', 'Set New Key');
      if (choice === 'Use Key for This Server') await this.store({ key: stored.key, origin: decision.to });
      if (choice === 'Set New Key') await this.prompt();
      return;
    }
    const choice = await vscode.window.showWarningMessage(
      `Inkwell: ${decision.origin} is not on this machine and uses plain http:, so the API key would travel unencrypted. Use https:, or allow it for this server.`,
      'Allow Unencrypted Key',
    );
    if (choice === 'Allow Unencrypted Key') await this.store({ ...stored, allowPlainHttp: true });
  }

  private async store(stored: StoredKey): Promise<void> {
    this.value = stored;
    await this.secrets.store(SECRET, serializeStoredKey(stored));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
