/** The status bar item's words, from a `StatusSnapshot` (no vscode import, so tests read them directly). */
import * as path from 'node:path';
import type { StatusSnapshot } from './statusState';

export type Shown = { text: string; tooltip: string; error?: boolean };

/** What the one status bar item shows: off / loading (%) / ready / thinking / error. */
export function describeStatus(s: StatusSnapshot): Shown {
  if (s.runner === 'gave-up') return { text: '$(error) Inkwell', tooltip: 'The model runner keeps crashing and was stopped. Click for options.', error: true };
  if (s.problem) return { text: '$(warning) Inkwell', tooltip: `Last request failed: ${s.problem.message}`, error: true };
  if (s.snoozedMinutes > 0) return { text: '$(bell-slash) Inkwell', tooltip: `Suggestions snoozed for ${s.snoozedMinutes} more minute(s).` };
  if (!s.enabled) return { text: '$(circle-slash) Inkwell', tooltip: 'Suggestions are off for this language.' };
  if (s.loadingPercent !== undefined) return { text: `$(loading~spin) Inkwell ${Math.round(s.loadingPercent)}%`, tooltip: 'Loading the model…' };
  if (s.runner === 'starting' || s.runner === 'crashed') return { text: '$(loading~spin) Inkwell', tooltip: 'Starting the model runner…' };
  if (s.thinking) return { text: '$(sync~spin) Inkwell', tooltip: 'Writing a suggestion…' };
  return { text: '$(pencil) Inkwell', tooltip: s.runner === 'ready' ? 'Ready.' : 'Ready — the model loads on first use.' };
}

/**
 * The tooltip's second line: where generation runs, and what the runner holds
 * ("Local models · runner 612 MB · text-generation: SmolLM2-360M (q8)"), from the last status read.
 */
export function describeRunner(s: Pick<StatusSnapshot, 'backend' | 'runnerStatus' | 'runner'>): string {
  const parts = s.backend ? [s.backend] : [];
  const status = s.runner === 'ready' ? s.runnerStatus : undefined;
  if (status) {
    parts.push(`runner ${status.memory.rssMB} MB`);
    parts.push(...(status.loaded.length > 0 ? status.loaded.map((m) => `${m.task}: ${path.basename(m.model)} (${m.dtype})`) : ['no model loaded']));
  }
  return parts.join(' · ');
}
