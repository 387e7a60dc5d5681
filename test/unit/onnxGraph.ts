/** A readable summary of an ONNX model file (inputs, outputs, nodes, initializers), for shape tests. */
import { readFileSync } from 'node:fs';
import { onnx } from 'onnx-proto';

export type Dims = (number | string)[];

export interface NodeSummary {
  op: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, number | string>;
}

export interface InitializerSummary {
  name: string;
  dims: number[];
  dataType: number;
  /** ONNX external data: where the bytes are, when they are not in the model file. */
  external?: { location: string; offset: number; length: number };
}

export interface GraphSummary {
  inputs: Record<string, Dims>;
  outputs: Record<string, Dims>;
  nodes: NodeSummary[];
  initializers: Map<string, InitializerSummary>;
  opsetDomains: string[];
}

function dims(value: onnx.IValueInfoProto): Dims {
  return (value.type?.tensorType?.shape?.dim ?? []).map((d) => d.dimParam || Number(d.dimValue));
}

function attrValue(a: onnx.IAttributeProto): number | string {
  if (a.type === onnx.AttributeProto.AttributeType.FLOAT) return a.f ?? 0;
  if (a.type === onnx.AttributeProto.AttributeType.STRING) return Buffer.from(a.s ?? []).toString('utf8');
  return Number(a.i ?? 0);
}

export function readGraph(file: string): GraphSummary {
  const model = onnx.ModelProto.decode(readFileSync(file));
  const graph = model.graph ?? {};
  const initializers = new Map<string, InitializerSummary>();
  for (const t of graph.initializer ?? []) {
    const summary: InitializerSummary = { name: t.name ?? '', dims: (t.dims ?? []).map(Number), dataType: t.dataType ?? 0 };
    if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
      const entry = new Map((t.externalData ?? []).map((e) => [e.key, e.value ?? '']));
      summary.external = { location: entry.get('location') ?? '', offset: Number(entry.get('offset') ?? 0), length: Number(entry.get('length') ?? -1) };
    }
    initializers.set(summary.name, summary);
  }
  return {
    inputs: Object.fromEntries((graph.input ?? []).map((v) => [v.name ?? '', dims(v)])),
    outputs: Object.fromEntries((graph.output ?? []).map((v) => [v.name ?? '', dims(v)])),
    nodes: (graph.node ?? []).map((n) => ({
      op: n.opType ?? '',
      domain: n.domain ?? '',
      inputs: n.input ?? [],
      outputs: n.output ?? [],
      attrs: Object.fromEntries((n.attribute ?? []).map((a) => [a.name ?? '', attrValue(a)])),
    })),
    initializers,
    opsetDomains: (model.opsetImport ?? []).map((o) => o.domain ?? ''),
  };
}

/** The node that produces `output`. */
export function producer(graph: GraphSummary, output: string): NodeSummary | undefined {
  return graph.nodes.find((n) => n.outputs.includes(output));
}

export function opsOf(graph: GraphSummary): Set<string> {
  return new Set(graph.nodes.map((n) => n.op));
}
