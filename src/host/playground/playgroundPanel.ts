import * as vscode from 'vscode';
import { parseWebviewMessage, type HostToWebview, type ModelOption, type PaneSettings, type WebviewToHost } from '../../core/playgroundMessages';
import { servedByServer } from '../backend';
import type { EditorTarget } from './editorTarget';
import { playgroundHtml, webviewOptions } from './playgroundHtml';
import { runPanes, type RunDeps } from './playgroundRun';

export const PLAYGROUND_VIEW_TYPE = 'inkwell.playground';

export interface PanelDeps extends RunDeps {
  extensionUri: vscode.Uri;
  editors: EditorTarget;
  log: vscode.LogOutputChannel;
}

/**
 * One Playground panel: its page, its messages, and the current run. The run's
 * messages are kept, so a page that was hidden (and so reloaded) gets them again.
 */
export class PlaygroundPanel implements vscode.Disposable {
  private run: { id: string; cancel: vscode.CancellationTokenSource; log: HostToWebview[] } | undefined;
  private pendingPrompt: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    prompt?: string,
  ) {
    this.pendingPrompt = prompt;
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = playgroundHtml(panel.webview, deps.extensionUri);
    this.onDidDispose = panel.onDidDispose;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Shows the panel; a non-empty prompt replaces the one in the page. */
  reveal(prompt?: string): void {
    // A hidden page is reloaded when shown: it gets the prompt with its `init`.
    const loaded = this.panel.visible;
    this.panel.reveal(undefined, false);
    if (!prompt) return;
    if (loaded) this.post({ type: 'prompt', prompt });
    else this.pendingPrompt = prompt;
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.post({ type: 'notice', message: parsed.error });
      return;
    }
    const message: WebviewToHost = parsed.value;
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', models: this.models(), defaults: this.defaults(), ...(this.pendingPrompt ? { prompt: this.pendingPrompt } : {}), ...(this.run ? { runId: this.run.id } : {}) });
        this.pendingPrompt = undefined;
        for (const logged of this.run?.log ?? []) void this.panel.webview.postMessage(logged);
        return;
      case 'generate':
        return this.generate(message.runId, message.prompt, message.panes);
      case 'stop':
        this.run?.cancel.cancel();
        return;
      case 'copy':
        await this.deps.editors.copy(message.text);
        this.post({ type: 'notice', message: 'Copied.' });
        return;
      case 'insert':
      case 'replace': {
        const problem = message.type === 'insert' ? await this.deps.editors.insert(message.text) : await this.deps.editors.replace(message.text);
        if (problem) this.post({ type: 'notice', message: problem });
        return;
      }
    }
  }

  private async generate(runId: string, prompt: string, panes: PaneSettings[]): Promise<void> {
    this.run?.cancel.cancel();
    const run = { id: runId, cancel: new vscode.CancellationTokenSource(), log: [] as HostToWebview[] };
    this.run = run;
    const post = (message: HostToWebview) => {
      if (this.run === run) run.log.push(message);
      this.post(message);
    };
    try {
      await runPanes(this.deps, runId, prompt, panes, post, run.cancel.token);
    } catch (err) {
      this.deps.log.error(`Playground: ${String(err)}`);
    } finally {
      run.cancel.dispose();
    }
  }

  private models(): ModelOption[] {
    const config = this.deps.config();
    const onServer = servedByServer(config, 'text-generation');
    const name = (id: string) => id.split(/[\\/]/).filter(Boolean).pop() ?? id;
    if (onServer) {
      const detail = `${config.remoteModel} on ${config.remoteBaseUrl}`;
      return [
        { id: 'generation', label: `Server: ${config.remoteModel} (completion)`, detail },
        { id: 'instruction', label: `Server: ${config.remoteModel} (chat)`, detail },
      ];
    }
    return [
      { id: 'generation', label: `Generation: ${name(config.generationModel)}`, detail: config.generationModel },
      { id: 'instruction', label: `Instruction (chat template): ${name(config.instructionModel)}`, detail: config.instructionModel },
    ];
  }

  private defaults(): PaneSettings {
    const config = this.deps.config();
    return { model: 'generation', temperature: config.temperature, topP: config.topP, topK: 50, maxNewTokens: Math.min(config.maxNewTokens, 64), sequences: 1, stop: [] };
  }

  private post(message: HostToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.run?.cancel.cancel();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
