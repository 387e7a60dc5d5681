/**
 * Inkwell's instruction models in VS Code's chat model picker
 * (`contributes.languageModelChatProviders`, vendor `inkwell`): the configured
 * remote model when a server is set up, else the local instruction models on
 * disk. Answers stream from the runner; tokens are counted with the model's own
 * tokenizer. Only types from vscode: tests call it with the real runner.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { Config } from '../../config';
import { entriesFor, findEntry } from '../../core/catalog';
import { SERVER_INPUT_LIMIT } from '../../core/text/tokenEstimate';
import { Methods, type ChatMessage } from '../../protocol';
import { servedByServer } from '../backend';
import type { RunnerClient } from '../runnerClient';
import { messageRole, messageText, type LanguageModelInfo, type LanguageModelProvider, type LanguageModelRequestMessage } from './languageModelApi';

/** Must match `contributes.languageModelChatProviders[0].vendor` in package.json. */
export const LM_VENDOR = 'inkwell';
/**
 * Until the runner has read a model's limit (its first token count: the tokenizer's
 * `model_max_length` and the config's `max_position_embeddings`), this is assumed; then
 * the provider tells VS Code the real one (the runner refuses longer prompts either way).
 */
const ASSUMED_CONTEXT = 4096;
const ANSWER_TOKENS = 1024;

export interface ProviderDeps {
  client: Pick<RunnerClient, 'request' | 'stream'>;
  config: () => Config;
  /** Whether a local model is on disk, asked without network or prompts. */
  isDownloaded: (model: string) => Promise<boolean>;
  /** Models in the download cache (complete ones). */
  cachedModels: () => Promise<string[]>;
  textPart: (value: string) => unknown;
  onDidChange?: vscode.Event<void>;
  /** Called with the models listed to VS Code. */
  listed?: (names: string[]) => void;
  /** A model's real context limit became known (differs from what was listed): list again. */
  limitLearned?: () => void;
  /**
   * Whether the runner is up. Before first use Inkwell does not start it just to fill the
   * picker: the configured model is listed unchecked, and the list is exact once it runs.
   */
  runnerStarted?: () => boolean;
  /** Before a local model answers: on disk, or downloaded with the user's consent (as the commands do). */
  ensureModel?: (model: string) => Promise<boolean>;
}

export interface InkwellModelInfo extends LanguageModelInfo {
  /** The model as the runner knows it (hub id or folder). */
  readonly model: string;
  readonly remote: boolean;
}

function displayName(model: string): string {
  return findEntry(model) ? model.split('/').pop()! : path.basename(model);
}

export class InkwellLanguageModels implements LanguageModelProvider<InkwellModelInfo> {
  /** Context sizes learned from the runner (a model's own limit, once it was loaded). */
  private readonly limits = new Map<string, number>();
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;

  constructor(private readonly deps: ProviderDeps) {
    this.onDidChangeLanguageModelChatInformation = deps.onDidChange;
  }

  private info(model: string, remote: boolean, detail: string): InkwellModelInfo {
    const limit = remote ? SERVER_INPUT_LIMIT : (this.limits.get(model) ?? ASSUMED_CONTEXT);
    return {
      id: remote ? `remote:${model}` : model,
      name: `Inkwell: ${displayName(model) || 'server model'}`,
      family: remote ? 'inkwell-remote' : 'inkwell-local',
      version: this.deps.config().dtype,
      maxInputTokens: limit - Math.min(ANSWER_TOKENS, Math.floor(limit / 2)),
      maxOutputTokens: Math.min(ANSWER_TOKENS, Math.floor(limit / 2)),
      tooltip: remote ? `${model} on ${this.deps.config().remoteBaseUrl}` : `${model}, on this machine`,
      detail,
      capabilities: { imageInput: false, toolCalling: false },
      model,
      remote,
    };
  }

  async provideLanguageModelChatInformation(): Promise<InkwellModelInfo[]> {
    const config = this.deps.config();
    if (servedByServer(config, 'instruction')) return [this.info(config.remoteModel, true, 'remote server')];
    if (this.deps.runnerStarted?.() === false) {
      const unchecked = [this.info(config.instructionModel, false, 'local, loads on first use')];
      this.deps.listed?.(unchecked.map((m) => `${m.name} (not checked on disk until the runner starts)`));
      return unchecked;
    }
    const candidates = [config.instructionModel, ...entriesFor('instruction').map((e) => e.id)];
    const cached = new Set(await this.deps.cachedModels().catch(() => [] as string[]));
    const models: InkwellModelInfo[] = [];
    for (const model of new Set(candidates)) {
      const onDisk = cached.has(model) || (model === config.instructionModel && (await this.deps.isDownloaded(model).catch(() => false)));
      if (onDisk) models.push(this.info(model, false, 'local'));
    }
    this.deps.listed?.(models.map((m) => `${m.name} (${m.maxInputTokens} input tokens)`));
    return models;
  }

  async provideLanguageModelChatResponse(model: InkwellModelInfo, messages: readonly LanguageModelRequestMessage[], _options: unknown, progress: vscode.Progress<unknown>, token: vscode.CancellationToken): Promise<void> {
    const config = this.deps.config();
    const chat: ChatMessage[] = messages.map((m) => ({ role: messageRole(m.role), content: messageText(m) })).filter((m) => m.content.length > 0);
    if (chat.length === 0) throw new Error('Inkwell got no text to answer (it reads text messages only).');
    if (!model.remote && this.deps.ensureModel && !(await this.deps.ensureModel(model.model))) throw new Error(`Inkwell's model ${model.model} is not on this machine (download it with "Inkwell: Download Models…" or pick another model).`);
    await this.deps.client.stream(
      Methods.generate,
      { task: 'instruction', model: model.model, dtype: config.dtype, messages: chat, maxNewTokens: model.maxOutputTokens, temperature: config.temperature, topP: config.topP, repetitionPenalty: 1.1 },
      (text) => progress.report(this.deps.textPart(text)),
      token,
    );
  }

  async provideTokenCount(model: InkwellModelInfo, text: string | LanguageModelRequestMessage, token: vscode.CancellationToken): Promise<number> {
    const value = typeof text === 'string' ? text : messageText(text);
    if (model.remote || servedByServer(this.deps.config(), 'instruction')) return Math.ceil(value.length / 4);
    const { counts, limit } = await this.deps.client.request(Methods.countTokens, { model: model.model, dtype: this.deps.config().dtype, task: 'instruction', texts: [value] }, token);
    if (this.limits.get(model.model) !== limit) {
      this.limits.set(model.model, limit);
      if (limit !== ASSUMED_CONTEXT) this.deps.limitLearned?.();
    }
    // A message also carries the chat template's role markers.
    return (counts[0] ?? 0) + (typeof text === 'string' ? 0 : 8);
  }
}
