/** Runner contract, part: model downloads, the cache and catalog information. */
import type { Dtype, ProgressParams, Task, WeightVariant } from './index';

/**
 * Progress of a model download, sent on the `progress` notification (so the status
 * bar's percentage works unchanged). `loaded`/`total` are the current file's bytes;
 * `overallLoaded`/`overallTotal` the whole download's; `progress` is the overall 0..100.
 * Statuses: `initiate` once, `progress` per file start, chunk and end, `done` once at the end.
 */
export interface DownloadProgressParams extends ProgressParams {
  kind: 'download';
  file?: string;
  overallLoaded: number;
  overallTotal: number;
}
export function isDownloadProgress(p: ProgressParams): p is DownloadProgressParams {
  return (p as Partial<DownloadProgressParams>).kind === 'download';
}

export interface DownloadModelParams {
  task: Task;
  /** A hub id ("org/name"). */
  model: string;
  dtype: Dtype;
}
export interface DownloadModelResult {
  /** The dtype downloaded (`auto` resolved). */
  dtype: Exclude<Dtype, 'auto'>;
  /** Its weight file as transformers.js names the dtype: `q8` (`_quantized`), `int8`, `uint8`, `q4`, `bnb4` or `fp32`. */
  variant: WeightVariant;
  /** Files fetched now (0 when everything was already cached and verified). */
  files: number;
  bytes: number;
  ms: number;
  /** Cached files found corrupt (size or sha256) and fetched again. */
  refetched: string[];
}

export interface CachedModel {
  model: string;
  /** Files on disk and their total size. */
  files: number;
  bytes: number;
  /** Dtypes whose weights are all downloaded, per task recorded at download. */
  dtypes: Exclude<Dtype, 'auto'>[];
  /** Every recorded file present with its recorded size, and at least one dtype complete. */
  complete: boolean;
}
export interface DeleteCachedModelParams {
  model: string;
}
export interface DeleteCachedModelResult {
  /** Bytes freed (0 when the model was not cached). */
  bytes: number;
}

export interface ModelInfoParams {
  model: string;
  task: Task;
  /** Ask the hub too (default true; ignored in offline mode). */
  hub?: boolean;
}
export interface ModelInfoResult {
  model: string;
  /** Where the answer came from: a local folder, the download cache, or the hub. */
  source: 'local' | 'cache' | 'hub';
  /** Dtypes with all weights for the task at that source, best first (q8, q4, fp32). */
  dtypes: Exclude<Dtype, 'auto'>[];
  /** Download size of each dtype for the task, in bytes (hub only). */
  sizes: Partial<Record<Exclude<Dtype, 'auto'>, number>>;
  /** Dtypes already downloaded and complete in the cache (local folders: all of `dtypes`). */
  downloaded: Exclude<Dtype, 'auto'>[];
}
