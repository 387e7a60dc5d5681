/**
 * A copy of a generated model folder whose fp32 graph keeps its weights in ONNX
 * external data, split over chunks as large exports are: `onnx/model.onnx`
 * (graph only) + `onnx/model.onnx_data` + `onnx/model.onnx_data_1` … Same
 * weights, so it must generate the same tokens as the original. (Test helper;
 * the fixture generator's own graphs are left alone.)
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';

export function writeExternalDataCopy(source: string, dest: string, chunks: number): string[] {
  mkdirSync(path.join(dest, 'onnx'), { recursive: true });
  for (const f of readdirSync(source)) if (f.endsWith('.json')) copyFileSync(path.join(source, f), path.join(dest, f));
  const model = onnx.ModelProto.decode(readFileSync(path.join(source, 'onnx/model.onnx')));
  const big = (model.graph?.initializer ?? []).filter((t) => (t.rawData?.length ?? 0) > 256);
  const names = Array.from({ length: chunks }, (_, i) => `model.onnx_data${i === 0 ? '' : `_${i}`}`);
  const parts: Buffer[][] = names.map(() => []);
  const offsets = names.map(() => 0);
  big.forEach((tensor, i) => {
    const chunk = Math.min(chunks - 1, Math.floor((i * chunks) / big.length));
    const data = Buffer.from(tensor.rawData as Uint8Array);
    tensor.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    tensor.externalData = [
      { key: 'location', value: names[chunk] },
      { key: 'offset', value: String(offsets[chunk]) },
      { key: 'length', value: String(data.length) },
    ];
    tensor.rawData = new Uint8Array(0);
    parts[chunk]?.push(data);
    offsets[chunk] = (offsets[chunk] ?? 0) + data.length;
  });
  writeFileSync(path.join(dest, 'onnx/model.onnx'), onnx.ModelProto.encode(model).finish());
  names.forEach((name, i) => writeFileSync(path.join(dest, 'onnx', name), Buffer.concat(parts[i] ?? [])));
  return names.map((n) => `onnx/${n}`);
}
