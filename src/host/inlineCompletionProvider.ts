import * as vscode from 'vscode';
import type { Config } from '../config';
import { delay } from '../core/delay';
import type { CompletionCache } from '../core/inline/completionCache';
import { generationLimits } from '../core/inline/generationLimits';
import { buildInlinePrompt } from '../core/inline/inlinePrompt';
import { isEnabledFor } from '../core/inline/languageToggle';
import { postprocessCompletions } from '../core/inline/postprocess';
import { TypingRhythm } from '../core/inline/typingRhythm';
import { MarkdownContextReader } from '../core/inline/markdownContext';
import type { PrefixWindow } from '../core/inline/prefixWindow';
import { suggestionUnit } from '../core/inline/unitStop';
import { Methods } from '../protocol';
import type { RunnerClient } from './runnerClient';
import { isModelMissing } from './runnerErrors';
import type { RequestOutcome, StatusState } from './statusState';
import { isChatInput } from '../core/chat/chatAnswerText';

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
    this.windows.delete(documentId);
    this.markdownReaders.delete(documentId);
    this.deps.cache.forgetDocument(documentId);
  }

  private async provide(document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[]> {
    const config = this.deps.config(document.languageId);
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    if (!isEnabledFor(config.inlineEnable, document.languageId) || (this.deps.snoozed() && !explicit)) return [];

    const documentId = document.uri.toString();
    const offset = document.offsetAt(position);
    const markdownReader = this.markdownReaders.get(documentId) ?? new MarkdownContextReader();
    this.markdownReaders.set(documentId, markdownReader);
    const prompt = buildInlinePrompt(document.getText(), offset, this.windows.get(documentId), { languageId: document.languageId, maxPrefixTokens: config.inlineContextTokens, markdownReader });
    if (prompt.skip !== null) {
      this.deps.log.debug(`inline: no suggestion at ${documentId}:${offset} (${prompt.skip})`);
      return [];
    }
    this.windows.set(documentId, prompt.window);
    const { before, prefix, suffix, comment } = prompt;
    const configuredMs = config.inlineDebounceMs;
    const debounceMs = explicit ? 0 : config.inlineAdaptiveDebounce ? this.rhythm.debounceMs({ now: performance.now(), configuredMs, before }) : configuredMs;
    const length = config.inlineLength;
    const limits = generationLimits(length, comment);
    const keyParts = { documentId, modelId: config.generationModel, settings: { dtype: config.dtype, length, suggestions: config.inlineSuggestions }, prefix: before, suffix };

    const cached = this.deps.cache.get(keyParts);
    if (cached && cached.length > 0) return this.items(cached, position);

    if (!explicit && !(await delay(debounceMs, token))) return [];
    this.running.get(documentId)?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running.set(documentId, source);
    const subscription = token.onCancellationRequested(() => source.cancel());
    this.deps.status.requestStarted();
    let outcome: RequestOutcome = { kind: 'cancelled' };
    try {
      const result = await this.deps.client.request(
        Methods.complete,
        { documentId, model: config.generationModel, dtype: config.dtype, prompt: prompt.prompt, suffix, n: config.inlineSuggestions, maxNewTokens: limits.maxNewTokens, stop: limits.stop, temperature: 0, unit: suggestionUnit(length, comment, before) },
        source.token,
      );
      // Cancelled (a newer keystroke, or VS Code no longer wants it): what came back is partial, not a suggestion.
      if (result.finishReason === 'cancelled' || source.token.isCancellationRequested) return [];
      outcome = { kind: 'done' };
      const ctx = { prefix, suffix, length, comment };
      const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const distinct = postprocessCompletions(result.completions, ctx).map((c) => c.replace(/\r?\n/g, eol));
      // bench:editor reads this line (runner's own time, and the text it should find on screen).
      this.deps.log.debug(`inline: debounce ${debounceMs} ms, ${result.promptTokens} prompt tokens (${result.reusedTokens} reused), ${result.generatedTokens} generated, queued ${Math.round(result.timings.queuedMs ?? 0)} ms, first token ${Math.round(result.timings.firstTokenMs)} ms, total ${Math.round(result.timings.totalMs)} ms, ${distinct.length} suggestion(s): ${JSON.stringify(distinct[0] ?? '')}`);
      if (distinct.length > 0) this.deps.cache.set(keyParts, distinct);
      return this.items(distinct, position);
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

  /** An empty range at the cursor: VS Code then inserts exactly the text (see DESIGN.md). */
  private items(completions: readonly string[], position: vscode.Position): vscode.InlineCompletionItem[] {
    return completions.map((text) => new vscode.InlineCompletionItem(text, new vscode.Range(position, position)));
  }
}
