/**
 * JSON-RPC handlers for models on disk: download (with progress and cancel),
 * list and delete the cache, and what a model offers (`modelInfo`).
 */
import { existsSync } from 'node:fs';
import type { MessageConnection } from 'vscode-jsonrpc';
import { Methods, RunnerErrorCode, type ModelInfoParams, type ModelInfoResult } from '../protocol';
import { cachedModelInfo, deleteCached, listCached } from './download/cacheIndex';
import { runnerError } from './errors';
import { FileInUseError } from './fileReplace';
import { hostPlatform, sameModel } from './modelPaths';
import { precisionsOf } from '../core/weightFiles';
import { checkModelFolder, folderVariants, ownModelFolder, resolveInFolder } from './modelFiles';
import type { ModelStore } from './modelStore';
import type { RunnerSettings } from './runnerSettings';
import type { WorkQueue } from './workQueue';

export interface ModelHandlerDeps {
  settings: RunnerSettings;
  store: ModelStore;
  queue: WorkQueue;
}

export function registerModelHandlers(connection: MessageConnection, deps: ModelHandlerDeps): void {
  const { settings, store, queue } = deps;
  const downloads = store.downloads;

  connection.onRequest(Methods.downloadModel, async (params, token) => {
    const started = performance.now();
    const own = ownFolder(settings, params.model);
    if (own) {
      const resolved = resolveInFolder(params.model, own, params.task, params.dtype);
      checkModelFolder(params.model, own, params.task, resolved.variant);
      return { dtype: resolved.precision, variant: resolved.variant, files: 0, bytes: 0, ms: performance.now() - started, refetched: [] };
    }
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    try {
      const result = await downloads.ensure(params.task, params.model, params.dtype, abort.signal);
      return { dtype: result.dtype, variant: result.variant, files: result.files, bytes: result.bytes, ms: performance.now() - started, refetched: result.refetched };
    } finally {
      subscription.dispose();
    }
  });

  connection.onRequest(Methods.listCachedModels, () => listCached(downloads));

  connection.onRequest(Methods.deleteCachedModel, async ({ model }) => {
    await queue.run(async () => {
      if (!(await store.loaded()).some((m) => sameModel(m.model, model, hostPlatform()))) return;
      await store.unload(undefined, model);
    });
    return deleteCached(downloads, model).catch((err: unknown) => {
      throw err instanceof FileInUseError ? new Error(`Inkwell unloaded "${model}" and retried for 3 s, but could not delete it. ${err.message}`) : err;
    });
  });

  connection.onRequest(Methods.modelInfo, (params) => modelInfo(settings, store, params));
}

/** The user's own folder for `model` (which must exist), or undefined for a hub model. */
function ownFolder(settings: RunnerSettings, model: string): string | undefined {
  const own = ownModelFolder(model, settings.value.localModelPath);
  if (own && !existsSync(own)) throw runnerError(RunnerErrorCode.ModelNotDownloaded, `Model folder "${model}" does not exist.`);
  return own;
}

async function modelInfo(settings: RunnerSettings, store: ModelStore, params: ModelInfoParams): Promise<ModelInfoResult> {
  const own = ownFolder(settings, params.model);
  if (!own) return cachedModelInfo(store.downloads, params);
  const dtypes = precisionsOf(folderVariants(own, params.task));
  return { model: params.model, source: 'local', dtypes, sizes: {}, downloaded: dtypes };
}
