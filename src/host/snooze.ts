import * as vscode from 'vscode';

/** Suggestions paused until a time, in this window. Fires when it starts and when it ends. */
export class Snooze implements vscode.Disposable {
  private until = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get active(): boolean {
    return Date.now() < this.until;
  }

  get remainingMinutes(): number {
    return Math.max(0, Math.ceil((this.until - Date.now()) / 60_000));
  }

  snooze(minutes: number): void {
    clearTimeout(this.timer);
    this.until = Date.now() + minutes * 60_000;
    this.timer = setTimeout(() => this.resume(), minutes * 60_000);
    this.changed.fire();
  }

  resume(): void {
    clearTimeout(this.timer);
    this.until = 0;
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}
