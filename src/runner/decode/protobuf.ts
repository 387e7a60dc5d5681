/**
 * The few protobuf wire-format pieces the ONNX graph edit needs (onnxGraphEdit.ts):
 * split a message into its fields without decoding their payloads, and write new
 * fields. Untouched fields are copied as the bytes they were read from.
 */

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** One field of a message: `bytes` is the whole field (tag included), `payload` a LEN field's contents. */
export interface Field {
  no: number;
  wire: number;
  bytes: Uint8Array;
  payload: Uint8Array;
  /** A VARINT field's value (exact below 2^53). */
  value: number;
}

function readVarint(buf: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    const byte = buf[i]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return [value, i + 1];
  }
  throw new Error('malformed protobuf varint');
}

/** The fields of one message, in file order. */
export function readFields(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  let at = 0;
  while (at < buf.length) {
    const start = at;
    const [tag, afterTag] = readVarint(buf, at);
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    let payload = buf.subarray(afterTag, afterTag);
    let value = 0;
    if (wire === WIRE_VARINT) [value, at] = readVarint(buf, afterTag);
    else if (wire === WIRE_I64) at = afterTag + 8;
    else if (wire === WIRE_I32) at = afterTag + 4;
    else if (wire === WIRE_LEN) {
      const [length, afterLength] = readVarint(buf, afterTag);
      at = afterLength + length;
      payload = buf.subarray(afterLength, at);
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    if (at > buf.length || no === 0) throw new Error('malformed protobuf message');
    fields.push({ no, wire, bytes: buf.subarray(start, at), payload, value });
  }
  return fields;
}

export function varint(value: number): Uint8Array {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return Uint8Array.from(out);
}

/** Concatenates byte pieces into one buffer (one allocation). */
export function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** The tag and length of a LEN field whose `length` payload bytes follow. */
export function lenHeader(no: number, length: number): Uint8Array {
  return concat([varint(no * 8 + WIRE_LEN), varint(length)]);
}

/** A LEN field: a sub-message's parts, a string, or packed bytes. */
export function lenField(no: number, ...parts: (Uint8Array | string)[]): Uint8Array {
  const bytes = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const length = bytes.reduce((sum, p) => sum + p.length, 0);
  return concat([lenHeader(no, length), ...bytes]);
}

export function varintField(no: number, value: number): Uint8Array {
  return concat([varint(no * 8 + WIRE_VARINT), varint(value)]);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function utf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Where a message's bytes are read from: a buffer, or a file read piece by piece (protoFile.ts). */
export interface ProtoSource {
  readonly size: number;
  /** The bytes [start, end): a view for buffers, a fresh read for files. */
  bytes(start: number, end: number): Uint8Array;
}

/** A field located in a source, payload not read: [start, end) is the whole field, [payloadStart, end) a LEN field's payload. */
export interface Span {
  no: number;
  wire: number;
  start: number;
  payloadStart: number;
  end: number;
  value: number;
}

/** The fields of the message at [start, end) of `source`, reading only their tags and lengths. */
export function spans(source: ProtoSource, start: number, end: number): Span[] {
  const out: Span[] = [];
  let at = start;
  while (at < end) {
    const head = source.bytes(at, Math.min(end, at + 20));
    const [tag, afterTag] = readVarint(head, 0);
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    let value = 0;
    let payloadStart = at + afterTag;
    let next: number;
    if (wire === WIRE_VARINT) {
      const [v, after] = readVarint(head, afterTag);
      value = v;
      next = at + after;
    } else if (wire === WIRE_I64) next = payloadStart + 8;
    else if (wire === WIRE_I32) next = payloadStart + 4;
    else if (wire === WIRE_LEN) {
      const [length, after] = readVarint(head, afterTag);
      payloadStart = at + after;
      next = payloadStart + length;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    if (next > end || no === 0) throw new Error('malformed protobuf message');
    out.push({ no, wire, start: at, payloadStart, end: next, value });
    at = next;
  }
  return out;
}

export function bufferSource(buffer: Uint8Array): ProtoSource {
  return { size: buffer.length, bytes: (start, end) => buffer.subarray(start, end) };
}
