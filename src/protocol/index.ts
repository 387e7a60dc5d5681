/**
 * The one typed contract between the extension host and the model runner.
 * Every method name is spelled in this folder and nowhere else: the runner's core
 * methods here, model downloads in models.ts, the Playground's in playground.ts,
 * the writing checks' in checks.ts. Imports neither `vscode`
 * nor transformers.js, so both sides (and tests) can use it.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { SuggestionUnit } from '../core/inline/unitStop';
import type { CachedModel, DeleteCachedModelParams, DeleteCachedModelResult, DownloadModelParams, DownloadModelResult, ModelInfoParams, ModelInfoResult } from './models';

export type Dtype = 'auto' | 'fp32' | 'q8' | 'q4';
/** A weight file's transformers.js dtype; Inkwell's q8 is any of q8 (`_quantized`), int8, uint8; q4 is q4 or bnb4. */
export type WeightVariant = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'q4f16' | 'bnb4';
/** What a model is loaded for; each task keeps its own model loaded. `instruction` is a chat model for rewriting and drafting. */
export type Task = 'text-generation' | 'instruction' | 'summarization' | 'translation' | ClassificationTask;
export const causalTasks: readonly Task[] = ['text-generation', 'instruction'];
/** Encoder models for the writing checks (one `onnx/model*.onnx` with a classification head). */
export type ClassificationTask = 'text-classification' | 'zero-shot-classification' | 'token-classification';
export const classificationTasks: readonly Task[] = ['text-classification', 'zero-shot-classification', 'token-classification'];

/** A model: a hub id ("HuggingFaceTB/SmolLM2-135M") or an absolute path to a local folder. */
export interface ModelRef {
  model: string;
  dtype: Dtype;
}

/** Where generation runs: the local models, or an OpenAI-compatible server the user configured. */
export type BackendConfig =
  | { kind: 'local' }
  | {
      kind: 'openai-compatible';
      /** e.g. "http://localhost:8000/v1" (vLLM), "http://localhost:11434/v1" (Ollama). */
      baseUrl: string;
      model: string;
      /** From VS Code's SecretStorage; never from settings. */
      apiKey?: string;
      /** Per-request timeout (connect and first byte), ms. */
      timeoutMs: number;
    };

/**
 * The one routing table: the tasks a configured OpenAI-compatible server runs.
 * Every other task (summaries, translations) always runs on local models. The
 * host (readiness, token counting) and the runner (where a request goes) both
 * decide by this.
 */
export const serverTasks: readonly Task[] = ['text-generation', 'instruction'];
export function runsOnServer(backend: BackendConfig | undefined, task: Task): boolean {
  return backend?.kind === 'openai-compatible' && serverTasks.includes(task);
}

