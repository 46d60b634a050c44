// Image resizing: ResizeBilinear on NCHW activations, to a constant size. TF's sampling grid maps
// onto ONNX Resize's coordinate_transformation_mode: align_corners → align_corners,
// half_pixel_centers → half_pixel (TF and onnxruntime both clamp the source coordinate to the
// image), neither → asymmetric.

import { attrBool } from '../../tfjs/attrs.ts';
import { constInts } from '../graph-builder.ts';
import { inputAt, UnsupportedOpError, type Translator } from './types.ts';

export const resizeOps: Readonly<Record<string, Translator>> = {
  ResizeBilinear: (ctx) => {
    const { builder: b, node } = ctx;
    const x = inputAt(ctx, 0);
    if (x.shape.length !== 4 || x.dtype !== 'float32')
      throw new UnsupportedOpError(node, 'input must be a 4-D float image');
    const size = constInts(ctx.inputs[1], `${node.name} size`);
    if (size.length !== 2 || size.some((d) => !Number.isInteger(d) || d < 1))
      throw new UnsupportedOpError(node, `size [${size.join(',')}]`);
    const alignCorners = attrBool(node, 'align_corners', false);
    const halfPixel = attrBool(node, 'half_pixel_centers', false);
    if (alignCorners && halfPixel)
      throw new UnsupportedOpError(node, 'align_corners with half_pixel_centers');
    const [batch, , , channels] = x.shape as [number, number, number, number];
    const [height, width] = size as [number, number];
    const sizes = b.addInt64Initializer(`${node.name}/sizes`, [batch, channels, height, width]);
    // Opset 13 Resize: X, roi, scales, sizes; an empty name leaves an optional input out.
    const [out] = b.addNode('Resize', [b.ref(x, 'nchw'), '', '', sizes], node.name, {
      mode: 'linear',
      coordinate_transformation_mode: alignCorners
        ? 'align_corners'
        : halfPixel
          ? 'half_pixel'
          : 'asymmetric',
    });
    return [b.value(out!, [batch, height, width, channels], 'nchw')];
  },
};
