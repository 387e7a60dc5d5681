/**
 * Which files of a hub repository a task needs for one weight variant: the
 * configs and tokenizer, the task's ONNX graphs and their external data chunks,
 * by exact name. Nothing else in a listing is ever fetched, so a listing entry
 * such as `onnx/model.onnx_data/../../x` is never even considered.
 */
import { dataChunks, describeVariants, PRECISION_ORDER, resolveVariant, variantsIn, precisionsOf, type Precision, type Resolved, type Variant } from '../../core/weightFiles';
import type { Dtype, Task } from '../../protocol';
import { RunnerErrorCode } from '../../protocol';
import { runnerError } from '../errors';
import { onnxBaseNames, onnxFiles } from '../modelFiles';

/** A file in the hub's listing: size, and the hashes the hub gives (LFS sha256, or git blob sha1). */
export interface HubFile {
  path: string;
  size: number;
  sha256?: string;
  gitOid?: string;
}

const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const OPTIONAL = ['generation_config.json', 'special_tokens_map.json', 'chat_template.jinja'];

/** Variants whose graphs for the task are all in the listing. */
export function hubVariants(listing: readonly HubFile[], task: Task): Variant[] {
  return variantsIn(
    listing.map((f) => f.path),
    onnxBaseNames(task),
  );
}

/** Precisions the listing has for the task, best first. */
export function dtypesIn(listing: readonly HubFile[], task: Task): Precision[] {
  return precisionsOf(hubVariants(listing, task));
}

/** The variant to fetch for `dtype` (`auto`: the best the listing has); a clear error when there is none. */
export function resolveFromHub(model: string, listing: readonly HubFile[], task: Task, dtype: Dtype): Resolved {
  const variants = hubVariants(listing, task);
  const resolved = resolveVariant(dtype, variants);
  if (resolved) return resolved;
  const wanted = dtype === 'auto' ? 'usable' : dtype;
  throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" has no ${wanted} weights for ${task}. ${describeVariants(variants, task)}`);
}

/** The files to download for (task, variant); a clear error when the repo lacks them. */
export function selectFiles(model: string, listing: readonly HubFile[], task: Task, variant: Variant): HubFile[] {
  const byPath = new Map(listing.map((f) => [f.path, f]));
  const missing = REQUIRED.filter((p) => !byPath.has(p));
  if (missing.length > 0) {
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" cannot run in Inkwell: the repository has no ${missing.join(', ')}. Pick a model with ONNX weights for transformers.js (e.g. from onnx-community or Xenova).`);
  }
  const graphs = onnxFiles(task, variant);
  if (!graphs.every((g) => byPath.has(g))) {
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" has no ${variant} weights for ${task} (${graphs.join(', ')}). ${describeVariants(hubVariants(listing, task), task)}`);
  }
  const chunks = graphs.flatMap((g) => dataChunks(g, byPath.keys()));
  return [...REQUIRED, ...OPTIONAL, ...graphs, ...chunks].flatMap((p) => byPath.get(p) ?? []);
}

/** Download size of each precision's files for the task (its best variant). */
export function dtypeSizes(model: string, listing: readonly HubFile[], task: Task): Partial<Record<Precision, number>> {
  const sizes: Partial<Record<Precision, number>> = {};
  const variants = hubVariants(listing, task);
  for (const precision of PRECISION_ORDER) {
    const resolved = resolveVariant(precision, variants);
    if (resolved) sizes[precision] = selectFiles(model, listing, task, resolved.variant).reduce((sum, f) => sum + f.size, 0);
  }
  return sizes;
}
