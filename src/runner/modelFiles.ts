import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { causalTasks, type Dtype, type Task } from '../protocol';
import { RunnerErrorCode } from '../protocol';
import { runnerError } from './errors';

type WeightDtype = Exclude<Dtype, 'auto'>;

/** A file naming of a dtype's weights, and the transformers.js dtype that loads files so named. */
interface WeightFiles {
  suffix: string;
  library: 'fp32' | 'q8' | 'int8' | 'uint8' | 'q4';
}

/**
 * File-name suffixes of each dtype in the Hugging Face ONNX layout, preferred first: 8-bit weights are
 * onnx/model_quantized.onnx in most repos, model_int8.onnx / model_uint8.onnx in others.
 */
const DTYPE_FILES: Record<WeightDtype, readonly WeightFiles[]> = {
  fp32: [{ suffix: '', library: 'fp32' }],
  q8: [
    { suffix: '_quantized', library: 'q8' },
    { suffix: '_int8', library: 'int8' },
    { suffix: '_uint8', library: 'uint8' },
  ],
  q4: [{ suffix: '_q4', library: 'q4' }],
};

/** The ONNX graphs a task needs, by base name. */
export function onnxBaseNames(task: Task): string[] {
  return causalTasks.includes(task) ? ['model'] : ['encoder_model', 'decoder_model_merged'];
}

function filesOf(task: Task, naming: WeightFiles): string[] {
  return onnxBaseNames(task).map((base) => `onnx/${base}${naming.suffix}.onnx`);
}

/** The naming of `dtype` whose files are all in `present` (first choice when none is, or no listing is given). */
function weightFiles(task: Task, dtype: WeightDtype, present?: Iterable<string>): WeightFiles {
  const namings = DTYPE_FILES[dtype];
  const have = present ? new Set(present) : undefined;
  return (have && namings.find((n) => filesOf(task, n).every((f) => have.has(f)))) || (namings[0] as WeightFiles);
}

/** The graphs to load for (task, dtype); given the folder's or repo's paths, in the naming it has. */
export function onnxFiles(task: Task, dtype: WeightDtype, present?: Iterable<string>): string[] {
  return filesOf(task, weightFiles(task, dtype, present));
}

/** The dtype to pass to transformers.js for those files (q8 files may be named _int8 / _uint8). */
export function libraryDtype(task: Task, dtype: WeightDtype, present?: Iterable<string>): WeightFiles['library'] {
  return weightFiles(task, dtype, present).library;
}

/** A folder's ONNX files as repo paths ("onnx/model_q4.onnx"). */
export function onnxListing(folder: string): string[] {
  const dir = path.join(folder, 'onnx');
  return existsSync(dir) ? readdirSync(dir).map((f) => `onnx/${f}`) : [];
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

/** Is `model` a folder path rather than a hub id? */
export function isLocalFolder(model: string): boolean {
  return path.isAbsolute(model) || model.startsWith('./') || model.startsWith('../');
}

/**
 * The user's own folder for `model`: a folder path as given, or a hub id found in
 * the local models folder. Undefined for hub models (they come from the download cache).
 */
export function ownModelFolder(model: string, localModelPath: string): string | undefined {
  if (isLocalFolder(model)) return path.resolve(model);
  if (localModelPath && existsSync(path.join(localModelPath, model, 'config.json'))) return path.join(localModelPath, model);
  return undefined;
}

/** The dtypes whose graphs are all present in a folder. */
export function availableDtypes(folder: string, task: Task): Exclude<Dtype, 'auto'>[] {
  const present = new Set(onnxListing(folder));
  return (['q8', 'q4', 'fp32'] as const).filter((d) => onnxFiles(task, d, present).every((f) => present.has(f)));
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
  const missing = onnxFiles(task, dtype, onnxListing(folder)).filter((f) => !existsSync(path.join(folder, f)));
  if (missing.length > 0) {
    const have = availableDtypes(folder, task);
    const hint = have.length > 0 ? ` It has: ${have.join(', ')}.` : ' It has no ONNX files for this task.';
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" has no ${dtype} weights for ${task} (${missing.join(', ')} missing).${hint}`);
  }
}
