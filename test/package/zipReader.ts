/**
 * Just enough of the zip format to read a VSIX in tests: the central directory's
 * entry names and sizes, and one entry's bytes (stored or deflated). No zip64:
 * a VSIX is far below 4 GB.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  localHeaderOffset: number;
}

export class ZipFile {
  readonly entries: ZipEntry[];
  private readonly bytes: Buffer;

  constructor(file: string) {
    this.bytes = readFileSync(file);
    this.entries = readCentralDirectory(this.bytes);
  }

  get names(): string[] {
    return this.entries.map((e) => e.name);
  }

  read(name: string): Buffer {
    const entry = this.entries.find((e) => e.name === name);
    if (!entry) throw new Error(`${name} is not in the archive`);
    const b = this.bytes;
    const at = entry.localHeaderOffset;
    if (b.readUInt32LE(at) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
    const data = b.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return Buffer.from(data);
    if (entry.method === 8) return inflateRawSync(data);
    throw new Error(`${name}: compression method ${entry.method} not supported`);
  }

  text(name: string): string {
    return this.read(name).toString('utf8');
  }
}

function readCentralDirectory(b: Buffer): ZipEntry[] {
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file (no end of central directory)');
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (b.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = b.readUInt16LE(at + 28);
    const extraLength = b.readUInt16LE(at + 30);
    const commentLength = b.readUInt16LE(at + 32);
    entries.push({
      method: b.readUInt16LE(at + 10),
      compressedSize: b.readUInt32LE(at + 20),
      size: b.readUInt32LE(at + 24),
      localHeaderOffset: b.readUInt32LE(at + 42),
      name: b.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
