import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { causalTasks, type Dtype, type Task } from '../protocol';
import { RunnerErrorCode } from '../protocol';
import { runnerError } from './errors';
import { hostPlatform, isFolderPath, resolveFolder } from './modelPaths';

/** File-name suffix of each dtype in the Hugging Face ONNX layout (onnx/model_quantized.onnx, …). */
const DTYPE_SUFFIX: Record<Exclude<Dtype, 'auto'>, string> = { fp32: '', q8: '_quantized', q4: '_q4' };

/** The ONNX graphs a task needs, by base name. */
export function onnxBaseNames(task: Task): string[] {
  return causalTasks.includes(task) ? ['model'] : ['encoder_model', 'decoder_model_merged'];
}

export function onnxFiles(task: Task, dtype: Exclude<Dtype, 'auto'>): string[] {
  return onnxBaseNames(task).map((base) => `onnx/${base}${DTYPE_SUFFIX[dtype]}.onnx`);
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

/** Is `model` a folder path (absolute, `~`, `./`; drive letters and UNC on Windows) rather than a hub id? */
export function isLocalFolder(model: string): boolean {
  return isFolderPath(model, process.platform);
}

/**
 * The user's own folder for `model`: a folder path as given, or a hub id found in
 * the local models folder. Undefined for hub models (they come from the download cache).
 */
export function ownModelFolder(model: string, localModelPath: string): string | undefined {
  if (isLocalFolder(model)) return resolveFolder(model, hostPlatform());
  const base = localModelPath.trim() && resolveFolder(localModelPath, hostPlatform());
  if (base && existsSync(path.join(base, model, 'config.json'))) return path.join(base, model);
  return undefined;
}

/** The dtypes whose graphs are all present in a folder. */
export function availableDtypes(folder: string, task: Task): Exclude<Dtype, 'auto'>[] {
  const present = new Set(existsSync(path.join(folder, 'onnx')) ? readdirSync(path.join(folder, 'onnx')).map((f) => `onnx/${f}`) : []);
  return (['q8', 'q4', 'fp32'] as const).filter((d) => onnxFiles(task, d).every((f) => present.has(f)));
}

/** `auto` resolves to q8 when present, else q4, else fp32. Without a folder (a hub model not yet downloaded) it is q8. */
export function resolveDtype(dtype: Dtype, folder: string | undefined, task: Task): Exclude<Dtype, 'auto'> {
  if (dtype !== 'auto') return dtype;
  if (!folder) return 'q8';
  return availableDtypes(folder, task)[0] ?? 'fp32';
}

/**
 * Checks, before transformers.js sees it, that a folder holds everything a task
 * needs, so a broken model fails with a message that says what is missing.
 */
export function checkModelFolder(model: string, folder: string, task: Task, dtype: Exclude<Dtype, 'auto'>): void {
  if (!existsSync(folder)) {
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model folder "${folder}" does not exist.`);
  }
  for (const file of REQUIRED_FILES) {
    if (!existsSync(path.join(folder, file))) {
      throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" is incomplete: ${file} is missing in ${folder}.`);
    }
  }
  const missing = onnxFiles(task, dtype).filter((f) => !existsSync(path.join(folder, f)));
  if (missing.length > 0) {
    const have = availableDtypes(folder, task);
    const hint = have.length > 0 ? ` It has: ${have.join(', ')}.` : ' It has no ONNX files for this task.';
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" has no ${dtype} weights for ${task} (${missing.join(', ')} missing).${hint}`);
  }
}
