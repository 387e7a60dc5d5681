/**
 * The platforms Inkwell ships a VSIX for, and the onnxruntime-node files each
 * one needs. onnxruntime-node's npm package carries every platform's binaries
 * (bin/napi-v6/<os>/<arch>/); a VSIX takes only its own, and of those only the
 * ones the CPU execution provider loads:
 * - darwin: the binding links `@rpath/libonnxruntime.1.dylib`; the package also
 *   holds a byte-identical `libonnxruntime.1.30.0.dylib`, which nothing loads.
 * - win32: `DirectML.dll` is a delay-load import of onnxruntime.dll (loaded only
 *   when the DirectML provider is used) and `dxcompiler.dll`/`dxil.dll` belong
 *   to the WebGPU provider; Inkwell runs on `device: 'cpu'`.
 */
export interface VsixTarget {
  /** vsce's `--target`, `${os}-${arch}`. */
  target: string;
  os: 'win32' | 'darwin' | 'linux';
  arch: 'x64' | 'arm64';
  /** The native files shipped, relative to bin/napi-v6/<os>/<arch>/. */
  nativeFiles: string[];
}

const ORT_LIBRARY = { win32: 'onnxruntime.dll', darwin: 'libonnxruntime.1.dylib', linux: 'libonnxruntime.so.1' } as const;

function target(os: VsixTarget['os'], arch: VsixTarget['arch']): VsixTarget {
  return { target: `${os}-${arch}`, os, arch, nativeFiles: ['onnxruntime_binding.node', ORT_LIBRARY[os]] };
}

export const VSIX_TARGETS: readonly VsixTarget[] = [
  target('win32', 'x64'),
  target('win32', 'arm64'),
  target('darwin', 'arm64'),
  target('linux', 'x64'),
  target('linux', 'arm64'),
];

export const NATIVE_DIR = 'node_modules/onnxruntime-node/bin/napi-v6';

export function vsixFileName(t: VsixTarget): string {
  return `inkwell-${t.target}.vsix`;
}

/** The one line per native file that `.vscodeignore` (an allow-list) needs for a target. */
export function nativeAllowLines(t: VsixTarget): string[] {
  return t.nativeFiles.map((file) => `!${NATIVE_DIR}/${t.os}/${t.arch}/${file}`);
}

/**
 * `.vscodeignore` for one target: the checked-in file (written for linux-x64)
 * with its native-library lines replaced by the target's. Throws if the
 * checked-in file has no such lines, so a rewrite of it cannot silently ship
 * a VSIX without its runtime.
 */
export function ignoreFileFor(base: string, t: VsixTarget): string {
  const lines = base.split(/\r?\n/);
  const first = lines.findIndex((line) => line.startsWith(`!${NATIVE_DIR}/`));
  if (first < 0) throw new Error(`.vscodeignore has no "!${NATIVE_DIR}/…" lines to replace.`);
  const kept = lines.filter((line) => !line.startsWith(`!${NATIVE_DIR}/`));
  kept.splice(first, 0, ...nativeAllowLines(t));
  return kept.join('\n');
}
