import type { MessageConnection } from 'vscode-jsonrpc';
import { ChecksMethods, ChecksNotifications, RunnerErrorCode } from '../protocol';
import { classify } from './classification';
import { runnerError } from './errors';
import type { ModelStore } from './modelStore';
import type { WorkQueue } from './workQueue';

/** `inkwell/classify`: local encoder models only (a chat server has no classification endpoint), in the work queue. */
export function registerClassificationHandler(connection: MessageConnection, deps: { store: ModelStore; queue: WorkQueue }): void {
  connection.onRequest(ChecksMethods.classify, async (params, token) =>
    deps.queue.run(async () => {
      const loaded = await deps.store.get(params.task, params.model, params.dtype);
      if (loaded.kind !== 'classifier') throw runnerError(RunnerErrorCode.InvalidParams, `"${params.model}" is not loaded as a ${params.task} model.`);
      const onProgress = (done: number, total: number) => {
        if (params.progressId) void connection.sendNotification(ChecksNotifications.progress, { progressId: params.progressId, done, total });
      };
      return classify(loaded, params, loaded.loadMs, { token, onProgress });
    }, token),
  );
}
