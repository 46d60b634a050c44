// Convolutions: Conv2D, DepthwiseConv2dNative and their fused forms (_FusedConv2D,
// FusedDepthwiseConv2dNative with fused_ops [BiasAdd, <activation>]). TF filters are HWIO
// (depthwise: H, W, in, multiplier); ONNX wants OIHW with `group`. TF "SAME" becomes explicit,
// possibly asymmetric pads computed for the static input size.

import { attrFloat, attrInts, attrString, attrStrings } from '../../tfjs/attrs.ts';
import type { TfValue } from '../graph-builder.ts';
import { transposeData } from '../layout.ts';
import { explicitWindowOutput, tfWindowPadding } from '../padding.ts';
import { emitActivation } from './activation.ts';
import { inputAt, UnsupportedOpError, type TranslateContext, type Translator } from './types.ts';

export interface SpatialPadding {
  /** ONNX order: [top, left, bottom, right]. */
  readonly pads: [number, number, number, number];
  readonly outHeight: number;
  readonly outWidth: number;
}

/** Pads and output size of a TF window op on an NHWC input. */
export function spatialPadding(
  ctx: TranslateContext,
  inputShape: readonly number[],
  kernel: readonly [number, number],
  strides: readonly [number, number],
  dilations: readonly [number, number] = [1, 1],
): SpatialPadding {
  const padding = attrString(ctx.node, 'padding');
  const [, height, width] = inputShape as [number, number, number, number];
  if (padding === 'SAME' || padding === 'VALID') {
    const h = tfWindowPadding(padding, height, kernel[0], strides[0], dilations[0]);
    const w = tfWindowPadding(padding, width, kernel[1], strides[1], dilations[1]);
    return { pads: [h.before, w.before, h.after, w.after], outHeight: h.output, outWidth: w.output };
  }
  if (padding === 'EXPLICIT') {
    const e = attrInts(ctx.node, 'explicit_paddings'); // NHWC pairs
    const [top, bottom, left, right] = [e[2] ?? 0, e[3] ?? 0, e[4] ?? 0, e[5] ?? 0];
    return {
      pads: [top, left, bottom, right],
      outHeight: explicitWindowOutput(height, top, bottom, kernel[0], strides[0], dilations[0]),
      outWidth: explicitWindowOutput(width, left, right, kernel[1], strides[1], dilations[1]),
    };
  }
  throw new UnsupportedOpError(ctx.node, `padding ${padding}`);
}

/** The [H, W] pair of an NHWC 4-vector attribute, checking N and C are 1. */
export function spatialPair(ctx: TranslateContext, key: string, fallback?: number[]): [number, number] {
  const v = attrInts(ctx.node, key, fallback);
  if (v.length !== 4 || v[0] !== 1 || v[3] !== 1)
    throw new UnsupportedOpError(ctx.node, `${key} [${v.join(',')}] must be [1,h,w,1]`);
  return [v[1]!, v[2]!];
}

interface FusedSpec {
  readonly bias?: TfValue;
  readonly activation?: string;
  readonly alpha?: TfValue;
  readonly leakyAlpha: number;
}

/** Read fused_ops of _FusedConv2D / FusedDepthwiseConv2dNative / _FusedMatMul (args follow the two data inputs). */
export function fusedSpec(ctx: TranslateContext, fused: boolean): FusedSpec {
  const leakyAlpha = attrFloat(ctx.node, 'leakyrelu_alpha', 0.2);
  if (!fused) return { leakyAlpha };
  const ops = attrStrings(ctx.node, 'fused_ops');
  const args = ctx.inputs.slice(2);
  const [first, second] = ops;
  if (ops.length > 2 || first === 'FusedBatchNorm')
    throw new UnsupportedOpError(ctx.node, `fused_ops [${ops.join(', ')}]`);
  if (first === 'BiasAdd') {
    if (args.length < 1) throw new UnsupportedOpError(ctx.node, 'BiasAdd without bias');
    return { bias: args[0], activation: second, alpha: args[1], leakyAlpha };
  }
  // No bias: the single fused op is the activation, its argument (Prelu alpha) comes first.
  return { activation: first, alpha: args[0], leakyAlpha };
}

function convolution(depthwise: boolean, fused: boolean): Translator {
  return (ctx) => {
    const { builder: b, node } = ctx;
    const x = inputAt(ctx, 0);
    const filter = inputAt(ctx, 1);
    if (attrString(node, 'data_format', 'NHWC') !== 'NHWC')
      throw new UnsupportedOpError(node, 'only NHWC is supported');
    if (x.shape.length !== 4) throw new UnsupportedOpError(node, `input rank ${x.shape.length}`);
    if (!filter.constant || filter.constant.dtype !== 'float32' || filter.shape.length !== 4) {
      throw new UnsupportedOpError(node, 'filter must be a constant 4-D float tensor');
    }
    const [kh, kw, filterIn, filterOut] = filter.shape as [number, number, number, number];
    const channels = x.shape[3]!;
    const strides = spatialPair(ctx, 'strides');
    const dilations = spatialPair(ctx, 'dilations', [1, 1, 1, 1]);
    const { pads, outHeight, outWidth } = spatialPadding(ctx, x.shape, [kh, kw], strides, dilations);

    let weights: Float32Array;
    let weightDims: number[];
    let group: number;
    let outChannels: number;
    if (depthwise) {
      // [kh, kw, C, M] -> [C, M, kh, kw] = [C*M, 1, kh, kw]; output channel c*M + m as in TF.
      if (filterIn !== channels)
        throw new UnsupportedOpError(
          node,
          `depthwise filter expects ${filterIn} channels, input has ${channels}`,
        );
      weights = transposeData(filter.constant.data as Float32Array, filter.shape, [2, 3, 0, 1]);
      outChannels = filterIn * filterOut;
      weightDims = [outChannels, 1, kh, kw];
      group = channels;
    } else {
      if (channels % filterIn !== 0)
        throw new UnsupportedOpError(
          node,
          `input channels ${channels} not a multiple of filter's ${filterIn}`,
        );
      weights = transposeData(filter.constant.data as Float32Array, filter.shape, [3, 2, 0, 1]);
      outChannels = filterOut;
      weightDims = [filterOut, filterIn, kh, kw];
      group = channels / filterIn;
    }
    const spec = fusedSpec(ctx, fused);
    const inputs = [b.ref(x, 'nchw'), b.addFloatInitializer(`${filter.name}/oihw`, weightDims, weights)];
    if (spec.bias) {
      if (spec.bias.shape.length !== 1 || spec.bias.shape[0] !== outChannels)
        throw new UnsupportedOpError(node, 'bias must be [outChannels]');
      inputs.push(b.ref(spec.bias));
    }
    const convName = spec.activation ? `${node.name}/conv` : node.name;
    const [out] = b.addNode('Conv', inputs, convName, {
      kernel_shape: [kh, kw],
      strides: [...strides],
      dilations: [...dilations],
      pads: [...pads],
      group,
    });
    const conv = b.value(out!, [x.shape[0]!, outHeight, outWidth, outChannels], 'nchw');
    if (!spec.activation) return [conv];
    return [
      emitActivation(b, node, conv, spec.activation, node.name, {
        ...(spec.alpha ? { alpha: spec.alpha } : {}),
        leakyAlpha: spec.leakyAlpha,
      }),
    ];
  };
}

export const convOps: Readonly<Record<string, Translator>> = {
  Conv2D: convolution(false, false),
  _FusedConv2D: convolution(false, true),
  DepthwiseConv2dNative: convolution(true, false),
  FusedDepthwiseConv2dNative: convolution(true, true),
};
