/**
 * Which files of a hub repository a task needs for one dtype: the configs and
 * tokenizer, the task's ONNX graphs and their external data chunks.
 */
import type { Dtype, Task } from '../../protocol';
import { RunnerErrorCode } from '../../protocol';
import { runnerError } from '../errors';
import { onnxFiles } from '../modelFiles';

type WeightDtype = Exclude<Dtype, 'auto'>;

/** A file in the hub's listing: size, and the hashes the hub gives (LFS sha256, or git blob sha1). */
export interface RemoteFile {
  path: string;
  size: number;
  sha256?: string;
  gitOid?: string;
}

const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const OPTIONAL = ['generation_config.json', 'special_tokens_map.json', 'chat_template.jinja'];
const DTYPES: WeightDtype[] = ['q8', 'q4', 'fp32'];

/** Dtypes whose graphs for the task are all in the listing, best first. */
export function dtypesIn(paths: readonly string[], task: Task): WeightDtype[] {
  const present = new Set(paths);
  return DTYPES.filter((d) => onnxFiles(task, d, present).every((f) => present.has(f)));
}

/** The files to download for (task, dtype); a clear error when the repo lacks them. */
export function selectFiles(model: string, remote: readonly RemoteFile[], task: Task, dtype: WeightDtype): RemoteFile[] {
  const byPath = new Map(remote.map((f) => [f.path, f]));
  const missing = REQUIRED.filter((p) => !byPath.has(p));
  if (missing.length > 0) {
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" cannot run in Inkwell: the repository has no ${missing.join(', ')}. Pick a model with ONNX weights for transformers.js (e.g. from onnx-community or Xenova).`);
  }
  const graphs = onnxFiles(task, dtype, byPath.keys());
  if (!graphs.every((g) => byPath.has(g))) {
    const have = dtypesIn([...byPath.keys()], task);
    const hint = have.length > 0 ? `It has: ${have.join(', ')}.` : `It has no ONNX weights for ${task}.`;
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" has no ${dtype} weights for ${task} (${graphs.join(', ')}). ${hint}`);
  }
  const externalData = remote.filter((f) => graphs.some((g) => f.path.startsWith(`${g}_data`)));
  const wanted = new Set([...REQUIRED, ...OPTIONAL, ...graphs]);
  return [...remote.filter((f) => wanted.has(f.path)), ...externalData];
}

/** Download size of each dtype's files for the task. */
export function dtypeSizes(model: string, remote: readonly RemoteFile[], task: Task): Partial<Record<WeightDtype, number>> {
  const sizes: Partial<Record<WeightDtype, number>> = {};
  for (const dtype of dtypesIn(remote.map((f) => f.path), task)) {
    sizes[dtype] = selectFiles(model, remote, task, dtype).reduce((sum, f) => sum + f.size, 0);
  }
  return sizes;
}
