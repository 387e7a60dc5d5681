// A GGUF (version 3) writer: header, metadata key/values, tensor infos, then the tensor data, each
// tensor's data starting at a multiple of `general.alignment` (32) from the start of the data section.
// Tensor data is produced one tensor at a time, so a model larger than memory can be written.
// Format: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
import * as fs from 'node:fs';
import { Q4_0_BLOCK_BYTES, Q8_0_BLOCK_BYTES, QK } from './ggmlBlocks';

export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
export const GGUF_VERSION = 3;
export const GGUF_ALIGNMENT = 32;

/** ggml tensor types this writer knows (values of enum ggml_type). */
export enum GgmlType {
  F32 = 0,
  F16 = 1,
  Q4_0 = 2,
  Q8_0 = 8,
}

/** Metadata value types (enum gguf_type). */
export enum GgufValueType {
  UINT8 = 0,
  INT8 = 1,
  UINT16 = 2,
  INT16 = 3,
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  UINT64 = 10,
  INT64 = 11,
  FLOAT64 = 12,
}

type Scalar = { type: GgufValueType.UINT32 | GgufValueType.INT32 | GgufValueType.FLOAT32; value: number } | { type: GgufValueType.BOOL; value: boolean } | { type: GgufValueType.STRING; value: string };
export type GgufValue = Scalar | { type: GgufValueType.ARRAY; itemType: GgufValueType.STRING; value: string[] } | { type: GgufValueType.ARRAY; itemType: GgufValueType.INT32 | GgufValueType.FLOAT32; value: number[] };

export const kv = {
  u32: (value: number): GgufValue => ({ type: GgufValueType.UINT32, value }),
  i32: (value: number): GgufValue => ({ type: GgufValueType.INT32, value }),
  f32: (value: number): GgufValue => ({ type: GgufValueType.FLOAT32, value }),
  bool: (value: boolean): GgufValue => ({ type: GgufValueType.BOOL, value }),
  str: (value: string): GgufValue => ({ type: GgufValueType.STRING, value }),
  strings: (value: string[]): GgufValue => ({ type: GgufValueType.ARRAY, itemType: GgufValueType.STRING, value }),
  i32s: (value: number[]): GgufValue => ({ type: GgufValueType.ARRAY, itemType: GgufValueType.INT32, value }),
  f32s: (value: number[]): GgufValue => ({ type: GgufValueType.ARRAY, itemType: GgufValueType.FLOAT32, value }),
};

export interface GgufTensor {
  name: string;
  /** ggml order: dims[0] is the fastest-varying (a row's length), as `ne` in ggml. */
  dims: number[];
  type: GgmlType;
  /** The tensor's bytes in `type`'s encoding, produced when the writer reaches it. */
  data: () => Uint8Array;
}

/** Bytes of a tensor of `dims` in `type`; quantized types need rows of whole 32-value blocks. */
export function tensorBytes(type: GgmlType, dims: readonly number[]): number {
  const count = dims.reduce((a, b) => a * b, 1);
  if (type === GgmlType.F32) return count * 4;
  if (type === GgmlType.F16) return count * 2;
  if ((dims[0] ?? 0) % QK !== 0) throw new Error(`${GgmlType[type]} rows must be a multiple of ${QK} values, not ${dims[0]}`);
  return (count / QK) * (type === GgmlType.Q8_0 ? Q8_0_BLOCK_BYTES : Q4_0_BLOCK_BYTES);
}

export const alignUp = (n: number, alignment = GGUF_ALIGNMENT): number => Math.ceil(n / alignment) * alignment;

/** Appends little-endian values to a growing list of chunks. */
class ByteSink {
  readonly chunks: Buffer[] = [];
  length = 0;
  private push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  u8(v: number): void {
    this.push(Buffer.from([v]));
  }
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  zeros(n: number): void {
    if (n > 0) this.push(Buffer.alloc(n));
  }
}

function writeValue(sink: ByteSink, v: GgufValue): void {
  sink.u32(v.type);
  switch (v.type) {
    case GgufValueType.UINT32:
      return sink.u32(v.value);
    case GgufValueType.INT32:
      return sink.i32(v.value);
    case GgufValueType.FLOAT32:
      return sink.f32(v.value);
    case GgufValueType.BOOL:
      return sink.u8(v.value ? 1 : 0);
    case GgufValueType.STRING:
      return sink.str(v.value);
    case GgufValueType.ARRAY:
      sink.u32(v.itemType);
      sink.u64(v.value.length);
      if (v.itemType === GgufValueType.STRING) for (const s of v.value) sink.str(s);
      else if (v.itemType === GgufValueType.INT32) for (const n of v.value) sink.i32(n);
      else for (const n of v.value) sink.f32(n);
  }
}

/** The header, metadata and tensor infos, padded to the alignment; and each tensor's data offset. */
export function ggufHeader(metadata: Record<string, GgufValue>, tensors: readonly Omit<GgufTensor, 'data'>[]): { header: Buffer; offsets: number[] } {
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(tensors.length);
  const entries = Object.entries({ 'general.alignment': kv.u32(GGUF_ALIGNMENT), ...metadata });
  sink.u64(entries.length);
  for (const [key, value] of entries) {
    sink.str(key);
    writeValue(sink, value);
  }
  const offsets: number[] = [];
  let offset = 0;
  for (const t of tensors) {
    sink.str(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(t.type);
    sink.u64(offset);
    offsets.push(offset);
    offset = alignUp(offset + tensorBytes(t.type, t.dims));
  }
  sink.zeros(alignUp(sink.length) - sink.length);
  return { header: Buffer.concat(sink.chunks), offsets };
}

/** Writes a GGUF file; returns its size in bytes. */
export function writeGguf(file: string, metadata: Record<string, GgufValue>, tensors: readonly GgufTensor[]): number {
  const { header, offsets } = ggufHeader(metadata, tensors);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, header);
    let written = 0;
    for (const [i, t] of tensors.entries()) {
      const bytes = t.data();
      const expected = tensorBytes(t.type, t.dims);
      if (bytes.length !== expected) throw new Error(`tensor ${t.name}: ${bytes.length} bytes of data, expected ${expected}`);
      const pad = (offsets[i] ?? 0) - written;
      if (pad > 0) fs.writeSync(fd, Buffer.alloc(pad));
      fs.writeSync(fd, bytes);
      written = (offsets[i] ?? 0) + bytes.length;
    }
    const end = alignUp(written) - written;
    if (end > 0) fs.writeSync(fd, Buffer.alloc(end));
    return header.length + alignUp(written);
  } finally {
    fs.closeSync(fd);
  }
}
