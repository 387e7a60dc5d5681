import * as vscode from 'vscode';
import type { Config } from '../config';
import { delay } from '../core/delay';
import type { CompletionCache } from '../core/inline/completionCache';
import { generationLimits } from '../core/inline/generationLimits';
import { buildInlinePrompt } from '../core/inline/inlinePrompt';
import { isEnabledFor } from '../core/inline/languageToggle';
import { postprocessCompletions } from '../core/inline/postprocess';
import { MarkdownContextReader } from '../core/inline/markdownContext';
import type { PrefixWindow } from '../core/inline/prefixWindow';
import { suggestionUnit } from '../core/inline/unitStop';
import { Methods } from '../protocol';
import type { RunnerClient } from './runnerClient';

export interface InlineDeps {
  client: RunnerClient;
  /** The settings as they apply to a language (`"[markdown]": {…}` overrides included). */
  config: (languageId: string) => Config;
  cache: CompletionCache;
  snoozed: () => boolean;
  /** Is the model on disk (or served remotely)? Inline suggestions never start a download. */
  modelReady: () => Promise<boolean>;
  /** The model is missing: tell the user (once; `asked` when they triggered it explicitly). */
  onModelMissing?: (asked: boolean) => void;
  log: vscode.LogOutputChannel;
  /** Reports "thinking" (a request is running) and errors to the status bar. */
  onActivity: (activity: { thinking: boolean; error?: string }) => void;
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

  constructor(private readonly deps: InlineDeps) {}

  async provideInlineCompletionItems(document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[]> {
    try {
      return await this.provide(document, position, context, token);
    } catch (err) {
      if (token.isCancellationRequested) return [];
      const message = err instanceof Error ? err.message : String(err);
      this.deps.log.warn(`Inline suggestion failed: ${message}`);
      this.deps.onActivity({ thinking: false, error: message });
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
    const markdownReader = this.markdownReaders.get(documentId) ?? new MarkdownContextReader();
    this.markdownReaders.set(documentId, markdownReader);
    const prompt = buildInlinePrompt(document.getText(), document.offsetAt(position), this.windows.get(documentId), { languageId: document.languageId, maxPrefixTokens: config.inlineContextTokens, markdownReader });
    if (prompt.skip !== null) return [];
    this.windows.set(documentId, prompt.window);
    const { before, prefix, suffix, comment } = prompt;
    const length = config.inlineLength;
    const limits = generationLimits(length, comment);
    const keyParts = { documentId, modelId: config.generationModel, settings: { dtype: config.dtype, length, suggestions: config.inlineSuggestions }, prefix: before, suffix };

    const cached = this.deps.cache.get(keyParts);
    if (cached && cached.length > 0) return this.items(cached, position);
    if (!(await this.deps.modelReady())) {
      this.deps.onModelMissing?.(explicit);
      return [];
    }

    if (!explicit && !(await delay(config.inlineDebounceMs, token))) return [];
    this.running.get(documentId)?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running.set(documentId, source);
    const subscription = token.onCancellationRequested(() => source.cancel());
    this.deps.onActivity({ thinking: true });
    try {
      const result = await this.deps.client.request(
        Methods.complete,
        { documentId, model: config.generationModel, dtype: config.dtype, prompt: prompt.prompt, suffix, n: config.inlineSuggestions, maxNewTokens: limits.maxNewTokens, stop: limits.stop, temperature: 0, unit: suggestionUnit(length, comment, before) },
        source.token,
      );
      if (source.token.isCancellationRequested) return [];
      const ctx = { prefix, suffix, length, comment };
      const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const distinct = postprocessCompletions(result.completions, ctx).map((c) => c.replace(/\r?\n/g, eol));
      // bench:editor reads this line (runner's own time, and the text it should find on screen).
      this.deps.log.debug(`inline: ${result.promptTokens} prompt tokens (${result.reusedTokens} reused), ${result.generatedTokens} generated, queued ${Math.round(result.timings.queuedMs ?? 0)} ms, first token ${Math.round(result.timings.firstTokenMs)} ms, total ${Math.round(result.timings.totalMs)} ms, ${distinct.length} suggestion(s): ${JSON.stringify(distinct[0] ?? '')}`);
      if (distinct.length > 0) this.deps.cache.set(keyParts, distinct);
      return this.items(distinct, position);
    } catch (err) {
      // Superseded by a newer keystroke, or the document closed: not a failure.
      if (source.token.isCancellationRequested) return [];
      throw err;
    } finally {
      subscription.dispose();
      if (this.running.get(documentId) === source) {
        this.running.delete(documentId);
        this.deps.onActivity({ thinking: false });
      }
      source.dispose();
    }
  }

  /** An empty range at the cursor: VS Code then inserts exactly the text (see DESIGN.md). */
  private items(completions: readonly string[], position: vscode.Position): vscode.InlineCompletionItem[] {
    return completions.map((text) => new vscode.InlineCompletionItem(text, new vscode.Range(position, position)));
  }
}
