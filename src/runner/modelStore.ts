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
import type { Dtype, InitializeParams, LoadedModel, ProgressParams, Task } from '../protocol';
import { causalTasks, RunnerErrorCode } from '../protocol';
import { settingId } from '../config';
import { loadFailure, runnerError } from './errors';
import { checkModelFolder, isLocalFolder, modelFolder, onnxFiles, resolveDtype } from './modelFiles';

export interface CausalLm {
  kind: 'causal';
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
}
export interface Seq2Seq {
  kind: 'seq2seq';
  pipe: SummarizationPipeline | TranslationPipeline;
}
export type Loaded = (CausalLm | Seq2Seq) & { dtype: Exclude<Dtype, 'auto'>; loadMs: number; info: LoadedModel };

type ProgressSink = (p: ProgressParams) => void;

/**
 * Loads models lazily, once per (task, model, dtype), and keeps one model per
 * task: loading another disposes the one it replaces.
 */
export class ModelStore {
  private settings: InitializeParams = { cacheDir: '', localModelPath: '', offline: false, threads: 0 };
  private readonly byTask = new Map<Task, Promise<Loaded>>();
  private readonly keys = new Map<Task, string>();

  constructor(private readonly onProgress: ProgressSink) {}

  configure(settings: InitializeParams): void {
    this.settings = settings;
    if (settings.cacheDir) env.cacheDir = settings.cacheDir;
    env.localModelPath = settings.localModelPath || env.localModelPath;
    env.allowLocalModels = true;
    env.allowRemoteModels = !settings.offline;
  }

  async get(task: Task, model: string, dtype: Dtype): Promise<Loaded> {
    const folder = modelFolder(model, this.settings.cacheDir, this.settings.localModelPath);
    const resolved = resolveDtype(dtype, folder, task);
    const key = `${model}|${resolved}`;
    const current = this.byTask.get(task);
    if (current && this.keys.get(task) === key) {
      const loaded = await current;
      loaded.info.lastUsedAt = Date.now();
      return loaded;
    }
    if (current) await this.unload(task);
    const loading = this.load(task, model, resolved, folder);
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

  async unload(task?: Task, model?: string): Promise<void> {
    for (const [t, loading] of [...this.byTask]) {
      if (task && t !== task) continue;
      const loaded = await loading.catch(() => undefined);
      if (model && loaded?.info.model !== model) continue;
      this.byTask.delete(t);
      this.keys.delete(t);
      if (loaded) await dispose(loaded);
    }
  }

  async loaded(): Promise<LoadedModel[]> {
    const all = await Promise.all([...this.byTask.values()].map((p) => p.catch(() => undefined)));
    return all.filter((l): l is Loaded => l !== undefined).map((l) => l.info);
  }

  private async load(task: Task, model: string, dtype: Exclude<Dtype, 'auto'>, folder: string | undefined): Promise<Loaded> {
    if (folder) checkModelFolder(model, folder, task, dtype);
    else if (isLocalFolder(model)) throw runnerError(RunnerErrorCode.ModelNotFound, `Model folder "${model}" does not exist.`);
    else if (this.settings.offline) {
      throw runnerError(
        RunnerErrorCode.ModelUnavailableOffline,
        `Model "${model}" is not on this machine and offline mode is on. Turn off the setting "${settingId('offline')}" to download it, or set the model to a local folder.`,
      );
    }
    const id = folder && isLocalFolder(model) ? folder : model;
    const options = {
      dtype,
      device: 'cpu' as const,
      local_files_only: this.settings.offline,
      session_options: this.settings.threads > 0 ? { intraOpNumThreads: this.settings.threads } : {},
      progress_callback: (info: ProgressInfo) => this.onProgress(toProgress(model, info)),
    };
    const started = performance.now();
    const now = Date.now();
    const info: LoadedModel = { task, model, dtype, loadedAt: now, lastUsedAt: now };
    try {
      if (causalTasks.includes(task)) {
        const tokenizer = await AutoTokenizer.from_pretrained(id, options);
        const lm = await AutoModelForCausalLM.from_pretrained(id, options);
        return { kind: 'causal', tokenizer, model: lm, dtype, loadMs: performance.now() - started, info };
      }
      const pipe = (await pipeline(task === 'translation' ? 'translation' : 'summarization', id, options)) as SummarizationPipeline | TranslationPipeline;
      return { kind: 'seq2seq', pipe, dtype, loadMs: performance.now() - started, info };
    } catch (err) {
      throw loadFailure(model, onnxFiles(task, dtype).join(' or '), err);
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
