/**
 * The one owner of what the status bar shows: the runner's state, whether
 * suggestions are on, loading progress, a request in flight, and the inline
 * problem (a failed request, or a model that is not on this machine). Each
 * event is a named transition; the status bar only renders `current`.
 * No vscode import, so tests drive it directly.
 */
import type { StatusResult } from '../protocol';
import type { RunnerState } from './runnerClient';

/** Why suggestions do not appear: the last request failed, or the model is not on this machine (until it is, or settings change). */
export type InlineProblem = { kind: 'failed' | 'missing'; message: string };

export interface StatusSnapshot {
  runner: RunnerState;
  /** Suggestions on for the active editor's language. */
  enabled: boolean;
  snoozedMinutes: number;
  /** 0..100 while a model loads or downloads. */
  loadingPercent?: number;
  thinking: boolean;
  problem?: InlineProblem;
  /** Where generation runs ("local models", "server http://…"), for the tooltip. */
  backend?: string;
  /** The runner's last status (memory, loaded models), for the tooltip. */
  runnerStatus?: StatusResult;
}

export type RequestOutcome = { kind: 'done' } | { kind: 'cancelled' } | { kind: 'failed'; message: string } | { kind: 'missing'; message: string };

export class StatusState {
  private snapshot: StatusSnapshot = { runner: 'stopped', enabled: true, snoozedMinutes: 0, thinking: false };
  private readonly listeners = new Set<(snapshot: StatusSnapshot) => void>();

  get current(): StatusSnapshot {
    return this.snapshot;
  }

  /** Called after every transition with the new snapshot. */
  onDidChange(listener: (snapshot: StatusSnapshot) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The runner started, became ready, crashed… Ready again clears a failure (a missing model stays missing); any other state forgets its status. */
  runnerChanged(runner: RunnerState): void {
    this.set({ runner, ...(runner === 'ready' ? { problem: this.keep('missing') } : { runnerStatus: undefined }) });
  }

  runnerStatus(status: StatusResult): void {
    this.set({ runnerStatus: status });
  }

  /** Download or load progress; undefined when it ends. */
  loading(percent: number | undefined): void {
    this.set({ loadingPercent: percent });
  }

  /** Suggestions turned on or off for the active language, or snoozed. */
  enabledChanged(enabled: boolean, snoozedMinutes: number): void {
    this.set({ enabled, snoozedMinutes });
  }

  /** Settings changed (model, backend…): whatever went wrong is worth trying again. */
  settingsChanged(backend: string): void {
    this.set({ backend, problem: undefined });
  }

  requestStarted(): void {
    this.set({ thinking: true });
  }

  /** A suggestion request ended: done clears any problem, a cancelled one clears a failure. */
  requestEnded(outcome: RequestOutcome): void {
    if (outcome.kind === 'done') this.set({ thinking: false, problem: undefined });
    else if (outcome.kind === 'cancelled') this.set({ thinking: false, problem: this.keep('missing') });
    else this.set({ thinking: false, problem: { kind: outcome.kind, message: outcome.message } });
  }

  /** The model is not on this machine (found by a request or the warm-up). */
  modelMissing(message: string): void {
    this.set({ problem: { kind: 'missing', message } });
  }

  /** The warm-up failed for another reason. */
  warmUpFailed(message: string): void {
    this.set({ problem: { kind: 'failed', message } });
  }

  /** A download the missing-model notice started ended well. */
  modelAvailable(): void {
    this.set({ problem: undefined });
  }

  private keep(kind: InlineProblem['kind']): InlineProblem | undefined {
    return this.snapshot.problem?.kind === kind ? this.snapshot.problem : undefined;
  }

  private set(change: Partial<StatusSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener(this.snapshot);
  }
}
