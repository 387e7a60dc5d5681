/**
 * JSON-RPC handlers for models on disk: download (with progress and cancel),
 * list and delete the cache, and what a model offers; plus idle unload.
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
import { IdleUnloader } from './resourceManager';
import type { WorkQueue } from './workQueue';

export interface ModelHandlerDeps {
  store: ModelStore;
  queue: WorkQueue;
  /** Cleared when a text model is unloaded (its KV caches hold that model's tensors). */
  prefixCache: { clear(): void };
}

export function registerModelHandlers(connection: MessageConnection, deps: ModelHandlerDeps): IdleUnloader {
  const { store, queue, prefixCache } = deps;
  const downloads = store.downloads;

  connection.onRequest(Methods.downloadModel, async (params, token) => {
    const started = performance.now();
    const own = ownFolder(store, params.model);
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
      prefixCache.clear();
    });
    return deleteCached(downloads, model).catch((err: unknown) => {
      throw err instanceof FileInUseError ? new Error(`Inkwell unloaded "${model}" and retried for 3 s, but could not delete it. ${err.message}`) : err;
    });
  });

  connection.onRequest(Methods.modelInfo, (params) => modelInfo(store, params));

  return new IdleUnloader({ store, queue, onUnload: () => prefixCache.clear() });
}

/** The user's own folder for `model` (which must exist), or undefined for a hub model. */
function ownFolder(store: ModelStore, model: string): string | undefined {
  const own = ownModelFolder(model, store.settings.localModelPath);
  if (own && !existsSync(own)) throw runnerError(RunnerErrorCode.ModelNotFound, `Model folder "${model}" does not exist.`);
  return own;
}

async function modelInfo(store: ModelStore, params: ModelInfoParams): Promise<ModelInfoResult> {
  const own = ownFolder(store, params.model);
  if (!own) return cachedModelInfo(store.downloads, params);
  const dtypes = precisionsOf(folderVariants(own, params.task));
  return { model: params.model, source: 'local', dtypes, sizes: {}, downloaded: dtypes };
}
