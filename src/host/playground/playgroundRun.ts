import type * as vscode from 'vscode';
import type { Config } from '../../config';
import { paneSummary, type HostToWebview, type PaneSettings } from '../../core/playgroundMessages';
import type { ChatMessage, PlaygroundParams, PlaygroundTokensParams, Task, TokenConfidence } from '../../protocol';
import type { RunnerClient } from '../runnerClient';

export interface RunDeps {
  client: RunnerClient;
  config: () => Config;
  /** Is the model on disk (or downloaded after the user agreed)? A remote server needs nothing. */
  modelReady: (task: Task, model: string) => Promise<boolean>;
}

/** The runner request for one pane: the instruction model gets the prompt as a chat message (its chat template applies). */
export function paramsFor(config: Config, prompt: string, pane: PaneSettings): PlaygroundParams {
  const task = pane.model === 'instruction' ? 'instruction' : 'text-generation';
  const messages: ChatMessage[] | undefined = task === 'instruction' ? [{ role: 'user', content: prompt }] : undefined;
  return {
    task,
    model: task === 'instruction' ? config.instructionModel : config.generationModel,
    dtype: config.dtype,
    ...(messages ? { messages } : { prompt }),
    sequences: pane.sequences,
    maxNewTokens: pane.maxNewTokens,
    temperature: pane.temperature,
    topP: pane.topP,
    topK: pane.topK,
    ...(pane.seed !== undefined ? { seed: pane.seed } : {}),
    stop: pane.stop,
  };
}

/**
 * One Generate: the panes one after another (the runner runs one job at a time
 * anyway), each pane's sequences in one batched request. Every message for the
 * webview goes through `post`; Stop cancels `token`, which cancels in the runner.
 */
export async function runPanes(deps: RunDeps, runId: string, prompt: string, panes: PaneSettings[], post: (message: HostToWebview) => void, token: vscode.CancellationToken): Promise<void> {
  for (const [pane, settings] of panes.entries()) {
    if (token.isCancellationRequested) break;
    const params = paramsFor(deps.config(), prompt, settings);
    try {
      if (!(await deps.modelReady(params.task, params.model))) {
        post({ type: 'paneFailed', runId, pane, message: `The ${settings.model} model is not available.` });
        continue;
      }
      const batch = new TokenBatch(runId, pane, post);
      try {
        const result = await deps.client.playground(params, (chunk) => batch.add(chunk), token);
        batch.flush();
        post({ type: 'paneDone', runId, pane, summary: paneSummary(result) });
      } finally {
        batch.flush();
      }
    } catch (err) {
      post({ type: 'paneFailed', runId, pane, message: token.isCancellationRequested ? 'Stopped.' : err instanceof Error ? err.message : String(err) });
    }
  }
  post({ type: 'runEnded', runId });
}

/** Streamed tokens gathered per sequence and posted every 50 ms, so a fast model does not flood the page with messages. */
export class TokenBatch {
  private readonly pending = new Map<number, { tokens: TokenConfidence[]; text: string }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runId: string,
    private readonly pane: number,
    private readonly post: (message: HostToWebview) => void,
  ) {}

  add(chunk: PlaygroundTokensParams): void {
    // Plain text (no probabilities) and tokens keep their order: a change of kind sends what is pending first.
    const before = this.pending.get(chunk.sequence);
    if (before && (chunk.text ? before.tokens.length > 0 : before.text.length > 0)) this.flush();
    const entry = this.pending.get(chunk.sequence) ?? { tokens: [], text: '' };
    entry.tokens.push(...chunk.tokens);
    entry.text += chunk.text ?? '';
    this.pending.set(chunk.sequence, entry);
    this.timer ??= setTimeout(() => this.flush(), 50);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [sequence, { tokens, text }] of this.pending) {
      this.post({ type: 'tokens', runId: this.runId, pane: this.pane, sequence, tokens, ...(text ? { text } : {}) });
    }
    this.pending.clear();
  }
}
