/**
 * The typing loop of bench:editor: types words into the focused editor and times, in the
 * page, each last keystroke (the space after a word) to the first ghost text that shows.
 * The extension's debug log line for the request (`inline: …, total N ms, …: "text"`) says
 * what text belongs on screen and how long the runner's own `complete` took.
 */
import type { VSCodeSession } from '../e2e/harness.ts';
import { waitUntil } from '../e2e/harness.ts';

export interface EditorSample {
  word: string;
  /** shown: ghost text appeared (from the model when runnerMs is set, else from the cache or the shown suggestion); wrong: a different text than the runner's; empty: the runner's suggestion was empty; miss: nothing within giveUpMs. */
  outcome: 'shown' | 'wrong' | 'empty' | 'miss';
  editorMs?: number;
  runnerMs?: number;
  /** Time the request waited in the runner's queue behind an earlier one (not in runnerMs). */
  queuedMs?: number;
  generatedTokens?: number;
  /** The debounce the provider waited for this request (adaptive or the setting). */
  debounceMs?: number;
  text?: string;
  /** Typing along: this word was the rest of the shown suggestion, so the sample times the suggestion after it. */
  atEnd?: boolean;
}

export interface TypingOptions {
  /** Each ends with the space whose keystroke is timed. */
  words: string[];
  samples: number;
  charMs: number;
  /** How long to wait for ghost text before the sample counts as a miss. */
  giveUpMs: number;
  /** The extension's log so far. */
  log: () => Promise<string>;
  /**
   * Type along: each sample types the shown suggestion's next word (a person taking the
   * suggestion by typing it) instead of the paragraph's; the paragraph's word when none shows.
   */
  along?: boolean;
}

interface LoggedSuggestion {
  debounceMs?: number;
  runnerMs: number;
  queuedMs: number;
  generatedTokens: number;
  text: string;
}

// Page scripts are strings: tsx would wrap named helpers in __name(), which the page lacks.
const RECORDER = `(() => {
  if (window.__inkwellBench) return;
  const state = { keys: [], ghosts: [] };
  window.__inkwellBench = state;
  document.addEventListener('keydown', (e) => state.keys.push({ t: performance.now(), key: e.key }), true);
  const root = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
  new MutationObserver(() => {
    const inline = [...root.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview')].map((el) => el.textContent || '').join('');
    const lines = [...root.querySelectorAll('.suggest-preview-text .view-line')].map((el) => el.textContent || '');
    const text = [inline, ...lines].join('\\n').replace(/\\u00a0/g, ' ');
    const last = state.ghosts[state.ghosts.length - 1];
    if (!last || last.text !== text) state.ghosts.push({ t: performance.now(), text });
  }).observe(root, { subtree: true, childList: true, characterData: true });
})()`;

const LINE = /inline: (?:debounce (\d+) ms, )?.*?(\d+) generated, (?:queued (\d+) ms, )?first token \d+ ms, total (\d+) ms, \d+ suggestion\(s\): (".*")\s*$/;

function loggedSuggestions(log: string): LoggedSuggestion[] {
  return log.split('\n').flatMap((line) => {
    const m = LINE.exec(line);
    return m ? [{ debounceMs: m[1] === undefined ? undefined : Number(m[1]), generatedTokens: Number(m[2]), queuedMs: Number(m[3] ?? 0), runnerMs: Number(m[4]), text: JSON.parse(m[5]!) as string }] : [];
  });
}

const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

async function sample(vscode: VSCodeSession, word: string, options: TypingOptions, timeoutMs: number): Promise<EditorSample> {
  const page = vscode.page;
  const before = loggedSuggestions(await options.log()).length;
  await page.keyboard.type(word, { delay: options.charMs });
  const t0 = (await page.evaluate('window.__inkwellBench.keys[window.__inkwellBench.keys.length - 1].t')) as number;
  const shown = await waitUntil(
    async () => {
      const ghosts = (await page.evaluate(`window.__inkwellBench.ghosts.filter((g) => g.t >= ${t0} && g.text.trim() !== '')`)) as { t: number; text: string }[];
      return ghosts[0];
    },
    'ghost text',
    { timeoutMs, intervalMs: 25 },
  ).catch(() => undefined);
  // The log line may reach the file a little after the ghost text reaches the screen.
  const fresh = await waitUntil(
    async () => {
      const lines = loggedSuggestions(await options.log()).slice(before);
      if (shown ? lines.some((l) => same(l.text, shown.text)) : lines.length > 0) return lines;
      return undefined;
    },
    'the log line',
    { timeoutMs: 1500, intervalMs: 100 },
  ).catch(async () => loggedSuggestions(await options.log()).slice(before));
  if (!shown) return { word, outcome: fresh.length > 0 && fresh.at(-1)!.text.trim() === '' ? 'empty' : 'miss' };
  const editorMs = shown.t - t0;
  const match = fresh.find((l) => same(l.text, shown.text));
  if (match) return { word, outcome: 'shown', editorMs, runnerMs: match.runnerMs, queuedMs: match.queuedMs, generatedTokens: match.generatedTokens, debounceMs: match.debounceMs, text: shown.text };
  return { word, outcome: fresh.length > 0 ? 'wrong' : 'shown', editorMs, text: shown.text };
}

/** The shown suggestion's first word with the space after it (a space added after its last word); `last` when nothing follows it. */
async function nextGhostWord(vscode: VSCodeSession): Promise<{ word: string; last: boolean } | undefined> {
  const ghost = await vscode.readGhostText();
  const m = /^ ?[^\s]+\s?/.exec(ghost);
  if (!m) return undefined;
  const last = ghost.slice(m[0].length).trim() === '';
  return { word: /\s$/.test(m[0]) ? m[0].replace(/\s$/, ' ') : `${m[0]} `, last };
}

/** Types the first word (loading the model; not counted), then `samples` more, one sample each. */
export async function editorSamples(vscode: VSCodeSession, options: TypingOptions): Promise<EditorSample[]> {
  await vscode.page.evaluate(RECORDER);
  const [first, ...rest] = options.words;
  const warm = await sample(vscode, first!, options, 240_000);
  process.stderr.write(`[bench:editor] warm-up: ${warm.outcome} after ${Math.round(warm.editorMs ?? NaN)} ms\n`);
  const samples: EditorSample[] = [];
  for (let i = 0; i < options.samples; i++) {
    const along = options.along ? await nextGhostWord(vscode) : undefined;
    const word = along?.word ?? rest[i % rest.length]!;
    const s = { ...(await sample(vscode, word, options, options.giveUpMs)), ...(along?.last ? { atEnd: true } : {}) };
    process.stderr.write(`[bench:editor] ${JSON.stringify(s)}\n`);
    samples.push(s);
  }
  return samples;
}
