import type { WebviewToHost } from '../core/playgroundMessages';
import type { TokenConfidence } from '../protocol';
import { plainSpan, tokenSpan } from './tokens';
import { sequenceText, type PaneView, type RunView } from './vscodeApi';

const CONFIDENCE = { local: 'token probabilities from the local model', server: "token probabilities from the server's logprobs", none: 'the server returned no logprobs, so no token probabilities' };

/** Renders a run: one column per pane (two when comparing), each pane's sequences side by side. */
export class ResultsView {
  constructor(
    private readonly root: HTMLElement,
    private readonly send: (message: WebviewToHost) => void,
  ) {}

  render(run: RunView | undefined): void {
    this.root.replaceChildren(...(run?.panes ?? []).map((pane, index) => this.pane(pane, index)));
    this.root.classList.toggle('compare', (run?.panes.length ?? 0) > 1);
  }

  /** Appends streamed tokens to one sequence without redrawing the rest. */
  append(pane: number, sequence: number, tokens: TokenConfidence[], text?: string): void {
    const target = this.root.querySelector(`[data-pane="${pane}"] [data-sequence="${sequence}"] .sequence-text`);
    if (!target) return;
    const first = !target.querySelector('.token');
    for (const token of tokens) target.append(tokenSpan(token));
    if (text) target.append(plainSpan(text));
    if (first) this.makeTabStop(target);
  }

  private pane(pane: PaneView, index: number): HTMLElement {
    const section = document.createElement('section');
    section.className = 'pane';
    section.dataset.pane = String(index);
    section.setAttribute('aria-label', pane.title);
    const title = document.createElement('h2');
    title.textContent = pane.title;
    const stats = document.createElement('div');
    stats.className = 'stats';
    stats.setAttribute('role', 'status');
    const stopped = pane.sequences.some((s) => s.finishReason === 'cancelled') ? ' · stopped' : '';
    if (pane.summary) stats.textContent = `Time to first token ${Math.round(pane.summary.firstTokenMs)} ms · ${pane.summary.tokensPerSecond.toFixed(1)} tokens/s · ${CONFIDENCE[pane.summary.confidence]}${stopped}`;
    else if (pane.error) stats.textContent = pane.error;
    else stats.textContent = 'Generating…';
    if (pane.error) stats.classList.add('error');
    const list = document.createElement('div');
    list.className = 'sequences';
    pane.sequences.forEach((sequence, n) => {
      const article = document.createElement('article');
      article.className = 'sequence';
      article.dataset.sequence = String(n);
      article.setAttribute('aria-label', `Sequence ${n + 1}`);
      const text = document.createElement('div');
      text.className = 'sequence-text';
      if (sequence.tokens.length > 0) for (const token of sequence.tokens) text.append(tokenSpan(token));
      else if (sequence.text) text.append(plainSpan(sequence.text));
      this.makeTabStop(text);
      const actions = document.createElement('div');
      actions.className = 'actions';
      const button = (label: string, type: 'insert' | 'replace' | 'copy') => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = label;
        b.className = 'secondary';
        b.addEventListener('click', () => this.send({ type, text: sequenceText(sequence) || (text.textContent ?? '') }));
        return b;
      };
      actions.append(button('Insert at cursor', 'insert'), button('Replace selection', 'replace'), button('Copy', 'copy'));
      article.append(text, actions);
      list.append(article);
    });
    section.append(title, stats, list);
    return section;
  }

  /** One tab stop per sequence: its first token (arrow keys move on), or the text itself when it has no tokens. */
  private makeTabStop(text: Element): void {
    const first = text.querySelector<HTMLElement>('.token');
    if (first) {
      first.tabIndex = 0;
      text.removeAttribute('tabindex');
    } else (text as HTMLElement).tabIndex = 0;
  }
}
