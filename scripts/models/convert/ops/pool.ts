// MaxPool and AvgPool (NHWC, ksize/strides [1,h,w,1]). TF's SAME average excludes the padded
// cells from the count, which is ONNX AveragePool with count_include_pad = 0.

import { attrString } from '../../tfjs/attrs.ts';
import { spatialPadding, spatialPair } from './conv.ts';
import { inputAt, UnsupportedOpError, type Translator } from './types.ts';

function pool(onnxOp: 'MaxPool' | 'AveragePool'): Translator {
  return (ctx) => {
    const { builder: b, node } = ctx;
    const x = inputAt(ctx, 0);
    if (attrString(node, 'data_format', 'NHWC') !== 'NHWC')
      throw new UnsupportedOpError(node, 'only NHWC is supported');
    if (x.shape.length !== 4) throw new UnsupportedOpError(node, `input rank ${x.shape.length}`);
    const kernel = spatialPair(ctx, 'ksize');
    const strides = spatialPair(ctx, 'strides');
    const { pads, outHeight, outWidth } = spatialPadding(ctx, x.shape, kernel, strides);
    const attributes = {
      kernel_shape: [...kernel],
      strides: [...strides],
      pads: [...pads],
      ...(onnxOp === 'AveragePool' ? { count_include_pad: 0 } : {}),
    };
    const [out] = b.addNode(onnxOp, [b.ref(x, 'nchw')], node.name, attributes);
    return [b.value(out!, [x.shape[0]!, outHeight, outWidth, x.shape[3]!], 'nchw')];
  };
}

export const poolOps: Readonly<Record<string, Translator>> = {
  MaxPool: pool('MaxPool'),
  AvgPool: pool('AveragePool'),
};
