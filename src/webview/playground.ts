/**
 * The Playground page: prompt, one or two settings columns (Compare), Generate
 * and Stop, and the results. Speaks only the messages of
 * src/core/playgroundMessages.ts with the extension host; keeps its state with
 * VS Code (setState), so hiding the panel or reloading the window loses nothing.
 */
import type { HostToWebview, PaneSettings } from '../core/playgroundMessages';
import { SettingsForm } from './form';
import { ResultsView } from './results';
import { TokenTooltip } from './tokens';
import { onHostMessage, vscode, type PageState, type RunView } from './vscodeApi';

const app = document.getElementById('app')!;
const state: PageState = vscode.getState() ?? { prompt: '', compare: false, panes: [] };
/** Runs whose replay from the host has begun in this page (the replay rebuilds them). */
const replayed = new Set<string>();
let modelLabels = new Map<string, string>();

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] => Object.assign(document.createElement(tag), props);

const promptLabel = el('label', { htmlFor: 'prompt', textContent: 'Prompt' });
const prompt = el('textarea', { id: 'prompt', rows: 5, placeholder: 'Text for the model to continue (Ctrl+Enter: Generate)' });
const generate = el('button', { id: 'generate', type: 'button', textContent: 'Generate', title: 'Ctrl+Enter' });
const stop = el('button', { id: 'stop', type: 'button', textContent: 'Stop', className: 'secondary', title: 'Escape' });
const compare = el('input', { id: 'compare', type: 'checkbox' });
const compareLabel = el('label', { htmlFor: 'compare', textContent: 'Compare two settings side by side' });
const notice = el('div', { id: 'notice' });
notice.setAttribute('role', 'status');
notice.setAttribute('aria-live', 'polite');
const forms = [new SettingsForm(0, save), new SettingsForm(1, save)];
const settingsRow = el('div', { className: 'settings-row' });
settingsRow.append(forms[0]!.element, forms[1]!.element);
const toolbar = el('div', { className: 'toolbar' });
const compareBox = el('span', { className: 'checkbox' });
compareBox.append(compare, compareLabel);
toolbar.append(generate, stop, compareBox, notice);
const resultsRoot = el('div', { id: 'results' });
app.append(promptLabel, prompt, settingsRow, toolbar, resultsRoot);
const results = new ResultsView(resultsRoot, (message) => vscode.postMessage(message));
new TokenTooltip(resultsRoot);

function save(): void {
  state.prompt = prompt.value;
  state.compare = compare.checked;
  state.panes = forms.map((form) => form.get());
  vscode.setState(state);
}

function showControls(): void {
  forms[1]!.element.hidden = !compare.checked;
  const running = !!state.run && !state.run.done;
  stop.disabled = !running;
  generate.disabled = running;
  app.setAttribute('aria-busy', String(running));
}

function title(settings: PaneSettings, index: number, panes: number): string {
  const seed = settings.seed === undefined ? 'random seed' : `seed ${settings.seed}`;
  const head = panes > 1 ? `${'AB'[index]}: ` : '';
  return `${head}${modelLabels.get(settings.model) ?? settings.model} · temperature ${settings.temperature} · top-p ${settings.topP} · top-k ${settings.topK} · ${seed}`;
}

function startRun(): void {
  save();
  const panes = state.panes.slice(0, compare.checked ? 2 : 1);
  const runId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const run: RunView = {
    runId,
    done: false,
    panes: panes.map((settings, index) => ({ title: title(settings, index, panes.length), sequences: Array.from({ length: Math.max(0, Math.min(5, Math.round(settings.sequences) || 0)) }, () => ({ tokens: [], text: '' })) })),
  };
  state.run = run;
  replayed.add(runId);
  notice.textContent = '';
  vscode.setState(state);
  results.render(run);
  showControls();
  vscode.postMessage({ type: 'generate', runId, prompt: prompt.value, panes });
}

function onMessage(message: HostToWebview): void {
  switch (message.type) {
    case 'init': {
      modelLabels = new Map(message.models.map((m) => [m.id, m.label]));
      for (const form of forms) form.setModels(message.models);
      forms.forEach((form, i) => form.set(state.panes[i] ?? message.defaults));
      if (message.prompt) prompt.value = message.prompt;
      // A run the host no longer knows (the window was reloaded while it ran) has ended.
      if (state.run && !state.run.done && message.runId !== state.run.runId) state.run.done = true;
      save();
      showControls();
      return;
    }
    case 'prompt':
      prompt.value = message.prompt;
      save();
      prompt.focus();
      return;
    case 'notice':
      notice.textContent = message.message;
      return;
  }
  const run = state.run;
  if (!run || message.runId !== run.runId) return;
  if (!replayed.has(run.runId)) {
    // The host replays a run from its start: rebuild it from there.
    replayed.add(run.runId);
    for (const pane of run.panes) {
      pane.sequences = pane.sequences.map(() => ({ tokens: [], text: '' }));
      delete pane.summary;
      delete pane.error;
    }
    results.render(run);
  }
  switch (message.type) {
    case 'tokens': {
      const sequence = run.panes[message.pane]?.sequences[message.sequence];
      if (!sequence) return;
      sequence.tokens.push(...message.tokens);
      if (message.text) sequence.text += message.text;
      results.append(message.pane, message.sequence, message.tokens, message.text);
      break;
    }
    case 'paneDone': {
      const pane = run.panes[message.pane];
      if (!pane) return;
      const { sequences, ...summary } = message.summary;
      pane.sequences = sequences.map((s) => ({ tokens: s.tokens, text: s.text, finishReason: s.finishReason }));
      pane.summary = summary;
      results.render(run);
      break;
    }
    case 'paneFailed': {
      const pane = run.panes[message.pane];
      if (pane) pane.error = message.message;
      results.render(run);
      break;
    }
    case 'runEnded':
      run.done = true;
      showControls();
      break;
  }
  // Streaming saves at most every 500 ms (the state grows with every token); the rest at once.
  if (message.type === 'tokens') saveSoon();
  else vscode.setState(state);
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveSoon(): void {
  saveTimer ??= setTimeout(() => {
    saveTimer = undefined;
    vscode.setState(state);
  }, 500);
}

prompt.addEventListener('input', save);
compare.addEventListener('change', () => {
  save();
  showControls();
});
generate.addEventListener('click', startRun);
stop.addEventListener('click', () => vscode.postMessage({ type: 'stop' }));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !generate.disabled) {
    event.preventDefault();
    startRun();
  } else if (event.key === 'Escape' && !stop.disabled && !(event.target instanceof HTMLElement && event.target.classList.contains('token'))) {
    vscode.postMessage({ type: 'stop' });
  }
});

prompt.value = state.prompt;
compare.checked = state.compare;
results.render(state.run);
showControls();
onHostMessage(onMessage);
vscode.postMessage({ type: 'ready' });
