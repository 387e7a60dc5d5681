// ggml's block formats for GGUF tensor data: F16 scalars, Q8_0 and Q4_0 blocks of 32 values,
// encoded as llama.cpp's reference quantizers do (ggml-quants.c quantize_row_q8_0_ref / _q4_0_ref).

export const QK = 32;
export const Q8_0_BLOCK_BYTES = 2 + QK; // f16 scale + 32 int8
export const Q4_0_BLOCK_BYTES = 2 + QK / 2; // f16 scale + 16 bytes of nibbles

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half precision bits of `value`, rounded to nearest even (as the F16C instruction does). */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // inf / NaN
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow: inf
  if (e <= 0) {
    if (e < -10) return sign; // underflow: signed zero
    mant |= 0x800000;
    const shift = 14 - e;
    const half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    return sign | (half + (rest > midpoint || (rest === midpoint && (half & 1)) ? 1 : 0));
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half++; // may carry into the exponent: still right
  e = half >>> 10;
  return sign | (e >= 0x1f ? 0x7c00 : half);
}

/** The float value of half-precision bits. */
export function fromHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

function checkLength(values: Float32Array): number {
  if (values.length % QK !== 0) throw new Error(`${values.length} values are not a whole number of ${QK}-value blocks`);
  return values.length / QK;
}

/** Q8_0: per block d = max|x| / 127, q = round(x / d). */
export function encodeQ8_0(values: Float32Array): Uint8Array {
  const blocks = checkLength(values);
  const out = new Uint8Array(blocks * Q8_0_BLOCK_BYTES);
  const view = new DataView(out.buffer);
  for (let b = 0; b < blocks; b++) {
    const at = b * QK;
    let amax = 0;
    for (let j = 0; j < QK; j++) amax = Math.max(amax, Math.abs(values[at + j]!));
    const d = amax / 127;
    const id = d ? 1 / d : 0;
    const base = b * Q8_0_BLOCK_BYTES;
    view.setUint16(base, toHalf(d), true);
    for (let j = 0; j < QK; j++) view.setInt8(base + 2 + j, Math.round(values[at + j]! * id));
  }
  return out;
}

export function decodeQ8_0(data: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let b = 0; b < count / QK; b++) {
    const base = b * Q8_0_BLOCK_BYTES;
    const d = fromHalf(view.getUint16(base, true));
    for (let j = 0; j < QK; j++) out[b * QK + j] = view.getInt8(base + 2 + j) * d;
  }
  return out;
}

/**
 * Q4_0: per block the value of largest magnitude m gives d = m / -8; q = min(15, trunc(x / d + 8.5));
 * byte j holds value j in its low nibble and value j + 16 in its high nibble.
 */
export function encodeQ4_0(values: Float32Array): Uint8Array {
  const blocks = checkLength(values);
  const out = new Uint8Array(blocks * Q4_0_BLOCK_BYTES);
  const view = new DataView(out.buffer);
  for (let b = 0; b < blocks; b++) {
    const at = b * QK;
    let amax = 0;
    let max = 0;
    for (let j = 0; j < QK; j++) {
      const v = values[at + j]!;
      if (Math.abs(v) > amax) [amax, max] = [Math.abs(v), v];
    }
    const d = max / -8;
    const id = d ? 1 / d : 0;
    const base = b * Q4_0_BLOCK_BYTES;
    view.setUint16(base, toHalf(d), true);
    const nibble = (v: number) => Math.min(15, Math.trunc(v * id + 8.5));
    for (let j = 0; j < QK / 2; j++) out[base + 2 + j] = nibble(values[at + j]!) | (nibble(values[at + j + QK / 2]!) << 4);
  }
  return out;
}

export function decodeQ4_0(data: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let b = 0; b < count / QK; b++) {
    const base = b * Q4_0_BLOCK_BYTES;
    const d = fromHalf(view.getUint16(base, true));
    for (let j = 0; j < QK / 2; j++) {
      const byte = data[base + 2 + j]!;
      out[b * QK + j] = ((byte & 0x0f) - 8) * d;
      out[b * QK + j + QK / 2] = ((byte >> 4) - 8) * d;
    }
  }
  return out;
}