export interface InitializeParams {
  /** Where downloaded models are cached (the extension's global storage). */
  cacheDir: string;
  /** Folder searched for models given by relative id before the hub ("" for none). */
  localModelPath: string;
  /** No network at all: remote models are disabled. */
  offline: boolean;
  /** Threads for onnxruntime (0 = its default). */
  threads: number;
  /** Local models by default; completions and instruction tasks go to a remote server when configured. */
  backend?: BackendConfig;
  /** Where models are downloaded from (default https://huggingface.co; tests point it at a local server). */
  hubHost?: string;
  /** Unload models unused for this long (fractions allowed; 0 or absent: never). */
  idleUnloadMinutes?: number;
}
export interface InitializeResult {
  pid: number;
  versions: { node: string; transformers: string; onnxruntime: string };
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface SamplingParams {
  maxNewTokens: number;
  minNewTokens?: number;
  /** 0 means greedy decoding. */
  temperature?: number;
  topP?: number;
  topK?: number;
  repetitionPenalty?: number;
  /** Generation stops as soon as the text contains one of these (it is cut before the stop string). */
  stop?: string[];
  /** Seed for sampling; same seed, same prompt, same model -> same text. */
  seed?: number;
}

export interface GenerateParams extends ModelRef, SamplingParams {
  /** Which loaded-model slot to use: the completion model (default) or the instruction model. */
  task?: 'text-generation' | 'instruction';
  /** Either a raw prompt or chat messages (rendered with the model's chat template). */
  prompt?: string;
  messages?: ChatMessage[];
  /** Chunks of this request arrive as `chunk` notifications carrying this id. */
  streamId?: string;
}

export interface Timings {
  loadMs: number;
  /** Time to first token (from the start of the request, after the model is loaded). */
  firstTokenMs: number;
  totalMs: number;
  /** `complete` only: time the request waited in the runner's queue (behind a generation still running) before it started. */
  queuedMs?: number;
}

export interface GenerateResult {
  text: string;
  promptTokens: number;
  generatedTokens: number;
  /** Why generation ended. */
  finishReason: 'length' | 'stop' | 'eos' | 'cancelled';
  /** When cancelled: tokens generated after the runner saw the cancellation (0 or 1). */
  tokensAfterCancel?: number;
  timings: Timings;
}

/** Inline completion: up to 3 distinct continuations of a prompt, reusing the document's KV cache. */
export interface CompleteParams extends ModelRef, SamplingParams {
  /** Identifies the document whose KV cache is reused (its URI). */
  documentId: string;
  prompt: string;
  /** How many distinct continuations (1 to 3). The first follows `temperature`; the others are sampled. */
  n: number;
  /** Reuse the document's cached prefix (default true; the benchmark compares with false). */
  reuseCache?: boolean;
  /** Text after the cursor, for servers that fill in the middle (local models ignore it). */
  suffix?: string;
  /** Stop decoding once this unit of text (word, sentence, line, paragraph, comment) is complete. */
  unit?: SuggestionUnit;
}
export interface CompleteResult {
  /** `cancelled`: the request was cancelled (a newer keystroke); `completions` may be partial and should not be shown. */
  finishReason: 'done' | 'cancelled';
  completions: string[];
  promptTokens: number;
  /** Prompt tokens served from the KV cache for the first completion. */
  reusedTokens: number;
  generatedTokens: number;
  timings: Timings;
}
export interface DocumentParams {
  documentId: string;
}

export interface Seq2SeqParams extends ModelRef {
  text: string;
  maxNewTokens: number;
  minNewTokens?: number;
  streamId?: string;
}
export type SummarizeParams = Seq2SeqParams;
export interface TranslateParams extends Seq2SeqParams {
  /** Source and target language codes in the model's convention (e.g. "eng_Latn" for NLLB); omit for a fixed pair. */
  srcLang?: string;
  tgtLang?: string;
}
/** Text whose language to guess (the Translate source language when set to auto). */
export interface DetectLanguageParams {
  text: string;
}
export interface DetectLanguageResult {
  /** A code of Inkwell's translation languages (`en`, `de`, …); absent when unsure or the text is too short. */
  language?: string;
}
export interface Seq2SeqResult {
  /** `cancelled`: stopped by a cancellation, `text` is what was written until then. */
  finishReason: 'done' | 'cancelled';
  text: string;
  timings: Timings;
}

/** Token counts for planning chunks, and the most input tokens the model reads. */
export interface CountTokensParams extends ModelRef {
  task: Task;
  texts: string[];
}
export interface CountTokensResult {
  counts: number[];
  /** The model's input limit in tokens. */
  limit: number;
}

export interface LoadModelParams extends ModelRef {
  task: Task;
  /** Fail instead of downloading a model that is not on disk (warm-up for inline suggestions). */
  noDownload?: boolean;
}
export interface LoadModelResult {
  loadMs: number;
  /** The dtype actually loaded (`auto` resolved). */
  dtype: Exclude<Dtype, 'auto'>;
  /** The weight file loaded (see `DownloadModelResult.variant`). */
  variant?: WeightVariant;
}
export interface UnloadModelParams {
  /** Unload this model only; all models when omitted. */
  model?: string;
}

export interface LoadedModel extends LoadModelParams {
  /** The weight file loaded (see `DownloadModelResult.variant`). */
  variant?: WeightVariant;
  loadedAt: number;
  lastUsedAt: number;
}
export interface StatusResult {
  loaded: LoadedModel[];
  /** heapLimitMB: the V8 heap limit the runner was started with (`--max-old-space-size`). */
  memory: { rssMB: number; heapUsedMB: number; heapLimitMB: number };
  busy: boolean;
  /** The most local jobs (generations, loads) that ever ran at once since the runner started. */
  peakJobs: number;
  prefixCache: { documents: number; megabytes: number };
}

/** A streamed piece of generated text. */
export interface ChunkParams {
  streamId: string;
  text: string;
}

/** Download/load progress, forwarded from transformers.js' progress_callback. */
export interface ProgressParams {
  model: string;
  status: 'initiate' | 'download' | 'progress' | 'done' | 'ready';
  file?: string;
  loaded?: number;
  total?: number;
  /** 0..100 */
  progress?: number;
}

/** Error codes carried in `ResponseError.code` (application range of JSON-RPC). */
export const RunnerErrorCode = {
  ModelNotFound: -33001,
  ModelUnavailableOffline: -33002,
  ModelCorrupt: -33003,
  InvalidParams: -33004,
  GenerationFailed: -33005,
  /**
   * The model is not on this machine: a hub model not downloaded (and a download was
   * not allowed, as for inline suggestions), or a local folder that does not exist or
   * holds no weights for the task. Offline mode reports ModelUnavailableOffline instead.
   */
  ModelNotDownloaded: -33006,
  ServerUnauthorized: -33010,
  ServerModelNotFound: -33011,
  ServerUnreachable: -33012,
  ServerBadResponse: -33013,
  ServerTimeout: -33014,
  DownloadFailed: -33020,
  DiskFull: -33021,
} as const;

export const Methods = {
  initialize: new RequestType<InitializeParams, InitializeResult, void>('initialize'),
  generate: new RequestType<GenerateParams, GenerateResult, void>('inkwell/generate'),
  summarize: new RequestType<SummarizeParams, Seq2SeqResult, void>('inkwell/summarize'),
  translate: new RequestType<TranslateParams, Seq2SeqResult, void>('inkwell/translate'),
  complete: new RequestType<CompleteParams, CompleteResult, void>('inkwell/complete'),
  /** Answered at once, outside the work queue (no model: trigram statistics). */
  detectLanguage: new RequestType<DetectLanguageParams, DetectLanguageResult, void>('inkwell/detectLanguage'),
  closeDocument: new RequestType<DocumentParams, void, void>('inkwell/closeDocument'),
  countTokens: new RequestType<CountTokensParams, CountTokensResult, void>('inkwell/countTokens'),
  loadModel: new RequestType<LoadModelParams, LoadModelResult, void>('inkwell/loadModel'),
  unloadModel: new RequestType<UnloadModelParams, void, void>('inkwell/unloadModel'),
  status: new RequestType0<StatusResult, void>('inkwell/status'),
  shutdown: new RequestType0<void, void>('shutdown'),
  /** The host's heartbeat: answered at once, outside the work queue; no answer means the runner's event loop is stuck. */
  ping: new RequestType0<void, void>('inkwell/ping'),
  downloadModel: new RequestType<DownloadModelParams, DownloadModelResult, void>('inkwell/downloadModel'),
  listCachedModels: new RequestType0<CachedModel[], void>('inkwell/listCachedModels'),
  deleteCachedModel: new RequestType<DeleteCachedModelParams, DeleteCachedModelResult, void>('inkwell/deleteCachedModel'),
  modelInfo: new RequestType<ModelInfoParams, ModelInfoResult, void>('inkwell/modelInfo'),
} as const;

export const Notifications = {
  chunk: new NotificationType<ChunkParams>('inkwell/chunk'),
  progress: new NotificationType<ProgressParams>('inkwell/progress'),
} as const;

export * from './models';
export * from './playground';
export * from './checks';
