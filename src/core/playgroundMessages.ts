/**
 * The Playground webview's own message protocol with the extension host (the
 * webview never talks to the runner). Both sides import these types; the host
 * checks every message from the webview with `parseWebviewMessage`.
 */
import type { PlaygroundResult, PlaygroundSequence, TokenConfidence } from '../protocol';

export type ModelChoice = 'generation' | 'instruction';

/** One column's settings; Compare runs two. */
export interface PaneSettings {
  model: ModelChoice;
  temperature: number;
  topP: number;
  topK: number;
  maxNewTokens: number;
  sequences: number;
  seed?: number;
  stop: string[];
}

export const LIMITS = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0.01, max: 1 },
  topK: { min: 0, max: 1000 },
  maxNewTokens: { min: 1, max: 2048 },
  sequences: { min: 1, max: 5 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  stops: 8,
  promptChars: 100_000,
} as const;

export type WebviewToHost =
  | { type: 'ready' }
  /** Run the prompt with one pane's settings, or two (Compare). */
  | { type: 'generate'; runId: string; prompt: string; panes: PaneSettings[] }
  | { type: 'stop' }
  | { type: 'insert'; text: string }
  | { type: 'replace'; text: string }
  | { type: 'copy'; text: string };

export interface ModelOption {
  id: ModelChoice;
  label: string;
  detail: string;
}

export interface PaneSummary {
  sequences: PlaygroundSequence[];
  firstTokenMs: number;
  tokensPerSecond: number;
  confidence: PlaygroundResult['confidence'];
}

export type HostToWebview =
  /** `runId`: the run the host still has (its messages follow, from the start). */
  | { type: 'init'; models: ModelOption[]; defaults: PaneSettings; prompt?: string; runId?: string }
  | { type: 'prompt'; prompt: string }
  | { type: 'tokens'; runId: string; pane: number; sequence: number; tokens: TokenConfidence[]; text?: string }
  | { type: 'paneDone'; runId: string; pane: number; summary: PaneSummary }
  | { type: 'paneFailed'; runId: string; pane: number; message: string }
  | { type: 'runEnded'; runId: string }
  | { type: 'notice'; message: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): Parsed<never> => ({ ok: false, error });

/** Checks a message from the webview: its shape and every number's range. */
export function parseWebviewMessage(value: unknown): Parsed<WebviewToHost> {
  if (!isRecord(value) || typeof value.type !== 'string') return fail('a message without a type');
  switch (value.type) {
    case 'ready':
    case 'stop':
      return { ok: true, value: { type: value.type } };
    case 'insert':
    case 'replace':
    case 'copy':
      return typeof value.text === 'string' ? { ok: true, value: { type: value.type, text: value.text } } : fail(`${value.type} needs text`);
    case 'generate': {
      if (typeof value.runId !== 'string' || !value.runId) return fail('generate needs a run id');
      if (typeof value.prompt !== 'string' || !value.prompt.trim()) return fail('Write a prompt first.');
      if (value.prompt.length > LIMITS.promptChars) return fail(`The prompt is longer than ${LIMITS.promptChars} characters.`);
      if (!Array.isArray(value.panes) || value.panes.length < 1 || value.panes.length > 2) return fail('generate needs one or two panes');
      const panes: PaneSettings[] = [];
      for (const pane of value.panes) {
        const parsed = parsePaneSettings(pane);
        if (!parsed.ok) return parsed;
        panes.push(parsed.value);
      }
      return { ok: true, value: { type: 'generate', runId: value.runId, prompt: value.prompt, panes } };
    }
    default:
      return fail(`unknown message type "${value.type}"`);
  }
}

export function parsePaneSettings(value: unknown): Parsed<PaneSettings> {
  if (!isRecord(value)) return fail('settings missing');
  if (value.model !== 'generation' && value.model !== 'instruction') return fail('Choose the generation or the instruction model.');
  const numbers: Partial<Record<keyof typeof LIMITS, number>> = {};
  for (const name of ['temperature', 'topP', 'topK', 'maxNewTokens', 'sequences'] as const) {
    const n = value[name];
    const { min, max } = LIMITS[name];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) return fail(`${label(name)} must be between ${min} and ${max}.`);
    if (name !== 'temperature' && name !== 'topP' && !Number.isInteger(n)) return fail(`${label(name)} must be a whole number.`);
    numbers[name] = n;
  }
  const seed = value.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < LIMITS.seed.min || seed > LIMITS.seed.max)) {
    return fail(`Seed must be a whole number from 0 to ${LIMITS.seed.max}, or empty.`);
  }
  const stop = value.stop ?? [];
  if (!Array.isArray(stop) || stop.some((s) => typeof s !== 'string') || stop.length > LIMITS.stops) return fail(`Stop strings: at most ${LIMITS.stops} pieces of text.`);
  return {
    ok: true,
    value: {
      model: value.model,
      temperature: numbers.temperature!,
      topP: numbers.topP!,
      topK: numbers.topK!,
      maxNewTokens: numbers.maxNewTokens!,
      sequences: numbers.sequences!,
      ...(seed !== undefined ? { seed: seed as number } : {}),
      stop: (stop as string[]).filter((s) => s.length > 0),
    },
  };
}

/** Time to first token and decoding speed (tokens after the first, per second, over all sequences). */
export function paneSummary(result: PlaygroundResult): PaneSummary {
  const generated = result.sequences.reduce((sum, s) => sum + s.generatedTokens, 0);
  const decodeMs = result.timings.totalMs - result.timings.firstTokenMs;
  const afterFirst = generated - result.sequences.filter((s) => s.generatedTokens > 0).length;
  const tokensPerSecond = decodeMs > 0 && afterFirst > 0 ? (afterFirst * 1000) / decodeMs : 0;
  return { sequences: result.sequences, firstTokenMs: result.timings.firstTokenMs, tokensPerSecond, confidence: result.confidence };
}

/** Stop strings as typed in one field: comma-separated (spaces after a comma ignored), with `\n`, `\t`, `\,` and `\ ` escapes. */
export function parseStopField(field: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    if (c === '\\' && i + 1 < field.length) {
      const next = field[++i]!;
      current += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else if (c === ',') {
      out.push(current);
      current = '';
      while (field[i + 1] === ' ') i++;
    } else current += c;
  }
  out.push(current);
  return out.filter((s) => s.length > 0);
}

/** The field text for stop strings; `parseStopField` reads it back to the same list. */
export function formatStopField(stops: readonly string[]): string {
  return stops.map((s) => s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/^ /, '\\ ')).join(', ');
}

function label(name: string): string {
  return ({ temperature: 'Temperature', topP: 'Top-p', topK: 'Top-k', maxNewTokens: 'Max new tokens', sequences: 'Sequences' } as Record<string, string>)[name] ?? name;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
