/** Chat: the `@inkwell` participant, its answer buttons, and Inkwell's models in the chat model picker (where VS Code has each API). */
import * as vscode from 'vscode';
import type { ConfigWatcher } from '../../config';
import { Methods } from '../../protocol';
import { servedByServer } from '../backend';
import type { EnsureModel } from '../models';
import { isModelDownloaded } from '../models/availability';
import type { RunnerClient } from '../runnerClient';
import type { WritingJobs } from '../writing/writingJob';
import { registerAnswerCommands } from './answerCommands';
import { registerChatParticipant } from './chatParticipant';
import { languageModelApi } from './languageModelApi';
import { InkwellLanguageModels, LM_VENDOR } from './languageModelProvider';
import { registerTestHooks } from './testHooks';

export interface ChatDeps {
  client: RunnerClient;
  config: ConfigWatcher;
  log: vscode.LogOutputChannel;
  ensureAvailable: EnsureModel;
  /** Fires when the model runner has started (the picker's list can then be checked on disk). */
  onRunnerReady: vscode.Event<void>;
  jobs: WritingJobs;
  extensionUri: vscode.Uri;
}

function registerModelProvider(deps: ChatDeps): vscode.Disposable {
  const api = languageModelApi(vscode);
  if (!api) {
    deps.log.info(`Chat: VS Code ${vscode.version} has no language model provider API (1.104+); Inkwell's models are not in the chat model picker.`);
    return new vscode.Disposable(() => undefined);
  }
  const changed = new vscode.EventEmitter<void>();
  let lastListed = '';
  const provider = new InkwellLanguageModels({
    client: deps.client,
    config: () => deps.config.current,
    isDownloaded: (model) => isModelDownloaded(deps.client, 'instruction', model, deps.config.current.dtype),
    cachedModels: async () => (await deps.client.request0(Methods.listCachedModels)).filter((m) => m.complete).map((m) => m.model),
    textPart: api.textPart,
    onDidChange: changed.event,
    listed: (names) => {
      const text = names.join(', ') || 'none on disk';
      if (text !== lastListed) deps.log.info(`Chat: Inkwell's models in the model picker: ${text}.`);
      lastListed = text;
    },
    limitLearned: () => changed.fire(),
    runnerStarted: () => ['starting', 'ready'].includes(deps.client.currentState),
    ensureModel: (model) => deps.ensureAvailable('instruction', model),
  });
  try {
    const registration = api.register(LM_VENDOR, provider);
    // VS Code (1.139) asks a provider for its models only when something asks for its vendor;
    // signed out nothing does, and the picker stays empty. Saying "changed" makes it ask now.
    changed.fire();
    return vscode.Disposable.from(changed, registration, deps.config.onDidChange(() => changed.fire()), deps.onRunnerReady(() => changed.fire()));
  } catch (err) {
    changed.dispose();
    deps.log.warn(`Chat: could not register Inkwell's language models: ${String(err)}`);
    return new vscode.Disposable(() => undefined);
  }
}

export function registerChat(deps: ChatDeps): vscode.Disposable {
  const config = (): typeof deps.config.current => deps.config.current;
  return vscode.Disposable.from(
    registerAnswerCommands(deps),
    registerChatParticipant({
      client: deps.client,
      config,
      log: deps.log,
      extensionUri: deps.extensionUri,
      modelReady: (model) => (servedByServer(config(), 'instruction') ? Promise.resolve(true) : deps.ensureAvailable('instruction', model)),
      // Translation always runs locally, as for "Translate Selection".
      translationReady: (model) => deps.ensureAvailable('translation', model),
    }),
    registerModelProvider(deps),
    registerTestHooks(process.env, deps.log),
  );
}
