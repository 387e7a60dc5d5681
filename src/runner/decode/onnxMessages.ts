import { concat, lenField, readFields, utf8, varintField, WIRE_LEN } from './protobuf';

/**
 * The ONNX protobuf messages the decoder graph edit reads or writes (field numbers
 * from onnx/onnx.proto): only names, op types and the few fields it needs.
 */
export const MODEL = { graph: 7, opsetImport: 8, irVersion: 1 } as const;
export const GRAPH = { node: 1, initializer: 5, input: 11, output: 12, valueInfo: 13 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, domain: 7 } as const;
const OPSET = { domain: 1, version: 2 } as const;
const VALUE_INFO = { name: 1, type: 2 } as const;
const TYPE_TENSOR = 1;
const TENSOR_ELEM_TYPE = 1;
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 } as const;
const INT64 = 7;
const FLOAT = 1;

export interface NodeView {
  inputs: string[];
  outputs: string[];
  opType: string;
  domain: string;
}

/** A NodeProto's inputs, outputs, op type and domain (attributes are not decoded). */
export function readNode(payload: Uint8Array): NodeView {
  const node: NodeView = { inputs: [], outputs: [], opType: '', domain: '' };
  for (const f of readFields(payload)) {
    if (f.wire !== WIRE_LEN) continue;
    if (f.no === NODE.input) node.inputs.push(utf8(f.payload));
    else if (f.no === NODE.output) node.outputs.push(utf8(f.payload));
    else if (f.no === NODE.opType) node.opType = utf8(f.payload);
    else if (f.no === NODE.domain) node.domain = utf8(f.payload);
  }
  return node;
}

/** The NodeProto's bytes with some inputs and outputs renamed; every other field copied as is. */
export function renameNodeValues(payload: Uint8Array, inputs: ReadonlyMap<string, string>, outputs: ReadonlyMap<string, string>): Uint8Array {
  return concat(
    readFields(payload).map((f) => {
      const renames = f.no === NODE.input ? inputs : f.no === NODE.output ? outputs : undefined;
      const renamed = renames && f.wire === WIRE_LEN ? renames.get(utf8(f.payload)) : undefined;
      return renamed === undefined ? f.bytes : lenField(f.no, renamed);
    }),
  );
}

/** One OperatorSetIdProto: its domain ('' for ai.onnx) and version. */
export function readOpset(payload: Uint8Array): { domain: string; version: number } {
  let domain = '';
  let version = 0;
  for (const f of readFields(payload)) {
    if (f.no === OPSET.domain && f.wire === WIRE_LEN) domain = utf8(f.payload);
    else if (f.no === OPSET.version) version = f.value;
  }
  return { domain: domain === 'ai.onnx' ? '' : domain, version };
}

/** A ValueInfoProto's name and tensor element type (0 when it declares none). */
export function readValueInfo(payload: Uint8Array): { name: string; elemType: number } {
  let name = '';
  let elemType = 0;
  for (const f of readFields(payload)) {
    if (f.no === VALUE_INFO.name && f.wire === WIRE_LEN) name = utf8(f.payload);
    else if (f.no === VALUE_INFO.type && f.wire === WIRE_LEN) {
      const tensor = readFields(f.payload).find((t) => t.no === TYPE_TENSOR && t.wire === WIRE_LEN);
      elemType = tensor ? (readFields(tensor.payload).find((e) => e.no === TENSOR_ELEM_TYPE)?.value ?? 0) : 0;
    }
  }
  return { name, elemType };
}

/** A NodeProto in the default (ai.onnx) domain, without attributes. */
export function nodeMessage(name: string, opType: string, inputs: readonly string[], outputs: readonly string[]): Uint8Array {
  return concat([...inputs.map((i) => lenField(NODE.input, i)), ...outputs.map((o) => lenField(NODE.output, o)), lenField(NODE.name, name), lenField(NODE.opType, opType)]);
}

/** A 1-D int64 TensorProto (an initializer). */
export function int64Tensor(name: string, values: readonly number[]): Uint8Array {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return concat([varintField(TENSOR.dims, values.length), varintField(TENSOR.dataType, INT64), lenField(TENSOR.name, name), lenField(TENSOR.rawData, raw)]);
}

/** A graph output's ValueInfoProto: name and element type, shape left to inference. */
export function outputInfo(name: string, elemType = FLOAT): Uint8Array {
  const tensorType = lenField(TYPE_TENSOR, varintField(TENSOR_ELEM_TYPE, elemType || FLOAT));
  return concat([lenField(VALUE_INFO.name, name), lenField(VALUE_INFO.type, tensorType)]);
}

const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const ENTRY = { key: 1, value: 2 } as const;
const EXTERNAL = 1;
export const TENSOR_FIELDS = { rawData: TENSOR.rawData, externalData: TENSOR_EXTERNAL_DATA, dataLocation: TENSOR_DATA_LOCATION } as const;

/** A TensorProto's fields saying its data is `length` bytes at `offset` of `location` (a file next to the model). */
export function externalDataFields(location: string, offset: number, length: number): Uint8Array {
  const entry = (key: string, value: string) => lenField(TENSOR_EXTERNAL_DATA, lenField(ENTRY.key, key), lenField(ENTRY.value, value));
  return concat([entry('location', location), entry('offset', String(offset)), entry('length', String(length)), varintField(TENSOR_DATA_LOCATION, EXTERNAL)]);
}
