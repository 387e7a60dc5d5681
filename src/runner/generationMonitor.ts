import { StoppingCriteria, type PreTrainedTokenizer } from '@huggingface/transformers';
import { StopTextTracker } from '../core/generation/streamStops';

/**
 * A stopping criterion that, after every token, decodes what has been generated,
 * streams the new text, and stops at a stop string or when cancelled.
 */
export class GenerationMonitor extends StoppingCriteria {
  readonly tracker: StopTextTracker;
  firstTokenAt = 0;
  generated: (number | bigint)[] = [];
  interrupted = false;
  /** How many tokens had been generated when the interruption arrived. */
  tokensAtInterrupt = 0;
  /** Set when `unitEnded` said the text shown is complete. */
  unitStopped = false;

  constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly promptLength: number,
    stops: readonly string[],
    private readonly onText: (delta: string) => void,
    /** Is the suggestion complete (text before any stop string)? Checked after every token. */
    private readonly unitEnded?: (text: string) => boolean,
  ) {
    super();
    this.tracker = new StopTextTracker(stops);
  }

  /** Stop after the current token. */
  interrupt(): void {
    if (this.interrupted) return;
    this.interrupted = true;
    this.tokensAtInterrupt = this.generated.length;
  }

  override _call(inputIds: (number | bigint)[][]): boolean[] {
    const ids = inputIds[0] ?? [];
    this.generated = ids.slice(this.promptLength);
    if (!this.firstTokenAt && this.generated.length > 0) this.firstTokenAt = performance.now();
    const delta = this.tracker.update(this.decoded());
    if (delta) this.onText(delta);
    if (!this.tracker.stopped && this.unitEnded?.(this.tracker.text)) this.unitStopped = true;
    return inputIds.map(() => this.interrupted || this.tracker.stopped || this.unitStopped);
  }

  decoded(): string {
    return this.tokenizer.decode(this.generated as bigint[], { skip_special_tokens: true });
  }

  /** Emits any held-back tail and returns the final text. */
  finish(): string {
    const delta = this.tracker.finish(this.decoded());
    if (delta) this.onText(delta);
    return this.tracker.text;
  }
}
