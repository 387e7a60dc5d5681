import * as vscode from 'vscode';
import type { RunnerState } from './runnerClient';

const LABELS: Record<RunnerState, { text: string; tooltip: string }> = {
  stopped: { text: '$(feather) Inkwell', tooltip: 'Inkwell: idle — the model runner starts on first use' },
  starting: { text: '$(loading~spin) Inkwell', tooltip: 'Inkwell: starting the model runner' },
  ready: { text: '$(feather) Inkwell', tooltip: 'Inkwell: ready' },
  crashed: { text: '$(warning) Inkwell', tooltip: 'Inkwell: the model runner crashed and is restarting' },
  'gave-up': { text: '$(error) Inkwell', tooltip: 'Inkwell: the model runner keeps crashing — click to restart it' },
};

/** One status bar item showing the runner's state. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('inkwell.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Inkwell';
    this.show('stopped');
    this.item.show();
  }

  show(state: RunnerState, detail?: string): void {
    const label = LABELS[state];
    this.item.text = label.text;
    this.item.tooltip = detail ? `${label.tooltip}\n${detail}` : label.tooltip;
    this.item.command = state === 'gave-up' ? 'inkwell.restartRunner' : 'inkwell.showLog';
    this.item.backgroundColor = state === 'gave-up' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
