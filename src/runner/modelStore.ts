import {
  AutoModelForCausalLM,
  AutoTokenizer,
  env,
  pipeline,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo,
  type SummarizationPipeline,
  type TranslationPipeline,
} from '@huggingface/transformers';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Emitter, type Event } from 'vscode-jsonrpc';
import { systemClock, type Clock } from '../core/clock';
import type { Dtype, LoadedModel, ProgressParams, Task } from '../protocol';
import { causalTasks, classificationTasks, RunnerErrorCode, type ClassificationTask } from '../protocol';
import type { Classifier } from './classification';
import { ModelDownloader } from './download/downloader';
import { DEFAULT_HUB_HOST } from './download/hubApi';
import { loadFailure, runnerError } from './errors';
import type { Precision, Variant } from '../core/weightFiles';
import { checkModelFolder, describeChoice, externalDataFormat, onnxFiles, ownModelFolder, resolveInFolder } from './modelFiles';
import { hostPlatform, modelKey, sameModel } from './modelPaths';
import { ownedModel } from './decode/ownedModel';
import { withDecoderEdit } from './decode/editedSession';
import type { RunnerSettings } from './runnerSettings';

export interface CausalLm {
  kind: 'causal';
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
}
export interface Seq2Seq {
  kind: 'seq2seq';
  pipe: SummarizationPipeline | TranslationPipeline;
}
export type Loaded = (CausalLm | Seq2Seq | Classifier) & { dtype: Precision; variant: Variant; loadMs: number; info: LoadedModel };

type ProgressSink = (p: ProgressParams) => void;

/** A model's folder on disk and the dtype to load from it. */
interface Located {
  folder: string;
  dtype: Precision;
  /** The weight file, as transformers.js's `dtype` names it. */
  variant: Variant;
  /** Downloaded by Inkwell (verified against its manifest), as opposed to the user's own folder. */
  cached: boolean;
}

/**
 * Loads models lazily, once per (task, model, dtype), and keeps one model per
 * task: loading another disposes the one it replaces. Hub models are loaded
 * from the verified download cache by absolute path; transformers.js itself
 * never touches the network (the downloader is the only network path).
 * Fires `onDidUnload` for every model it disposes, whoever asked.
 */
export class ModelStore {
  private readonly byTask = new Map<Task, Promise<Loaded>>();
  private readonly keys = new Map<Task, string>();
  private readonly unloaded = new Emitter<LoadedModel>();
  readonly downloads: ModelDownloader;
  /** A model was disposed (replaced, idle, unloaded on request or for new settings): drop what holds its tensors. */
  readonly onDidUnload: Event<LoadedModel> = this.unloaded.event;

  constructor(
    private readonly settings: RunnerSettings,
    private readonly onProgress: ProgressSink,
    private readonly clock: Clock = systemClock,
  ) {
    this.downloads = new ModelDownloader(() => {
      const current = settings.value;
      return { cacheDir: current.cacheDir, offline: current.offline, hubHost: current.hubHost ?? process.env['HF_ENDPOINT'] ?? DEFAULT_HUB_HOST };
    }, onProgress);
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
  }

  /** The loaded model; loading it first, and downloading it unless `download` is false (the inline path never downloads). */
  async get(task: Task, model: string, dtype: Dtype, download = true): Promise<Loaded> {
    const key = `${modelKey(model, hostPlatform())}|${dtype}`;
    const current = this.byTask.get(task);
    if (current && this.keys.get(task) === key) {
      const loaded = await current;
      loaded.info.lastUsedAt = this.clock.now();
      return loaded;
    }
    if (current) await this.unload(task);
    const loading = this.load(task, model, dtype, download);
    this.byTask.set(task, loading);
    this.keys.set(task, key);
    loading.catch(() => {
      if (this.byTask.get(task) === loading) {
        this.byTask.delete(task);
        this.keys.delete(task);
      }
    });
    return loading;
  }

  /**
   * Fails as loading would when the model is not on this machine (ModelNotDownloaded, or
   * ModelUnavailableOffline), without loading it or waiting for the work queue. Nothing to check when it is loaded.
   */
  async checkOnDisk(task: Task, model: string, dtype: Dtype): Promise<void> {
    if (this.byTask.has(task) && this.keys.get(task) === `${modelKey(model, hostPlatform())}|${dtype}`) return;
    await this.locate(task, model, dtype, false);
  }

  async unload(task?: Task, model?: string): Promise<void> {
    for (const [t, loading] of [...this.byTask]) {
      if (task && t !== task) continue;
      const loaded = await loading.catch(() => undefined);
      if (model && !(loaded && sameModel(loaded.info.model, model, hostPlatform()))) continue;
      this.byTask.delete(t);
      this.keys.delete(t);
      if (!loaded) continue;
      await dispose(loaded);
      this.unloaded.fire(loaded.info);
    }
  }

  async loaded(): Promise<LoadedModel[]> {
    const all = await Promise.all([...this.byTask.values()].map((p) => p.catch(() => undefined)));
    return all.filter((l): l is Loaded => l !== undefined).map((l) => l.info);
  }

