import { externalDataFields, GRAPH, int64Tensor, MODEL, nodeMessage, outputInfo, readNode, readOpset, readValueInfo, renameNodeValues, TENSOR_FIELDS, type NodeView } from './onnxMessages';
import { bufferSource, concat, lenField, lenHeader, spans, WIRE_LEN, type ProtoSource, type Span } from './protobuf';

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
 * - an Identity whose output is `present.*` is removed, its input renamed to that output
 *   (onnxruntime cannot drop it itself, and it copies the whole cache every run).
 * Only the graph's node list, initializers and outputs change; every other byte is
 * copied as read. With `weightsFile` (the name of the file being edited, in the model's
 * folder), the weights are not copied at all: each initializer stored inline becomes a
 * reference to its own bytes in that file (ONNX external data), so the edited graph is
 * small and onnxruntime reads the weights from the file as it would have.
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

export interface EditOptions {
  weightsFile?: string;
}

/** Initializers smaller than this stay inline. */
const EXTERNAL_MIN_BYTES = 1024;
const PAST = /^past_key_values\.(\d+)\.(key|value)$/;
const SUBGRAPH_OPS = new Set(['If', 'Loop', 'Scan']);

export function newRowsName(layer: number, kind: 'key' | 'value'): string {
  return `${NEW_ROWS_PREFIX}${layer}.${kind}`;
}

/** A LEN field read whole: its bytes and its payload. */
interface Read {
  bytes: Uint8Array;
  payload: Uint8Array;
}

function read(source: ProtoSource, span: Span): Read {
  const bytes = source.bytes(span.start, span.end);
  return { bytes, payload: bytes.subarray(span.payloadStart - span.start) };
}

export function editDecoderGraph(model: Uint8Array | ProtoSource, options: EditOptions = {}): DecoderEdit {
  const source = model instanceof Uint8Array ? bufferSource(model) : model;
  const fields = spans(source, 0, source.size);
  const irVersion = fields.find((f) => f.no === MODEL.irVersion)?.value ?? 0;
  if (irVersion < 4) throw new GraphEditRefused(`IR version ${irVersion} (initializers must not need to be inputs: 4 or later)`);
  const opsets = fields.filter((f) => f.no === MODEL.opsetImport && f.wire === WIRE_LEN).map((f) => readOpset(read(source, f).payload));
  const opset = opsets.find((o) => o.domain === '')?.version ?? 0;
  if (opset < 10) throw new GraphEditRefused(`ai.onnx opset ${opset} (Slice with start/end inputs needs 10)`);
  const graphs = fields.filter((f) => f.no === MODEL.graph && f.wire === WIRE_LEN);
  if (graphs.length !== 1) throw new GraphEditRefused('no single graph');
  const graph = graphs[0]!;
  const edited = editGraph(source, spans(source, graph.payloadStart, graph.end), options);
  const length = edited.pieces.reduce((sum, p) => sum + p.length, 0);
  const pieces = fields.flatMap((f) => (f === graph ? [lenHeader(MODEL.graph, length), ...edited.pieces] : [source.bytes(f.start, f.end)]));
  return { bytes: concat(pieces), layers: edited.layers, slicedPast: edited.slicedPast };
}

/** An initializer with its raw data as a reference into `file` (the source), when large enough. */
function externalized(source: ProtoSource, initializer: Span, file: string): Uint8Array {
  const fields = spans(source, initializer.payloadStart, initializer.end);
  const raw = fields.find((f) => f.no === TENSOR_FIELDS.rawData && f.wire === WIRE_LEN);
  if (!raw || raw.end - raw.payloadStart < EXTERNAL_MIN_BYTES) return source.bytes(initializer.start, initializer.end);
  const kept = fields.filter((f) => f !== raw && f.no !== TENSOR_FIELDS.externalData && f.no !== TENSOR_FIELDS.dataLocation).map((f) => source.bytes(f.start, f.end));
  return lenField(GRAPH.initializer, ...kept, externalDataFields(file, raw.payloadStart, raw.end - raw.payloadStart));
}

function editGraph(source: ProtoSource, fields: Span[], options: EditOptions): { pieces: Uint8Array[]; layers: number; slicedPast: boolean } {
  const infos = (no: number) => fields.filter((f) => f.no === no).map((f) => readValueInfo(read(source, f).payload));
  const inputs = new Set(infos(GRAPH.input).map((v) => v.name));
  const outputs = new Map(infos(GRAPH.output).map((v) => [v.name, v.elemType]));
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

  const nodes: { span: Span; read: Read; node: NodeView }[] = [];
  for (const span of fields) {
    if (span.no !== GRAPH.node || span.wire !== WIRE_LEN) continue;
    const f = read(source, span);
    const node = readNode(f.payload);
    if (SUBGRAPH_OPS.has(node.opType) && node.domain === '') throw new GraphEditRefused(`an ${node.opType} node (its subgraphs may read the cache)`);
    nodes.push({ span, read: f, node });
  }
  const identities = presentIdentities(nodes.map((n) => n.node), inputs, outputs);

  // Consumers of the past that are not GroupQueryAttention read a slice of it instead.
  const sliced = new Map<string, string>();
  const kept = new Map<Span, Uint8Array>();
  for (const span of fields) {
    if (span.no === GRAPH.initializer && options.weightsFile) kept.set(span, externalized(source, span, options.weightsFile));
    if (span.no === GRAPH.valueInfo && identities.renames.size > 0 && identities.renames.has(readValueInfo(read(source, span).payload).name)) kept.set(span, new Uint8Array(0));
  }
  for (const { span, read: f, node } of nodes) {
    if (identities.removed.has(node)) {
      kept.set(span, new Uint8Array(0));
      continue;
    }
    const gqa = node.opType === 'GroupQueryAttention' && node.domain === 'com.microsoft';
    const renames = new Map(node.inputs.filter((n) => PAST.test(n) && !gqa).map((n) => [n, `${PREFIX}${n}`]));
    renames.forEach((to, from) => sliced.set(from, to));
    node.inputs.forEach((n) => identities.renames.has(n) && renames.set(n, identities.renames.get(n)!));
    const outputRenames = new Map(node.outputs.filter((n) => identities.renames.has(n)).map((n) => [n, identities.renames.get(n)!]));
    kept.set(span, renames.size + outputRenames.size === 0 ? f.bytes : lenField(GRAPH.node, renameNodeValues(f.payload, renames, outputRenames)));
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
  const pieces = [...first, ...fields.map((f) => kept.get(f) ?? source.bytes(f.start, f.end)), ...initializers, ...last];
  return { pieces, layers, slicedPast: sliced.size > 0 };
}

/**
 * Identity nodes that only rename a computed value to a `present.*` output (the value
 * is neither a graph input nor output): removing them saves a copy of the cache per run.
 */
function presentIdentities(nodes: NodeView[], inputs: ReadonlySet<string>, outputs: ReadonlyMap<string, number>): { removed: Set<NodeView>; renames: Map<string, string> } {
  const produced = new Set(nodes.flatMap((n) => n.outputs));
  const removed = new Set<NodeView>();
  const renames = new Map<string, string>();
  for (const node of nodes) {
    const [from] = node.inputs;
    const [to] = node.outputs;
    if (node.opType !== 'Identity' || node.domain !== '' || node.inputs.length !== 1 || node.outputs.length !== 1 || !from || !to) continue;
    if (!/^present\./.test(to) || !outputs.has(to) || outputs.has(from) || inputs.has(from) || !produced.has(from) || renames.has(from)) continue;
    removed.add(node);
    renames.set(from, to);
  }
  return { removed, renames };
}
