import { GRAPH, int64Tensor, MODEL, nodeMessage, outputInfo, readNode, readOpset, readValueInfo, renameNodeInputs } from './onnxMessages';
import { concat, lenField, lenHeader, readFields, WIRE_LEN, type Field } from './protobuf';

/**
 * The load-time edit of a causal decoder graph that lets Inkwell's decode loop fetch
 * only what a step adds (onnxruntime-node copies every fetched output into a new
 * JavaScript buffer, so fetching the whole cache each step costs more than the step):
 * - outputs `inkwell_new.{i}.key|value` = the last n positions of `present.{i}.*`
 *   (n = new tokens, from input_ids; total = attention_mask's length). Not named
 *   `present*`: transformers.js takes those for cache.
 * - every consumer of `past_key_values.{i}.*` except GroupQueryAttention (which reads
 *   the valid length from the mask) reads the first total - n positions of it instead,
 *   so the past may be a fixed-capacity buffer. With an exact-length past (as
 *   transformers.js feeds it) that slice is the whole tensor.
 * Only the graph's node list, initializers and outputs change; every other byte
 * (weights included) is copied as read.
 */
export const NEW_ROWS_PREFIX = 'inkwell_new.';
const PREFIX = 'inkwell_edit.';

export interface DecoderEdit {
  bytes: Uint8Array;
  layers: number;
  /** Past inputs now read through a Slice (Concat graphs); false when only GroupQueryAttention reads them. */
  slicedPast: boolean;
}

/** Why a graph was left as it was. */
export class GraphEditRefused extends Error {}

const PAST = /^past_key_values\.(\d+)\.(key|value)$/;
const SUBGRAPH_OPS = new Set(['If', 'Loop', 'Scan']);

export function newRowsName(layer: number, kind: 'key' | 'value'): string {
  return `${NEW_ROWS_PREFIX}${layer}.${kind}`;
}

export function editDecoderGraph(model: Uint8Array): DecoderEdit {
  const fields = readFields(model);
  const irVersion = fields.find((f) => f.no === MODEL.irVersion)?.value ?? 0;
  if (irVersion < 4) throw new GraphEditRefused(`IR version ${irVersion} (initializers must not need to be inputs: 4 or later)`);
  const opset = fields.filter((f) => f.no === MODEL.opsetImport && f.wire === WIRE_LEN).map((f) => readOpset(f.payload)).find((o) => o.domain === '')?.version ?? 0;
  if (opset < 10) throw new GraphEditRefused(`ai.onnx opset ${opset} (Slice with start/end inputs needs 10)`);
  const graphs = fields.filter((f) => f.no === MODEL.graph && f.wire === WIRE_LEN);
  if (graphs.length !== 1) throw new GraphEditRefused('no single graph');
  const graph = graphs[0]!;
  const edited = editGraph(readFields(graph.payload));
  const length = edited.pieces.reduce((sum, p) => sum + p.length, 0);
  const pieces = fields.flatMap((f) => (f === graph ? [lenHeader(MODEL.graph, length), ...edited.pieces] : [f.bytes]));
  return { bytes: concat(pieces), layers: edited.layers, slicedPast: edited.slicedPast };
}

function editGraph(fields: Field[]): { pieces: Uint8Array[]; layers: number; slicedPast: boolean } {
  const inputs = new Set(fields.filter((f) => f.no === GRAPH.input).map((f) => readValueInfo(f.payload).name));
  const outputs = new Map(fields.filter((f) => f.no === GRAPH.output).map((f) => readValueInfo(f.payload)).map((v) => [v.name, v.elemType]));
  if (!inputs.has('input_ids') || !inputs.has('attention_mask')) throw new GraphEditRefused('no input_ids or attention_mask input');
  if ([...inputs, ...outputs.keys()].some((n) => n.startsWith('inkwell_'))) throw new GraphEditRefused('already edited');
  const pasts = [...inputs].filter((n) => PAST.test(n));
  const layers = pasts.length / 2;
  if (layers < 1 || !Number.isInteger(layers)) throw new GraphEditRefused('no past_key_values.{i}.key|value inputs');
  for (let i = 0; i < layers; i++) {
    for (const kind of ['key', 'value'] as const) {
      if (!inputs.has(`past_key_values.${i}.${kind}`) || !outputs.has(`present.${i}.${kind}`)) throw new GraphEditRefused(`no past_key_values.${i}.${kind} input or present.${i}.${kind} output`);
    }
  }

  // Consumers of the past that are not GroupQueryAttention read a slice of it instead.
  const sliced = new Map<string, string>();
  const nodes = new Map<Field, Uint8Array>();
  for (const f of fields) {
    if (f.no !== GRAPH.node || f.wire !== WIRE_LEN) continue;
    const node = readNode(f.payload);
    if (SUBGRAPH_OPS.has(node.opType) && node.domain === '') throw new GraphEditRefused(`an ${node.opType} node (its subgraphs may read the cache)`);
    const gqa = node.opType === 'GroupQueryAttention' && node.domain === 'com.microsoft';
    const renames = new Map(node.inputs.filter((n) => PAST.test(n) && !gqa).map((n) => [n, `${PREFIX}${n}`]));
    if (renames.size === 0) continue;
    renames.forEach((to, from) => sliced.set(from, to));
    nodes.set(f, lenField(GRAPH.node, renameNodeInputs(f.payload, renames)));
  }

  const c = (name: string) => `${PREFIX}${name}`;
  const constants = [int64Tensor(c('one'), [1]), int64Tensor(c('axis'), [2]), ...(sliced.size > 0 ? [int64Tensor(c('zero'), [0])] : [])];
  const initializers = constants.map((t) => lenField(GRAPH.initializer, t));
  const node = (name: string, op: string, ins: string[], outs: string[]) => lenField(GRAPH.node, nodeMessage(c(name), op, ins, outs));
  const first = [
    node('mask_shape', 'Shape', ['attention_mask'], [c('mask_shape')]),
    node('total', 'Gather', [c('mask_shape'), c('one')], [c('total')]),
    node('ids_shape', 'Shape', ['input_ids'], [c('ids_shape')]),
    node('new', 'Gather', [c('ids_shape'), c('one')], [c('new')]),
    node('past_length', 'Sub', [c('total'), c('new')], [c('past_length')]),
    ...[...sliced].map(([past, to]) => node(to.slice(PREFIX.length), 'Slice', [past, c('zero'), c('past_length'), c('axis')], [to])),
  ];
  const last: Uint8Array[] = [];
  for (let i = 0; i < layers; i++) {
    for (const kind of ['key', 'value'] as const) {
      const present = `present.${i}.${kind}`;
      const name = newRowsName(i, kind);
      last.push(node(name, 'Slice', [present, c('past_length'), c('total'), c('axis')], [name]));
      last.push(lenField(GRAPH.output, outputInfo(name, outputs.get(present))));
    }
  }
  const pieces = [...first, ...fields.map((f) => nodes.get(f) ?? f.bytes), ...initializers, ...last];
  return { pieces, layers, slicedPast: sliced.size > 0 };
}
