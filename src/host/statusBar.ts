import * as vscode from 'vscode';
import type { StatusSnapshot, StatusState } from './statusState';
import { describeRunner, describeStatus } from './statusText';

/** The single status bar item; clicking it opens Inkwell's menu. It renders `StatusState` and holds no state of its own. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('inkwell.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscription: { dispose(): void };

  constructor(state: StatusState) {
    this.item.name = 'Inkwell';
    this.item.command = 'inkwell.showStatusMenu';
    this.render(state.current);
    this.subscription = state.onDidChange((snapshot) => this.render(snapshot));
    this.item.show();
  }

  private render(snapshot: StatusSnapshot): void {
    const shown = describeStatus(snapshot);
    const detail = describeRunner(snapshot);
    this.item.text = shown.text;
    this.item.tooltip = `Inkwell: ${shown.tooltip}${detail ? `\n${detail}` : ''}`;
    this.item.accessibilityInformation = { label: `Inkwell: ${shown.tooltip}` };
    this.item.backgroundColor = shown.error ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
