import { InferenceSession } from 'onnxruntime-node';
import * as path from 'node:path';
import { editDecoderGraph } from './onnxGraphEdit';
import { withProtoFile } from './protoFile';

/**
 * Has onnxruntime create a causal decoder's session from the edited graph
 * (onnxGraphEdit.ts) instead of the file: transformers.js passes the model's path to
 * `InferenceSession.create` (backends/onnx.js), so while `load` runs, `create` is
 * wrapped, and a call for exactly `file` reads its graph (not its weights), edits it and
 * passes the edited graph as bytes whose initializers refer to their bytes in `file`
 * (external data), so onnxruntime reads the weights once, from the file. Every other
 * call goes through unchanged; the wrapper is removed when the last load ends. When the
 * edit does not apply, the reason is logged and the file loads as it is.
 */
type Create = typeof InferenceSession.create;
type Options = InferenceSession.SessionOptions;

const pending = new Map<string, number>();
let original: Create | undefined;

export async function withDecoderEdit<T>(file: string, load: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  pending.set(key, (pending.get(key) ?? 0) + 1);
  if (!original) {
    original = InferenceSession.create;
    InferenceSession.create = wrapped as Create;
  }
  try {
    return await load();
  } finally {
    const left = (pending.get(key) ?? 1) - 1;
    if (left > 0) pending.set(key, left);
    else pending.delete(key);
    if (pending.size === 0 && original) {
      InferenceSession.create = original;
      original = undefined;
    }
  }
}

function wrapped(this: unknown, ...args: unknown[]): Promise<InferenceSession> {
  const create = original!;
  const [target, options] = args;
  if (typeof target !== 'string' || !pending.has(path.resolve(target))) return (create as (...a: unknown[]) => Promise<InferenceSession>).apply(this, args);
  return createEdited(create, target, options as Options | undefined);
}

async function createEdited(create: Create, file: string, options: Options = {}): Promise<InferenceSession> {
  try {
    const started = performance.now();
    const edit = withProtoFile(file, (source) => editDecoderGraph(source, { weightsFile: path.basename(file) }));
    const editMs = Math.round(performance.now() - started);
    // External data (the file itself, or a model.onnx_data) is found next to the model file.
    const session = { ...(options.extra?.['session'] as object | undefined), model_external_initializers_file_folder_path: path.dirname(path.resolve(file)) };
    const created = await create(edit.bytes, { ...options, extra: { ...options.extra, session } });
    const how = edit.slicedPast ? 'returns its new cache positions and reads the past up to the valid length' : 'returns its new cache positions';
    console.error(`Inkwell: ${path.basename(file)} edited to decode with a fixed-size cache (${how}; read and edited in ${editMs} ms).`);
    return created;
  } catch (err) {
    console.error(`Inkwell: loading ${path.basename(file)} unedited; each decode step fetches the whole cache (${err instanceof Error ? err.message : String(err)}).`);
    return create(file, options);
  }
}
