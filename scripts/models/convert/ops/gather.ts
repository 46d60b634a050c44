// Index ops: ArgMax and GatherNd. Both work in TF (NHWC) order, since their indices count TF axes.
// ArgMax returns the first index of the maximum, as TF.js's CPU kernel and onnxruntime both do;
// its TF int32 output is int64 in ONNX, which is what GatherND takes.

import { constInts } from '../graph-builder.ts';
import { normalizeAxis } from '../layout.ts';
import { inputAt, UnsupportedOpError, type Translator } from './types.ts';

export const gatherOps: Readonly<Record<string, Translator>> = {
  ArgMax: (ctx) => {
    const { builder: b, node } = ctx;
    const x = inputAt(ctx, 0);
    const [axisValue] = constInts(ctx.inputs[1], `${node.name} dimension`);
    const axis = normalizeAxis(axisValue ?? 0, x.shape.length);
    const [out] = b.addNode('ArgMax', [b.ref(x, 'tf')], node.name, {
      axis,
      keepdims: 0,
      select_last_index: 0,
    });
    return [
      b.value(
        out!,
        x.shape.filter((_, a) => a !== axis),
        'tf',
        'int32',
      ),
    ];
  },

  GatherNd: (ctx) => {
    const { builder: b, node } = ctx;
    const params = inputAt(ctx, 0);
    const indices = inputAt(ctx, 1);
    if (indices.dtype !== 'int32') throw new UnsupportedOpError(node, 'indices must be integers');
    const depth = indices.shape[indices.shape.length - 1];
    if (depth === undefined || depth > params.shape.length)
      throw new UnsupportedOpError(
        node,
        `indices [${indices.shape.join(',')}] for params [${params.shape.join(',')}]`,
      );
    const shape = [...indices.shape.slice(0, -1), ...params.shape.slice(depth)];
    const [out] = b.addNode('GatherND', [b.ref(params, 'tf'), b.ref(indices, 'tf')], node.name, {
      batch_dims: 0,
    });
    return [b.value(out!, shape, 'tf', params.dtype)];
  },
};
