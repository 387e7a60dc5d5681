// Reads back what gguf.ts writes (the scalar and array types it uses): header, metadata, tensor infos
// and each tensor's bytes. For the writer's tests and the benchmark's checks of its own files.
import { GGUF_ALIGNMENT, GgmlType, GgufValueType, alignUp, tensorBytes } from './gguf';

export interface ReadTensor {
  name: string;
  dims: number[];
  type: GgmlType;
  /** Offset from the start of the data section. */
  offset: number;
  data: Uint8Array;
}

export interface ReadGguf {
  version: number;
  metadata: Map<string, unknown>;
  tensors: ReadTensor[];
  /** Where the data section starts in the file. */
  dataStart: number;
}

export function readGguf(bytes: Uint8Array): ReadGguf {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u32 = () => ((at += 4), view.getUint32(at - 4, true));
  const u64 = () => ((at += 8), Number(view.getBigUint64(at - 8, true)));
  const str = () => {
    const n = u64();
    at += n;
    return Buffer.from(bytes.subarray(at - n, at)).toString('utf8');
  };
  const value = (type: GgufValueType): unknown => {
    switch (type) {
      case GgufValueType.UINT32:
        return u32();
      case GgufValueType.INT32:
        return ((at += 4), view.getInt32(at - 4, true));
      case GgufValueType.FLOAT32:
        return ((at += 4), view.getFloat32(at - 4, true));
      case GgufValueType.BOOL:
        return bytes[at++] !== 0;
      case GgufValueType.STRING:
        return str();
      case GgufValueType.ARRAY: {
        const itemType = u32();
        return Array.from({ length: u64() }, () => value(itemType));
      }
      default:
        throw new Error(`metadata type ${type} is not read here`);
    }
  };
  if (u32() !== 0x46554747) throw new Error('not a GGUF file (bad magic)');
  const version = u32();
  const tensorCount = u64();
  const kvCount = u64();
  const metadata = new Map<string, unknown>();
  for (let i = 0; i < kvCount; i++) {
    const key = str();
    metadata.set(key, value(u32()));
  }
  const infos = Array.from({ length: tensorCount }, () => {
    const name = str();
    const dims = Array.from({ length: u32() }, () => u64());
    return { name, dims, type: u32() as GgmlType, offset: u64() };
  });
  const alignment = (metadata.get('general.alignment') as number | undefined) ?? GGUF_ALIGNMENT;
  const dataStart = alignUp(at, alignment);
  const tensors = infos.map((t) => ({ ...t, data: bytes.subarray(dataStart + t.offset, dataStart + t.offset + tensorBytes(t.type, t.dims)) }));
  return { version, metadata, tensors, dataStart };
}
