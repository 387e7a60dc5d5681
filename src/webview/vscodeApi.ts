import type { HostToWebview, PaneSettings, PaneSummary, WebviewToHost } from '../core/playgroundMessages';
import type { PlaygroundSequence, TokenConfidence } from '../protocol';

/** What the page keeps across hide/show and reloads (VS Code stores it with the panel). */
export interface SequenceView {
  tokens: TokenConfidence[];
  /** Final text once the pane is done ('' while streaming: the tokens are the text). */
  text: string;
  finishReason?: PlaygroundSequence['finishReason'];
}
export interface PaneView {
  title: string;
  sequences: SequenceView[];
  summary?: Omit<PaneSummary, 'sequences'>;
  error?: string;
}
export interface RunView {
  runId: string;
  done: boolean;
  panes: PaneView[];
}
export interface PageState {
  prompt: string;
  compare: boolean;
  panes: PaneSettings[];
  run?: RunView;
}

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const vscode = acquireVsCodeApi();

export function onHostMessage(handler: (message: HostToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<HostToWebview>) => handler(event.data));
}

export function sequenceText(sequence: SequenceView): string {
  return sequence.text || sequence.tokens.map((t) => t.text).join('');
}
