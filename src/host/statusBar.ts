import * as vscode from 'vscode';
import * as path from 'node:path';
import type { StatusResult } from '../protocol';
import type { RunnerState } from './runnerClient';

export interface StatusInput {
  runner: RunnerState;
  /** Suggestions on for the active editor's language, and not snoozed. */
  enabled: boolean;
  snoozedMinutes: number;
  /** 0..100 while a model loads or downloads. */
  loadingPercent?: number;
  thinking: boolean;
  error?: string;
  /** Runner memory and loaded models, for the tooltip. */
  detail?: string;
}

type Shown = { text: string; tooltip: string; error?: boolean };

/** What the one status bar item shows: off / loading (%) / ready / thinking / error. */
export function describeStatus(s: StatusInput): Shown {
  if (s.runner === 'gave-up') return { text: '$(error) Inkwell', tooltip: 'The model runner keeps crashing and was stopped. Click for options.', error: true };
  if (s.error) return { text: '$(warning) Inkwell', tooltip: `Last request failed: ${s.error}`, error: true };
  if (s.snoozedMinutes > 0) return { text: '$(bell-slash) Inkwell', tooltip: `Suggestions snoozed for ${s.snoozedMinutes} more minute(s).` };
  if (!s.enabled) return { text: '$(circle-slash) Inkwell', tooltip: 'Suggestions are off for this language.' };
  if (s.loadingPercent !== undefined) return { text: `$(loading~spin) Inkwell ${Math.round(s.loadingPercent)}%`, tooltip: 'Loading the model…' };
  if (s.runner === 'starting' || s.runner === 'crashed') return { text: '$(loading~spin) Inkwell', tooltip: 'Starting the model runner…' };
  if (s.thinking) return { text: '$(sync~spin) Inkwell', tooltip: 'Writing a suggestion…' };
  return { text: '$(pencil) Inkwell', tooltip: s.runner === 'ready' ? 'Ready.' : 'Ready — the model loads on first use.' };
}

/** "Runner: 612 MB · text-generation: SmolLM2-360M (q8)" for the status bar tooltip. */
export function describeRunner(status: StatusResult): string {
  const models = status.loaded.map((m) => `${m.task}: ${path.basename(m.model)} (${m.dtype})`);
  return [`Runner: ${status.memory.rssMB} MB`, ...models].join(' · ');
}

/** The single status bar item; clicking it opens Inkwell's menu. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('inkwell.status', vscode.StatusBarAlignment.Right, 100);
  private input: StatusInput = { runner: 'stopped', enabled: true, snoozedMinutes: 0, thinking: false };

  constructor() {
    this.item.name = 'Inkwell';
    this.item.command = 'inkwell.showStatusMenu';
    this.render();
    this.item.show();
  }

  update(change: Partial<StatusInput>): void {
    this.input = { ...this.input, ...change };
    this.render();
  }

  get state(): StatusInput {
    return this.input;
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const shown = describeStatus(this.input);
    this.item.text = shown.text;
    this.item.tooltip = `Inkwell: ${shown.tooltip}${this.input.detail ? `\n${this.input.detail}` : ''}`;
    this.item.accessibilityInformation = { label: `Inkwell: ${shown.tooltip}` };
    this.item.backgroundColor = shown.error ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}
