import type { MessageConnection } from 'vscode-jsonrpc';
import { PlaygroundMethods, PlaygroundNotifications, type PlaygroundParams } from '../protocol';
import type { ModelStore } from './modelStore';
import { playgroundGenerate, type PlaygroundHooks } from './playground';
import type { RunnerSettings } from './runnerSettings';
import { serverPlayground } from './server/serverPlayground';
import type { WorkQueue } from './workQueue';
import type { CancellationToken } from 'vscode-jsonrpc';

export interface PlaygroundDeps {
  store: ModelStore;
  queue: WorkQueue;
  /** Decides where the task runs (`serverFor`). */
  settings: Pick<RunnerSettings, 'serverFor'>;
}

/** The Playground's request: local models in the work queue, or the configured server. */
export function registerPlaygroundHandler(connection: MessageConnection, deps: PlaygroundDeps): void {
  const hooks = (params: PlaygroundParams, token: CancellationToken): PlaygroundHooks => ({
    token,
    onTokens: (sequence, tokens) => {
      if (params.streamId) void connection.sendNotification(PlaygroundNotifications.tokens, { streamId: params.streamId, sequence, tokens });
    },
    onText: (sequence, text) => {
      if (params.streamId) void connection.sendNotification(PlaygroundNotifications.tokens, { streamId: params.streamId, sequence, tokens: [], text });
    },
  });
  connection.onRequest(PlaygroundMethods.generate, async (params, token) => {
    const server = deps.settings.serverFor(params.task);
    if (server) return serverPlayground(server, params, hooks(params, token));
    return deps.queue.run(async () => {
      const loaded = await deps.store.get(params.task, params.model, params.dtype);
      if (loaded.kind !== 'causal') throw new Error(`${params.task} model is not a causal LM`);
      return playgroundGenerate(loaded, params, loaded.loadMs, hooks(params, token));
    }, token);
  });
}
