// TF keeps image tensors as NHWC; ONNX convolutions want NCHW. The converter keeps each rank-4
// activation in NCHW inside the graph and tracks the TF (NHWC) shape alongside, so these helpers
// translate axes, shapes and constant data between the two orders.

/** Position in NCHW of each NHWC axis: N→0, H→2, W→3, C→1. */
export const NHWC_TO_NCHW_AXIS: readonly number[] = [0, 2, 3, 1];
/** Transpose perm turning NHWC data into NCHW. */
export const PERM_NHWC_TO_NCHW: readonly number[] = [0, 3, 1, 2];
/** Transpose perm turning NCHW data into NHWC. */
export const PERM_NCHW_TO_NHWC: readonly number[] = [0, 2, 3, 1];

export function permute<T>(values: readonly T[], perm: readonly number[]): T[] {
  return perm.map((p) => {
    const v = values[p];
    if (v === undefined) throw new Error(`perm ${perm.join(',')} out of range for rank ${values.length}`);
    return v;
  });
}

/** NCHW shape of an NHWC shape. */
export function nchwShape(nhwc: readonly number[]): number[] {
  if (nhwc.length !== 4) throw new Error(`expected rank 4, got shape [${nhwc.join(',')}]`);
  return permute(nhwc, PERM_NHWC_TO_NCHW);
}

export function normalizeAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new Error(`axis ${axis} out of range for rank ${rank}`);
  return a;
}

/** Transpose dense row-major data of `shape` by `perm` (out[i] = in along permuted axes). */
export function transposeData<T extends Float32Array | Int32Array>(
  data: T,
  shape: readonly number[],
  perm: readonly number[],
): T {
  const rank = shape.length;
  const outShape = permute(shape, perm);
  const inStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = inStrides[i + 1]! * shape[i + 1]!;
  const strideForOut = perm.map((p) => inStrides[p]!);
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < data.length; o++) {
    let src = 0;
    for (let d = 0; d < rank; d++) src += index[d]! * strideForOut[d]!;
    out[o] = data[src]!;
    for (let d = rank - 1; d >= 0; d--) {
      index[d] = index[d]! + 1;
      if (index[d]! < outShape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}

/** NumPy/TF broadcasting of two shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1)
      throw new Error(`cannot broadcast [${a.join(',')}] with [${b.join(',')}]`);
    out.push(x === 1 ? y : x);
  }
  return out;
}
