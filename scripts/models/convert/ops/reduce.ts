// Reductions over constant axes: Mean, Max, Min, Sum (keep_dims honoured). In NCHW the axes are
// remapped; when dropping axes would leave the remaining dims in a different order than TF's,
// the input goes back to TF layout first.

import { attrBool } from '../../tfjs/attrs.ts';
import { constInts, type Layout } from '../graph-builder.ts';
import { NHWC_TO_NCHW_AXIS, normalizeAxis, PERM_NHWC_TO_NCHW } from '../layout.ts';
import { inputAt, type Translator } from './types.ts';

function reduce(onnxOp: 'ReduceMean' | 'ReduceMax' | 'ReduceMin' | 'ReduceSum'): Translator {
  return (ctx) => {
    const { builder: b, node } = ctx;
    const x = inputAt(ctx, 0);
    const rank = x.shape.length;
    const axes = [
      ...new Set(constInts(ctx.inputs[1], `${node.name} axes`).map((a) => normalizeAxis(a, rank))),
    ].sort((p, q) => p - q);
    const keepDims = attrBool(node, 'keep_dims', false);
    let layout: Layout = x.layout;
    if (layout === 'nchw' && !keepDims) {
      // Remaining TF axes, in TF order and in the order NCHW would leave them.
      const remainingTf = [...Array(rank).keys()].filter((a) => !axes.includes(a));
      const remainingNchw = PERM_NHWC_TO_NCHW.filter((a) => !axes.includes(a));
      if (remainingTf.join() !== remainingNchw.join()) layout = 'tf';
    }
    const onnxAxes = layout === 'nchw' ? axes.map((a) => NHWC_TO_NCHW_AXIS[a]!) : axes;
    const shape = keepDims
      ? x.shape.map((d, a) => (axes.includes(a) ? 1 : d))
      : x.shape.filter((_, a) => !axes.includes(a));
    const keepdims = keepDims ? 1 : 0;
    // Opset 13: ReduceSum takes axes as an input, the others as an attribute.
    const [out] =
      onnxOp === 'ReduceSum'
        ? b.addNode(
            onnxOp,
            [b.ref(x, layout), b.addInt64Initializer(`${node.name}/axes`, onnxAxes)],
            node.name,
            { keepdims },
          )
        : b.addNode(onnxOp, [b.ref(x, layout)], node.name, { axes: onnxAxes, keepdims });
    return [b.value(out!, shape, keepDims ? layout : 'tf')];
  };
}

export const reduceOps: Readonly<Record<string, Translator>> = {
  Mean: reduce('ReduceMean'),
  Max: reduce('ReduceMax'),
  Min: reduce('ReduceMin'),
  Sum: reduce('ReduceSum'),
};
