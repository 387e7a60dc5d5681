// Progress lines for a long set-up step that prints little itself (npm installs,
// node-gyp builds): every `everyMs`, how long it has run, how long it usually takes, and
// the last line the step printed.

/** "12.3 s", "2 min 05 s". */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** Output lines that say where a build is: node-gyp's targets, npm's lifecycle scripts and summary. */
const PROGRESS = /^(CXX|CC|LINK|SOLINK_MODULE|SOLINK|AR|COPY|ACTION)\(target\)|^> |^added \d+ packages?/;

/** A short form of a step's output line, or '' when it says nothing about progress (warnings, source excerpts). */
export function progressLine(line: string, max = 110): string {
  const clean = line.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/\s+/g, ' ').trim();
  if (!PROGRESS.test(clean)) return '';
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * Runs `work`, logging `<what>: 1 min 20 s so far (usually <usually>) · <last output line>`
 * every `everyMs` until it settles. `work` reports its output lines through `onLine`.
 */
export async function whileRunning<T>(
  what: string,
  usually: string,
  log: (line: string) => void,
  work: (onLine: (line: string) => void) => Promise<T>,
  everyMs = 20_000,
): Promise<T> {
  const started = Date.now();
  let last = '';
  const timer = setInterval(() => {
    log(`${what}: ${formatSeconds(Date.now() - started)} so far (usually ${usually})${last ? ` · ${last}` : ''}`);
  }, everyMs);
  try {
    return await work((line) => {
      const short = progressLine(line);
      if (short) last = short;
    });
  } finally {
    clearInterval(timer);
  }
}
