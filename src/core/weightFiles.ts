/**
 * The ONNX weight files of a transformers.js model folder (or hub repository)
 * and how Inkwell's three precisions map onto them. Pure: names in, names out.
 *
 * transformers.js 4.x names the file by its `dtype` option: fp32 `model.onnx`,
 * fp16 `_fp16`, q8 `_quantized`, int8 `_int8`, uint8 `_uint8`, q4 `_q4`,
 * q4f16 `_q4f16`, bnb4 `_bnb4` (utils/dtypes.js, DEFAULT_DTYPE_SUFFIX_MAPPING);
 * a graph's weights may sit beside it in external data chunks
 * `{file}_data`, `{file}_data_1`, … (utils/model-loader.js).
 *
 * Inkwell's setting has three precisions. "q8" (8-bit) is any of `_quantized`,
 * `_int8`, `_uint8`; "q4" (4-bit) is `_q4` or `_bnb4`. fp16 and q4f16 compute in
 * half precision, which onnxruntime's CPU provider runs poorly or not at all:
 * they are never chosen, and a repository with only those gets a clear message.
 */
import type { Dtype, WeightVariant } from '../protocol';

export type Precision = Exclude<Dtype, 'auto'>;
/** A transformers.js `dtype`: names one weight file per graph. */
export type Variant = WeightVariant;

const SUFFIX: Record<Variant, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4', q4f16: '_q4f16', bnb4: '_bnb4' };

/** Variants of each precision, best first. */
export const PRECISION_VARIANTS: Record<Precision, readonly Variant[]> = { q8: ['q8', 'int8', 'uint8'], q4: ['q4', 'bnb4'], fp32: ['fp32'] };
/** `auto`'s order: 8-bit (a quarter of fp32, close to its quality, fast on CPU), then 4-bit, then fp32. */
export const PRECISION_ORDER: readonly Precision[] = ['q8', 'q4', 'fp32'];
/** Half-precision variants: made for GPUs; not run on CPU. */
export const GPU_ONLY_VARIANTS: readonly Variant[] = ['fp16', 'q4f16'];
const ALL_VARIANTS = Object.keys(SUFFIX) as Variant[];

/** How the setting's names read in messages. */
export const PRECISION_LABEL: Record<Precision, string> = { q8: '8-bit (q8)', q4: '4-bit (q4)', fp32: 'fp32' };

/** `onnx/{base}{suffix}.onnx`. */
export function graphPath(base: string, variant: Variant): string {
  return `onnx/${base}${SUFFIX[variant]}.onnx`;
}

export function graphPaths(bases: readonly string[], variant: Variant): string[] {
  return bases.map((b) => graphPath(b, variant));
}

const CHUNK = /^_data(?:_([1-9]\d{0,2}))?$/;

/** The chunk index of `path` as external data of `graph` (0 for `{graph}_data`), else undefined. Exact names only. */
export function chunkIndex(graph: string, path: string): number | undefined {
  if (!path.startsWith(graph)) return undefined;
  const match = CHUNK.exec(path.slice(graph.length));
  return match ? Number(match[1] ?? 0) : undefined;
}

/**
 * The external data chunks of `graph` among `paths`, in order: `_data`, `_data_1`, …
 * Only a gap-free run from `_data` counts (transformers.js asks for exactly that run).
 */
export function dataChunks(graph: string, paths: Iterable<string>): string[] {
  const found = new Map<number, string>();
  for (const p of paths) {
    const i = chunkIndex(graph, p);
    if (i !== undefined) found.set(i, p);
  }
  const run: string[] = [];
  for (let i = 0; found.has(i); i++) run.push(found.get(i) as string);
  return run;
}

/** Variants whose graphs (for these base names) are all in `paths`, in `ALL_VARIANTS` order. */
export function variantsIn(paths: Iterable<string>, bases: readonly string[]): Variant[] {
  const present = new Set(paths);
  return ALL_VARIANTS.filter((v) => graphPaths(bases, v).every((g) => present.has(g)));
}

/** Precisions available among these variants, best first. */
export function precisionsOf(variants: readonly Variant[]): Precision[] {
  return PRECISION_ORDER.filter((p) => PRECISION_VARIANTS[p].some((v) => variants.includes(v)));
}

export interface Resolved {
  precision: Precision;
  variant: Variant;
}

/** The file to load for a precision (or `auto`: the best precision present), or undefined when none fits. */
export function resolveVariant(dtype: Dtype, variants: readonly Variant[]): Resolved | undefined {
  const wanted = dtype === 'auto' ? PRECISION_ORDER : [dtype];
  for (const precision of wanted) {
    const variant = PRECISION_VARIANTS[precision].find((v) => variants.includes(v));
    if (variant) return { precision, variant };
  }
  return undefined;
}

/** "q8 (onnx/model_int8.onnx)". */
export function describeResolved(r: Resolved, bases: readonly string[]): string {
  return `${r.precision} (${graphPaths(bases, r.variant).join(' + ')})`;
}

/** "It has: q8 (int8, uint8), fp32." or why nothing there runs on CPU. */
export function describeVariants(variants: readonly Variant[], task: string): string {
  const usable = precisionsOf(variants);
  if (usable.length > 0) {
    const named = (p: Precision) => {
      const files = PRECISION_VARIANTS[p].filter((v) => variants.includes(v));
      return files.length === 1 && files[0] === p ? p : `${p} (${files.join(', ')})`;
    };
    return `It has: ${usable.map(named).join(', ')}.`;
  }
  const gpu = variants.filter((v) => GPU_ONLY_VARIANTS.includes(v));
  if (gpu.length > 0) {
    return `It has only half-precision weights (${gpu.join(', ')}), made for GPUs; Inkwell runs models on the CPU and needs fp32, 8-bit (quantized, int8, uint8) or 4-bit (q4, bnb4) weights. Pick another model, or export one with those weights.`;
  }
  return `It has no ONNX weights for ${task} in transformers.js's layout (onnx/…).`;
}
