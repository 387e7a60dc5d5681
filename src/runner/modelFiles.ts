import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describeResolved, describeVariants, graphPaths, dataChunks, resolveVariant, variantsIn, type Resolved, type Variant } from '../core/weightFiles';
import { causalTasks, type Dtype, type Task } from '../protocol';
import { RunnerErrorCode } from '../protocol';
import { runnerError } from './errors';
import { hostPlatform, isFolderPath, resolveFolder } from './modelPaths';

/** The ONNX graphs a task needs, by base name. */
export function onnxBaseNames(task: Task): string[] {
  return causalTasks.includes(task) ? ['model'] : ['encoder_model', 'decoder_model_merged'];
}

/** The graph files of (task, variant): `onnx/model_int8.onnx`, … */
export function onnxFiles(task: Task, variant: Variant): string[] {
  return graphPaths(onnxBaseNames(task), variant);
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

/** Files under `onnx/` of a folder, as repository paths ("onnx/model.onnx"). */
function onnxPaths(folder: string): string[] {
  const dir = path.join(folder, 'onnx');
  return existsSync(dir) ? readdirSync(dir).map((f) => `onnx/${f}`) : [];
}

/** The variants whose graphs for the task are all in a folder. */
export function folderVariants(folder: string, task: Task): Variant[] {
  return variantsIn(onnxPaths(folder), onnxBaseNames(task));
}

/** The file to load from a folder for `dtype` (`auto`: the best it has); a clear error when it has none. */
export function resolveInFolder(model: string, folder: string, task: Task, dtype: Dtype): Resolved {
  const variants = folderVariants(folder, task);
  const resolved = resolveVariant(dtype, variants);
  if (resolved) return resolved;
  const wanted = dtype === 'auto' ? 'usable' : dtype;
  // No weights for the task at all: the model is not in that folder (as a hub model not downloaded).
  throw runnerError(variants.length === 0 ? RunnerErrorCode.ModelNotDownloaded : RunnerErrorCode.ModelNotFound, `Model "${model}" has no ${wanted} weights for ${task} in ${folder}. ${describeVariants(variants, task)}`);
}

/** "auto chose q8 (onnx/model_int8.onnx)" for the log. */
export function describeChoice(task: Task, resolved: Resolved): string {
  return describeResolved(resolved, onnxBaseNames(task));
}

/**
 * transformers.js's `use_external_data_format` for the graphs of (task, variant)
 * in a folder: chunk counts by file name, for the graphs that have `_data` files.
 * Without it transformers.js does not ask for `model.onnx_data` (on Node,
 * onnxruntime still finds it beside the graph; with it, a missing chunk is a clear error).
 */
export function externalDataFormat(folder: string, task: Task, variant: Variant): Record<string, number> | undefined {
  const paths = onnxPaths(folder);
  const format: Record<string, number> = {};
  for (const graph of onnxFiles(task, variant)) {
    const chunks = dataChunks(graph, paths).length;
    if (chunks > 0) format[path.posix.basename(graph)] = chunks;
  }
  return Object.keys(format).length > 0 ? format : undefined;
}

/**
 * Checks, before transformers.js sees it, that a folder holds everything a task
 * needs, so a broken model fails with a message that says what is missing.
 */
export function checkModelFolder(model: string, folder: string, task: Task, variant: Variant): void {
  if (!existsSync(folder)) {
    throw runnerError(RunnerErrorCode.ModelNotDownloaded, `Model folder "${folder}" does not exist.`);
  }
  for (const file of REQUIRED_FILES) {
    if (!existsSync(path.join(folder, file))) {
      throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" is incomplete: ${file} is missing in ${folder}.`);
    }
  }
  const missing = onnxFiles(task, variant).filter((f) => !existsSync(path.join(folder, f)));
  if (missing.length > 0) {
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" has no ${variant} weights for ${task} (${missing.join(', ')} missing). ${describeVariants(folderVariants(folder, task), task)}`);
  }
}
