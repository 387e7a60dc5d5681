import type { TokenConfidence } from '../protocol';

/** Below this probability a token also gets a dotted underline (a cue that is not colour). */
export const LOW_PROBABILITY = 0.3;

const percent = (p: number) => `${(p * 100).toFixed(p < 0.001 ? 3 : 1)}%`;
/** Whitespace made visible in the tooltip. */
const visible = (text: string) => text.replace(/ /g, '␣').replace(/\n/g, '⏎').replace(/\t/g, '⇥') || '∅';

/** A token as a focusable span, shaded by how unlikely it was (`--shade` 0..1). */
export function tokenSpan(token: TokenConfidence): HTMLSpanElement {
  const span = document.createElement('span');
  span.textContent = token.text;
  span.className = 'token';
  span.tabIndex = -1;
  span.style.setProperty('--shade', (1 - token.probability).toFixed(3));
  if (token.probability < LOW_PROBABILITY) span.classList.add('low');
  span.setAttribute('aria-label', `${token.text} (${percent(token.probability)})`);
  tokenData.set(span, token);
  return span;
}

export function plainSpan(text: string): HTMLSpanElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

const tokenData = new WeakMap<Element, TokenConfidence>();

/**
 * The tooltip for the token under the pointer or with the focus: its
 * probability (and the raw one) and the top alternatives. Arrow keys move
 * between tokens of a sequence (one tab stop per sequence).
 */
export class TokenTooltip {
  private readonly element: HTMLDivElement;

  constructor(root: HTMLElement) {
    this.element = document.createElement('div');
    this.element.id = 'token-tooltip';
    this.element.setAttribute('role', 'tooltip');
    this.element.hidden = true;
    document.body.append(this.element);
    root.addEventListener('mouseover', (event) => this.showFor(event.target));
    root.addEventListener('focusin', (event) => this.showFor(event.target));
    root.addEventListener('mouseout', (event) => {
      if (event.target !== document.activeElement) this.hide();
    });
    root.addEventListener('focusout', () => this.hide());
    root.addEventListener('keydown', (event) => this.onKey(event));
  }

  private showFor(target: EventTarget | null): void {
    const span = target instanceof HTMLElement && target.classList.contains('token') ? target : undefined;
    const token = span && tokenData.get(span);
    if (!span || !token) return;
    const lines = [`“${visible(token.text)}”  ${percent(token.probability)}`];
    if (token.rawProbability !== undefined && Math.abs(token.rawProbability - token.probability) > 1e-6) lines.push(`model's raw probability ${percent(token.rawProbability)}`);
    const list = document.createElement('ol');
    for (const alt of token.alternatives) {
      const item = document.createElement('li');
      item.textContent = `${visible(alt.text)}  ${percent(alt.probability)}`;
      if (alt.text === token.text) item.className = 'chosen';
      list.append(item);
    }
    const head = document.createElement('div');
    head.textContent = lines.join(' · ');
    const altTitle = document.createElement('div');
    altTitle.className = 'alternatives-title';
    altTitle.textContent = token.alternatives.length ? 'Top alternatives:' : 'No alternatives reported.';
    this.element.replaceChildren(head, altTitle, list);
    this.element.hidden = false;
    span.setAttribute('aria-describedby', this.element.id);
    const box = span.getBoundingClientRect();
    const top = box.bottom + 4 + window.scrollY;
    this.element.style.top = `${top}px`;
    this.element.style.left = `${Math.max(4, Math.min(box.left + window.scrollX, window.innerWidth - this.element.offsetWidth - 8))}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    if (event.key === 'Escape') return this.hide();
    const container = target.closest('.sequence-text');
    if (!container) return;
    const tokens = Array.from(container.querySelectorAll<HTMLElement>('.token'));
    if (tokens.length === 0) return;
    let index = tokens.indexOf(target);
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') index = Math.min(tokens.length - 1, index + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') index = Math.max(0, index - 1);
    else if (event.key === 'Home') index = 0;
    else if (event.key === 'End') index = tokens.length - 1;
    else return;
    event.preventDefault();
    tokens[index]!.focus();
  }
}
