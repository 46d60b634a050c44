// Broadcasting element-wise ops: Add/AddV2/BiasAdd, Sub, Mul, RealDiv, Minimum, Maximum, AddN.
// Operands are brought to one layout: NCHW when a rank-4 operand already is (constants are
// re-laid out at conversion time), else TF order.

import { attrString } from '../../tfjs/attrs.ts';
import type { GraphBuilder, Layout, TfValue } from '../graph-builder.ts';
import { broadcastShapes } from '../layout.ts';
import { UnsupportedOpError, type Translator } from './types.ts';

export interface AlignedOperands {
  readonly names: string[];
  readonly layout: Layout;
  /** Broadcast result shape, TF order. */
  readonly shape: number[];
}

/** ONNX names of `values` in a common layout, and the broadcast TF shape of the result. */
export function alignOperands(b: GraphBuilder, values: readonly TfValue[]): AlignedOperands {
  const shape = values.map((v) => v.shape).reduce<number[]>((acc, s) => broadcastShapes(acc, s), []);
  const useNchw =
    shape.length === 4 &&
    values.some((v) => v.layout === 'nchw') &&
    values.every((v) => v.shape.length === 4 || v.constant);
  const layout: Layout = useNchw ? 'nchw' : 'tf';
  const names = values.map((v) => {
    if (layout === 'nchw' && v.shape.length > 0 && v.shape.length < 4) {
      // A constant of lower rank broadcasts against the trailing TF axes: make it rank 4 first.
      const padded = [...new Array<number>(4 - v.shape.length).fill(1), ...v.shape];
      return b.ref({ ...v, name: `${v.name}/rank4`, shape: padded }, 'nchw');
    }
    return b.ref(v, layout);
  });
  return { names, layout, shape };
}

function binary(onnxOp: string): Translator {
  return ({ builder, node, inputs }) => {
    if (inputs.length !== 2) throw new UnsupportedOpError(node, `expected 2 inputs, got ${inputs.length}`);
    const aligned = alignOperands(builder, inputs);
    const [out] = builder.addNode(onnxOp, aligned.names, node.name);
    return [builder.value(out!, aligned.shape, aligned.layout)];
  };
}

export const elementwiseOps: Readonly<Record<string, Translator>> = {
  Add: binary('Add'),
  AddV2: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  Minimum: binary('Min'),
  Maximum: binary('Max'),
  BiasAdd: (ctx) => {
    if (attrString(ctx.node, 'data_format', 'NHWC') !== 'NHWC')
      throw new UnsupportedOpError(ctx.node, 'only NHWC BiasAdd');
    return binary('Add')(ctx);
  },
  AddN: ({ builder, node, inputs }) => {
    if (inputs.length === 0) throw new UnsupportedOpError(node, 'AddN without inputs');
    const aligned = alignOperands(builder, inputs);
    const [out] = builder.addNode('Sum', aligned.names, node.name);
    return [builder.value(out!, aligned.shape, aligned.layout)];
  },
};
