import * as vscode from 'vscode';
import type { Config } from '../config';
import { delay } from '../core/delay';
import type { CompletionCache } from '../core/inline/completionCache';
import { buildInlinePrompt, type InlinePromptOptions } from '../core/inline/inlinePrompt';
import { nextSuggestionPrompt } from '../core/inline/nextSuggestionPrompt';
import { PrefetchSlot } from '../core/inline/prefetchSlot';
import { completeParams, finishSuggestions, suggestionKey } from '../core/inline/suggestionRequest';
import { isEnabledFor } from '../core/inline/languageToggle';
import { TypingRhythm } from '../core/inline/typingRhythm';
import { MarkdownContextReader } from '../core/inline/markdownContext';
import type { PrefixWindow } from '../core/inline/prefixWindow';
import { Methods, type CompleteResult } from '../protocol';
import { servedByServer } from './backend';
import type { RunnerClient } from './runnerClient';
import { isModelMissing } from './runnerErrors';
import type { RequestOutcome, StatusState } from './statusState';
import { isChatInput } from '../core/chat/chatAnswerText';

/** Where a shown suggestion sits, for asking for the one after it. */
interface PrefetchPlace {
  documentId: string;
  text: string;
  offset: number;
  config: Config;
  promptOptions: InlinePromptOptions;
  eol: '\n' | '\r\n';
}

/** The runner's side of a suggestion in one log line. */
const describeResult = (r: CompleteResult): string =>
  `${r.promptTokens} prompt tokens (${r.reusedTokens} reused), ${r.generatedTokens} generated, queued ${Math.round(r.timings.queuedMs ?? 0)} ms, first token ${Math.round(r.timings.firstTokenMs)} ms, total ${Math.round(r.timings.totalMs)} ms`;

/** True once `work` settles, false as soon as `token` is cancelled. */
function settledUnlessCancelled(work: Promise<void>, token: vscode.CancellationToken): Promise<boolean> {
  if (token.isCancellationRequested) return Promise.resolve(false);
  return new Promise((resolve) => {
    const subscription = token.onCancellationRequested(() => resolve(false));
    void work.then(() => {
      subscription.dispose();
      resolve(!token.isCancellationRequested);
    });
  });
}

export interface InlineDeps {
  client: RunnerClient;
  /** The settings as they apply to a language (`"[markdown]": {…}` overrides included). */
  config: (languageId: string) => Config;
  cache: CompletionCache;
  snoozed: () => boolean;
  /**
   * The runner said the model is not on this machine (`complete` never downloads): tell the
   * user (once; `asked` when they triggered it explicitly).
   */
  onModelMissing?: (asked: boolean) => void;
  log: vscode.LogOutputChannel;
  /** Where a request's start and end are reported (the status bar's spinner and warning). */
  status: Pick<StatusState, 'requestStarted' | 'requestEnded'>;
}

/**
 * Ghost text: prose everywhere, and in code only inside comments and
 * docstrings. Thin: the rules live in src/core, the model in the runner.
 */
