/**
 * The model runner: a child process of the extension host that owns every
 * model. It talks JSON-RPC over the Node IPC channel (stdout is left to
 * transformers.js and logs) and exits when its parent goes away.
 */
import { getHeapStatistics } from 'node:v8';
import { env } from '@huggingface/transformers';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { Methods, Notifications } from '../protocol';
import { complete } from './completion';
import { IdleUnloader } from './idleUnloader';
import { registerModelHandlers } from './modelHandlers';
import { ModelStore } from './modelStore';
import { answerDetectLanguage } from './languageDetection';
import { registerPlaygroundHandler } from './playgroundHandler';
import { PrefixCache, prefixModelKey } from './prefixCache';
import { RunnerSettings } from './runnerSettings';
import { serverComplete, serverGenerate } from './server/openaiClient';
import { countTokens } from './tokenCount';
import { runSeq2Seq } from './seq2seq';
import { generateText, type GenerationHooks } from './textGeneration';
import { WorkQueue } from './workQueue';
import type { CancellationToken } from 'vscode-jsonrpc';

if (!process.send) {
  console.error('The Inkwell runner must be started by the extension with an IPC channel.');
  process.exit(2);
}

const connection = createMessageConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
/** What the last `initialize` said; also decides where a task runs (`serverFor`). A server batches requests itself, so they skip the local queue. */
const settings = new RunnerSettings();
const store = new ModelStore(settings, (progress) => void connection.sendNotification(Notifications.progress, progress));
const queue = new WorkQueue();
/** KV caches of recent documents: about 46 KB a token at SmolLM2-135M's size, so 256 MB is ~5,500 tokens. */
const prefixCache = new PrefixCache(256 * 2 ** 20);
// Whoever unloads a model (replaced, idle, on request, new settings), its KV caches go with it.
store.onDidUnload((model) => prefixCache.dropModel(prefixModelKey(model)));
/** Unloads models unused for `idleUnloadMinutes`. */
const idleUnloader = new IdleUnloader({ settings, store, queue });

function hooks(streamId: string | undefined, token: CancellationToken): GenerationHooks {
  return {
    token,
    onText: (text) => {
      if (streamId) void connection.sendNotification(Notifications.chunk, { streamId, text });
    },
  };
}

connection.onRequest(Methods.initialize, async (params) => {
  // Models loaded from another folder or with another thread count must be loaded again.
  if (settings.apply(params)) await queue.run(() => store.unload());
  return {
    pid: process.pid,
    versions: { node: process.versions.node, transformers: env.version, onnxruntime: process.versions['onnxruntime'] ?? 'node' },
  };
});

connection.onRequest(Methods.loadModel, async (params, token) =>
  queue.run(async () => {
    const loaded = await store.get(params.task, params.model, params.dtype, !params.noDownload);
    return { loadMs: loaded.loadMs, dtype: loaded.dtype, variant: loaded.variant };
  }, token),
);

connection.onRequest(Methods.generate, async (params, token) => {
  const task = params.task ?? 'text-generation';
  const server = settings.serverFor(task);
  if (server) return serverGenerate(server, params, hooks(params.streamId, token));
  return queue.run(async () => {
    const loaded = await store.get(task, params.model, params.dtype);
    if (loaded.kind !== 'causal') throw new Error('text-generation model is not a causal LM');
    return generateText(loaded, params, loaded.loadMs, hooks(params.streamId, token));
  }, token);
});

connection.onRequest(Methods.complete, async (params, token) => {
  const server = settings.serverFor('text-generation');
  if (server) return serverComplete(server, params, hooks(undefined, token));
  const received = performance.now();
  // A missing model is reported at once, even while a long job holds the queue (inline suggestions never download).
  await store.checkOnDisk('text-generation', params.model, params.dtype);
  return queue.run(async () => {
    const queuedMs = performance.now() - received;
    const loaded = await store.get('text-generation', params.model, params.dtype, false);
    if (loaded.kind !== 'causal') throw new Error('text-generation model is not a causal LM');
    const result = await complete(loaded, prefixModelKey(loaded.info), prefixCache, params, loaded.loadMs, hooks(undefined, token));
    return { ...result, timings: { ...result.timings, queuedMs } };
  }, token);
});

connection.onRequest(Methods.detectLanguage, (params) => answerDetectLanguage(params));

connection.onRequest(Methods.closeDocument, (params) => prefixCache.drop(params.documentId));

connection.onRequest(Methods.summarize, async (params, token) =>
  queue.run(async () => {
    const loaded = await store.get('summarization', params.model, params.dtype);
    if (loaded.kind !== 'seq2seq') throw new Error('summarization model is not a sequence-to-sequence model');
    return runSeq2Seq(loaded, params, loaded.loadMs, hooks(params.streamId, token));
  }, token),
);

connection.onRequest(Methods.translate, async (params, token) =>
  queue.run(async () => {
    const loaded = await store.get('translation', params.model, params.dtype);
    if (loaded.kind !== 'seq2seq') throw new Error('translation model is not a sequence-to-sequence model');
    return runSeq2Seq(loaded, params, loaded.loadMs, hooks(params.streamId, token));
  }, token),
);

connection.onRequest(Methods.countTokens, async (params, token) =>
  queue.run(async () => countTokens(await store.get(params.task, params.model, params.dtype), params.texts), token),
);

connection.onRequest(Methods.unloadModel, (params) => queue.run(() => store.unload(undefined, params.model)));

connection.onRequest(Methods.status, async () => {
  const memory = process.memoryUsage();
  return {
    loaded: await store.loaded(),
    memory: { rssMB: Math.round(memory.rss / 2 ** 20), heapUsedMB: Math.round(memory.heapUsed / 2 ** 20), heapLimitMB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20) },
    busy: queue.busy,
    peakJobs: queue.peakRunning,
    prefixCache: { documents: prefixCache.documents, megabytes: Math.round(prefixCache.totalBytes / 2 ** 20) },
  };
});

connection.onRequest(Methods.ping, () => undefined);

// Exiting frees everything; disposing sessions here could pull them from under a running generation.
connection.onRequest(Methods.shutdown, () => {
  setImmediate(() => process.exit(0));
});

registerModelHandlers(connection, { settings, store, queue });
registerPlaygroundHandler(connection, { store, queue, settings });

// A rejection nobody handled is a bug: say so in the log (the host's "Inkwell" channel) instead of dying silently.
process.on('unhandledRejection', (reason) => console.error(`Unhandled rejection in the runner: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

// The parent went away (closed the channel or died): nothing left to serve.
process.on('disconnect', () => process.exit(0));
connection.onClose(() => {
  idleUnloader.dispose();
  process.exit(0);
});
connection.listen();