  /** A folder path as is; a hub id from the local models folder, else from the download cache (downloading it unless offline). */
  private async locate(task: Task, model: string, dtype: Dtype, download = true): Promise<Located> {
    const own = ownModelFolder(model, this.settings.value.localModelPath);
    if (!own) {
      const ensured = await this.downloads.ensure(task, model, dtype, undefined, download);
      return { folder: ensured.folder, dtype: ensured.dtype, variant: ensured.variant, cached: true };
    }
    if (!existsSync(own)) throw runnerError(RunnerErrorCode.ModelNotDownloaded, `Model folder "${model}" does not exist.`);
    const resolved = resolveInFolder(model, own, task, dtype);
    if (dtype === 'auto') console.error(`Inkwell: "${model}" for ${task}: auto chose ${describeChoice(task, resolved)}.`);
    checkModelFolder(model, own, task, resolved.variant);
    return { folder: own, dtype: resolved.precision, variant: resolved.variant, cached: false };
  }

  private async load(task: Task, model: string, dtype: Dtype, download: boolean): Promise<Loaded> {
    const located = await this.locate(task, model, dtype, download);
    try {
      return await this.instantiate(task, model, located);
    } catch (err) {
      const failure = loadFailure(model, onnxFiles(task, located.variant).join(' or '), err);
      if (!located.cached || failure.code !== RunnerErrorCode.ModelCorrupt) throw failure;
      // onnxruntime rejected a file that passed the cheap size/mtime check: hash them all, repair, retry once.
      const damaged = await this.downloads.verifyFully(task, model, located.dtype);
      if (damaged.length === 0) throw failure;
      console.error(`Inkwell: ${damaged.join(', ')} of "${model}" failed verification after a load error; downloading again.`);
      return this.instantiate(task, model, await this.locate(task, model, located.dtype));
    }
  }

  private async instantiate(task: Task, model: string, { folder, dtype, variant }: Located): Promise<Loaded> {
    const externalData = externalDataFormat(folder, task, variant);
    const options = {
      dtype: variant,
      ...(externalData ? { use_external_data_format: externalData } : {}),
      device: 'cpu' as const,
      local_files_only: true,
      session_options: {
        ...(this.settings.value.threads > 0 ? { intraOpNumThreads: this.settings.value.threads } : {}),
        // Idle onnxruntime threads spinning between decode steps take the cores the runner's own
        // JavaScript (copying outputs, sampling) needs: 27 vs 57 and 52 vs 68 ms a token in two
        // bench:decode runs (no-spin vs owned, q4, 1,024 tokens on 2 cores).
        ...(causalTasks.includes(task) ? { extra: { session: { intra_op: { allow_spinning: '0' } } } } : {}),
      },
      progress_callback: (info: ProgressInfo) => this.onProgress(toProgress(model, info)),
    };
    const started = performance.now();
    const now = this.clock.now();
    const info: LoadedModel = { task, model, dtype, variant, loadedAt: now, lastUsedAt: now };
    try {
      if (causalTasks.includes(task)) {
        const tokenizer = await AutoTokenizer.from_pretrained(folder, options);
        // The decoder graph is edited as it loads, so a decode step fetches only its new cache positions (decode/onnxGraphEdit.ts).
        const decoderFile = path.join(folder, onnxFiles(task, variant)[0] ?? '');
        const lm = await withDecoderEdit(decoderFile, () => AutoModelForCausalLM.from_pretrained(folder, options));
        // Decide (once, with a one-token probe) whether Inkwell's own decode loop can drive this graph.
        await ownedModel({ kind: 'causal', tokenizer, model: lm });
        return { kind: 'causal', tokenizer, model: lm, dtype, variant, loadMs: performance.now() - started, info };
      }
      if (classificationTasks.includes(task)) {
        const pipe = (await pipeline(task as ClassificationTask, folder, options)) as Classifier['pipe'];
        return { kind: 'classifier', task: task as ClassificationTask, pipe, dtype, variant, loadMs: performance.now() - started, info };
      }
      const pipe = (await pipeline(task === 'translation' ? 'translation' : 'summarization', folder, options)) as SummarizationPipeline | TranslationPipeline;
      return { kind: 'seq2seq', pipe, dtype, variant, loadMs: performance.now() - started, info };
    } catch (err) {
      throw loadFailure(model, onnxFiles(task, variant).join(' or '), err);
    }
  }
}

async function dispose(loaded: Loaded): Promise<void> {
  if (loaded.kind === 'causal') await loaded.model.dispose();
  else await loaded.pipe.dispose();
}

function toProgress(model: string, info: ProgressInfo): ProgressParams {
  const p = info as Partial<{ status: string; file: string; loaded: number; total: number; progress: number }>;
  const status = (['initiate', 'download', 'progress', 'done', 'ready'] as const).find((s) => s === p.status) ?? 'progress';
  return { model, status, file: p.file, loaded: p.loaded, total: p.total, progress: p.progress };
}
