/** Which OS and CPU a native binary is for, from its header (ELF, PE or Mach-O). */
export interface BinaryKind {
  os: 'linux' | 'win32' | 'darwin';
  arch: 'x64' | 'arm64' | string;
}

export function binaryKind(bytes: Buffer): BinaryKind {
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes.readUInt16LE(18); // little-endian ELF
    return { os: 'linux', arch: machine === 0x3e ? 'x64' : machine === 0xb7 ? 'arm64' : `elf-machine-${machine}` };
  }
  if (bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.readUInt32LE(pe) !== 0x00004550) throw new Error('MZ file without a PE header');
    const machine = bytes.readUInt16LE(pe + 4);
    return { os: 'win32', arch: machine === 0x8664 ? 'x64' : machine === 0xaa64 ? 'arm64' : `pe-machine-${machine.toString(16)}` };
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = bytes.readUInt32LE(4);
    return { os: 'darwin', arch: cpu === 0x0100000c ? 'arm64' : cpu === 0x01000007 ? 'x64' : `macho-cpu-${cpu.toString(16)}` };
  }
  throw new Error(`not a native binary (starts with ${bytes.subarray(0, 4).toString('hex')})`);
}
