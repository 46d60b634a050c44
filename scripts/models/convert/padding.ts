// TensorFlow's padding rules for convolutions and pools, as explicit per-side pads for a fixed
// input size. TF "SAME" puts the odd extra pixel after (bottom/right), unlike a symmetric pad:
// https://www.tensorflow.org/api_docs/python/tf/nn#notes_on_padding_2

export interface AxisPadding {
  readonly before: number;
  readonly after: number;
  readonly output: number;
}

/** One spatial axis of a TF window op with padding "SAME" or "VALID". */
export function tfWindowPadding(
  padding: 'SAME' | 'VALID',
  inputSize: number,
  kernelSize: number,
  stride: number,
  dilation = 1,
): AxisPadding {
  const effectiveKernel = (kernelSize - 1) * dilation + 1;
  if (padding === 'VALID') {
    const output = Math.floor((inputSize - effectiveKernel) / stride) + 1;
    if (output < 1) throw new Error(`VALID window ${effectiveKernel} does not fit input ${inputSize}`);
    return { before: 0, after: 0, output };
  }
  const output = Math.ceil(inputSize / stride);
  const total = Math.max((output - 1) * stride + effectiveKernel - inputSize, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before, output };
}

/** Output size of an axis with explicit pads (TF padding "EXPLICIT"). */
export function explicitWindowOutput(
  inputSize: number,
  before: number,
  after: number,
  kernelSize: number,
  stride: number,
  dilation = 1,
): number {
  const effectiveKernel = (kernelSize - 1) * dilation + 1;
  return Math.floor((inputSize + before + after - effectiveKernel) / stride) + 1;
}
