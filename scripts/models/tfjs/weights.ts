// Decoding of the TF.js weights manifest: float32/int32 stored as is, float16-quantised floats,
// and uint8/uint16 affine-quantised values (value = q * scale + min), exactly as tfjs-core's
// io_utils decodeWeights does, so converted constants equal the ones TF.js computes with.

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | string;
  quantization?: {
    dtype: 'float16' | 'uint8' | 'uint16' | string;
    min?: number;
    scale?: number;
    original_dtype?: string;
  };
}

export interface DecodedWeight {
  readonly dtype: 'float32' | 'int32';
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array;
}

const BYTES_PER_VALUE: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  float16: 2,
  uint8: 1,
  uint16: 2,
};

/** IEEE 754 half precision to single precision (subnormals, infinities and NaN included). */
export function float16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i]!;
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const mantissa = h & 0x3ff;
    if (exponent === 0) out[i] = sign * mantissa * 2 ** -24;
    else if (exponent === 0x1f) out[i] = mantissa === 0 ? sign * Infinity : NaN;
    else out[i] = sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
  }
  return out;
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function readUint(data: Uint8Array, offset: number, count: number, bytes: 1 | 2): Uint16Array | Uint8Array {
  if (bytes === 1) return data.slice(offset, offset + count);
  const view = new DataView(data.buffer, data.byteOffset + offset, count * 2);
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getUint16(i * 2, true);
  return out;
}

function decodeOne(spec: WeightSpec, data: Uint8Array, offset: number): DecodedWeight {
  const count = size(spec.shape);
  const q = spec.quantization;
  if (q) {
    if (q.dtype === 'float16') {
      if (spec.dtype !== 'float32')
        throw new Error(`weight ${spec.name}: float16 quantisation needs float32, got ${spec.dtype}`);
      return {
        dtype: 'float32',
        shape: spec.shape,
        data: float16ToFloat32(readUint(data, offset, count, 2) as Uint16Array),
      };
    }
    if (q.dtype === 'uint8' || q.dtype === 'uint16') {
      if (q.min === undefined || q.scale === undefined)
        throw new Error(`weight ${spec.name}: ${q.dtype} quantisation lacks min/scale`);
      const raw = readUint(data, offset, count, q.dtype === 'uint8' ? 1 : 2);
      if (spec.dtype === 'float32') {
        const out = new Float32Array(count);
        for (let i = 0; i < count; i++) out[i] = raw[i]! * q.scale + q.min;
        return { dtype: 'float32', shape: spec.shape, data: out };
      }
      if (spec.dtype === 'int32') {
        const out = new Int32Array(count);
        for (let i = 0; i < count; i++) out[i] = Math.round(raw[i]! * q.scale + q.min);
        return { dtype: 'int32', shape: spec.shape, data: out };
      }
    }
    throw new Error(`weight ${spec.name}: unsupported quantisation ${q.dtype} for ${spec.dtype}`);
  }
  const view = new DataView(data.buffer, data.byteOffset + offset, count * 4);
  if (spec.dtype === 'float32') {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
    return { dtype: 'float32', shape: spec.shape, data: out };
  }
  if (spec.dtype === 'int32') {
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, true);
    return { dtype: 'int32', shape: spec.shape, data: out };
  }
  throw new Error(`weight ${spec.name}: unsupported dtype ${spec.dtype}`);
}

/** Decode every weight of the manifest from the concatenated shard bytes, in manifest order. */
export function decodeWeights(specs: readonly WeightSpec[], data: Uint8Array): Map<string, DecodedWeight> {
  const out = new Map<string, DecodedWeight>();
  let offset = 0;
  for (const spec of specs) {
    const bytesPerValue = BYTES_PER_VALUE[spec.quantization?.dtype ?? spec.dtype];
    if (bytesPerValue === undefined)
      throw new Error(`weight ${spec.name}: unsupported dtype ${spec.quantization?.dtype ?? spec.dtype}`);
    const byteLength = size(spec.shape) * bytesPerValue;
    if (offset + byteLength > data.length) {
      throw new Error(
        `weight ${spec.name}: needs bytes ${offset}..${offset + byteLength}, shards hold ${data.length}`,
      );
    }
    out.set(spec.name, decodeOne(spec, data, offset));
    offset += byteLength;
  }
  if (offset !== data.length) throw new Error(`weights use ${offset} bytes but shards hold ${data.length}`);
  return out;
}
