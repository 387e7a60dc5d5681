import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ProtoSource } from './protobuf';

/**
 * A protobuf file read piece by piece, so the graph edit reads the graph and
 * never the weights (an ONNX file is mostly initializer bytes).
 */
export function withProtoFile<T>(file: string, use: (source: ProtoSource) => T): T {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = (start: number, end: number): Uint8Array => {
      const out = new Uint8Array(Math.max(0, Math.min(end, size) - start));
      let done = 0;
      while (done < out.length) {
        const read = readSync(fd, out, done, out.length - done, start + done);
        if (read === 0) throw new Error(`${file} ended early`);
        done += read;
      }
      return out;
    };
    return use({ size, bytes });
  } finally {
    closeSync(fd);
  }
}