export class InlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  /** The running request of each document: a new keystroke cancels the old one. */
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  private readonly windows = new Map<string, PrefixWindow>();
  private readonly markdownReaders = new Map<string, MarkdownContextReader>();
  private readonly rhythm = new TypingRhythm();
  private readonly prefetch = new PrefetchSlot();

  constructor(private readonly deps: InlineDeps) {}

  async provideInlineCompletionItems(document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[]> {
    // The Chat view's input box is an editor too; suggestions there would fight with Enter (send).
    if (isChatInput(document.uri.scheme)) return [];
    try {
      return await this.provide(document, position, context, token);
    } catch (err) {
      if (token.isCancellationRequested) return [];
      const message = err instanceof Error ? err.message : String(err);
      this.deps.log.warn(`Inline suggestion failed: ${message}`);
      this.deps.status.requestEnded({ kind: 'failed', message });
      return [];
    }
  }

  /** Forget a closed document (the runner drops its KV cache too). */
  forget(documentId: string): void {
    this.running.get(documentId)?.cancel();
    this.running.delete(documentId);
    this.prefetch.cancel(documentId);
    this.windows.delete(documentId);
    this.markdownReaders.delete(documentId);
    this.deps.cache.forgetDocument(documentId);
  }

  private async provide(document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[]> {
    const config = this.deps.config(document.languageId);
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    if (!isEnabledFor(config.inlineEnable, document.languageId) || (this.deps.snoozed() && !explicit)) return [];

    const documentId = document.uri.toString();
    const text = document.getText();
    const offset = document.offsetAt(position);
    this.deps.log.debug(`inline: asked at ${documentId}:${offset} (${explicit ? 'explicit' : 'automatic'})`);
    const markdownReader = this.markdownReaders.get(documentId) ?? new MarkdownContextReader();
    this.markdownReaders.set(documentId, markdownReader);
    const promptOptions = { languageId: document.languageId, maxPrefixTokens: config.inlineContextTokens, markdownReader };
    const prompt = buildInlinePrompt(text, offset, this.windows.get(documentId), promptOptions);
    if (prompt.skip !== null) {
      this.deps.log.debug(`inline: no suggestion at ${documentId}:${offset} (${prompt.skip})`);
      return [];
    }
    this.windows.set(documentId, prompt.window);
    const { before } = prompt;
    const configuredMs = config.inlineDebounceMs;
    const debounceMs = explicit ? 0 : config.inlineAdaptiveDebounce ? this.rhythm.debounceMs({ now: performance.now(), configuredMs, before }) : configuredMs;
    const keyParts = suggestionKey(documentId, config, prompt);
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const show = (completions: readonly string[]): vscode.InlineCompletionItem[] => {
      this.prefetchAfter(completions[0]!, { documentId, text, offset, config, promptOptions, eol });
      return this.items(completions, position);
    };

    const cached = this.deps.cache.get(keyParts);
    if (cached && cached.length > 0) return show(cached);
    // The user reached (or typed a little past) the end of the shown suggestion while its successor is still being asked for: wait for that.
    const pending = this.prefetch.pendingFor(keyParts);
    if (pending) {
      if (!(await settledUnlessCancelled(pending, token))) return [];
      const ready = this.deps.cache.get(keyParts);
      if (ready && ready.length > 0) return show(ready);
    }
    // A real request: a speculative one must not hold the runner while this one waits.
    this.prefetch.cancel();

    if (!explicit && !(await delay(debounceMs, token))) {
      this.deps.log.debug(`inline: superseded during the ${debounceMs} ms debounce`);
      return [];
    }
    this.running.get(documentId)?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running.set(documentId, source);
    const subscription = token.onCancellationRequested(() => source.cancel());
    this.deps.status.requestStarted();
    let outcome: RequestOutcome = { kind: 'cancelled' };
    try {
      const result = await this.deps.client.request(Methods.complete, completeParams(documentId, config, prompt), source.token);
      // Cancelled (a newer keystroke, or VS Code no longer wants it): what came back is partial, not a suggestion.
      if (result.finishReason === 'cancelled' || source.token.isCancellationRequested) return [];
      outcome = { kind: 'done' };
      const distinct = finishSuggestions(result.completions, config, prompt, eol);
      // bench:editor reads this line (runner's own time, and the text it should find on screen).
      this.deps.log.debug(`inline: debounce ${debounceMs} ms, ${describeResult(result)}, ${distinct.length} suggestion(s): ${JSON.stringify(distinct[0] ?? '')}`);
      if (distinct.length === 0) return [];
      this.deps.cache.set(keyParts, distinct);
      return show(distinct);
    } catch (err) {
      // Superseded by a newer keystroke, or the document closed: not a failure.
      if (source.token.isCancellationRequested) return [];
      const message = err instanceof Error ? err.message : String(err);
      if (isModelMissing(err)) {
        outcome = { kind: 'missing', message };
        this.deps.onModelMissing?.(explicit);
        return [];
      }
      this.deps.log.warn(`Inline suggestion failed: ${message}`);
      outcome = { kind: 'failed', message };
      return [];
    } finally {
      subscription.dispose();
      if (this.running.get(documentId) === source) {
        this.running.delete(documentId);
        this.deps.status.requestEnded(outcome);
      }
      source.dispose();
    }
  }

  /**
   * Asks, in the background, for the suggestion after `shown` (`inkwell.inline.prefetch`), so
   * that it is in the cache when the user has typed `shown` to its end. One at a time, never
   * reported in the status bar, cancelled by any real request; local models only (a server may bill each request).
   */
  private prefetchAfter(shown: string, at: PrefetchPlace): void {
    const { documentId, config, eol } = at;
    if (!config.inlinePrefetch || this.deps.snoozed() || servedByServer(config, 'text-generation')) return;
    const next = nextSuggestionPrompt(at.text, at.offset, shown, this.windows.get(documentId), at.promptOptions);
    if (next.skip !== null) return;
    const keyParts = suggestionKey(documentId, config, next);
    if (this.deps.cache.get(keyParts)) return;
    this.prefetch.start(keyParts, async (signal) => {
      const source = new vscode.CancellationTokenSource();
      const abort = () => source.cancel();
      signal.addEventListener('abort', abort);
      try {
        const result = await this.deps.client.request(Methods.complete, completeParams(documentId, config, next), source.token);
        if (result.finishReason === 'cancelled' || signal.aborted) return;
        const distinct = finishSuggestions(result.completions, config, next, eol);
        this.deps.log.debug(`inline prefetch: ${describeResult(result)}, ${distinct.length} suggestion(s): ${JSON.stringify(distinct[0] ?? '')}`);
        if (distinct.length > 0) this.deps.cache.set(keyParts, distinct);
      } catch (err) {
        if (!signal.aborted) this.deps.log.debug(`inline prefetch failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        signal.removeEventListener('abort', abort);
        source.dispose();
      }
    });
  }

  /** An empty range at the cursor: VS Code then inserts exactly the text (see DESIGN.md). */
  private items(completions: readonly string[], position: vscode.Position): vscode.InlineCompletionItem[] {
    return completions.map((text) => new vscode.InlineCompletionItem(text, new vscode.Range(position, position)));
  }
}
