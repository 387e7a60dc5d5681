import { StoppingCriteria, type PreTrainedTokenizer } from '@huggingface/transformers';
import { clipPieces, tokenStats } from '../core/generation/tokenConfidence';
import { StopTextTracker } from '../core/generation/streamStops';
import type { PlaygroundSequence, TokenConfidence } from '../protocol';

/** The logits of the current decoding step, all sequences' rows back to back. */
export interface StepRecord {
  raw: Float32Array;
  processed: Float32Array;
  sampled: boolean;
  topK: number;
}

export interface SequencesOptions {
  sequences: number;
  promptLength: number;
  stops: readonly string[];
  eos: number[];
  step: StepRecord;
  onTokens: (sequence: number, tokens: TokenConfidence[]) => void;
}

class Sequence {
  ids: (number | bigint)[] = [];
  tokens: TokenConfidence[] = [];
  emitted = '';
  finish: PlaygroundSequence['finishReason'] | undefined;
  readonly tracker: StopTextTracker;
  constructor(stops: readonly string[]) {
    this.tracker = new StopTextTracker(stops);
  }
}

/**
 * A stopping criterion over a batch of sequences: after every step it reads each
 * unfinished sequence's new token, its probability and alternatives, streams it,
 * and ends that sequence at EOS or a stop string. Generation stops once all have
 * ended (finished rows keep being sampled by generate() and are ignored).
 */
export class SequencesMonitor extends StoppingCriteria {
  private readonly rows: Sequence[];
  private readonly names = new Map<number, string>();
  private interrupted = false;
  firstTokenAt = 0;

  constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly options: SequencesOptions,
  ) {
    super();
    this.rows = Array.from({ length: options.sequences }, () => new Sequence(options.stops));
  }

  interrupt(): void {
    this.interrupted = true;
  }

  override _call(inputIds: (number | bigint)[][]): boolean[] {
    if (!this.firstTokenAt) this.firstTokenAt = performance.now();
    const { step } = this.options;
    const vocab = step.raw.length / this.rows.length;
    this.rows.forEach((row, index) => {
      if (row.finish) return;
      const id = inputIds[index]?.at(-1);
      if (id === undefined) return;
      row.ids.push(id);
      const chosen = Number(id);
      if (this.options.eos.includes(chosen)) {
        row.finish = 'eos';
        return;
      }
      const stats = tokenStats(
        { raw: step.raw.subarray(index * vocab, (index + 1) * vocab), processed: step.processed.subarray(index * vocab, (index + 1) * vocab), sampled: step.sampled, topK: step.topK },
        chosen,
      );
      const decoded = this.tokenizer.decode(row.ids as bigint[], { skip_special_tokens: true });
      // A token that ends inside a UTF-8 character shows with the next one.
      const text = decoded.endsWith('\uFFFD') || !decoded.startsWith(row.emitted) ? '' : decoded.slice(row.emitted.length);
      if (text) {
        const token: TokenConfidence = {
          text,
          probability: stats.probability,
          rawProbability: stats.rawProbability,
          alternatives: stats.alternatives.map((alt) => ({ text: this.tokenName(alt.id), probability: alt.probability })),
        };
        row.emitted = decoded;
        row.tokens.push(token);
        this.options.onTokens(index, [token]);
      }
      row.tracker.update(decoded);
      if (row.tracker.stopped) row.finish = 'stop';
    });
    if (this.interrupted) for (const row of this.rows) row.finish ??= 'cancelled';
    return inputIds.map((_, index) => this.rows[index]?.finish !== undefined);
  }

  /** Each sequence's final text and tokens (cut at its stop string). */
  results(): PlaygroundSequence[] {
    return this.rows.map((row) => {
      const decoded = this.tokenizer.decode(row.ids as bigint[], { skip_special_tokens: true });
      row.tracker.finish(decoded);
      const text = row.tracker.text;
      return { text, tokens: clipPieces(row.tokens, text), generatedTokens: row.ids.length, finishReason: row.finish ?? 'length' };
    });
  }

  private tokenName(id: number): string {
    let text = this.names.get(id);
    if (text === undefined) {
      text = this.tokenizer.decode([BigInt(id)], { skip_special_tokens: false });
      this.names.set(id, text);
    }
    return text;
  }
}
