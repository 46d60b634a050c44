// Broadcasting element-wise ops: Add/AddV2/BiasAdd, Sub, Mul, RealDiv, FloorDiv, Minimum, Maximum,
// SquaredDifference, AddN, and the unary Sqrt. Operands are brought to one layout: NCHW when a
// rank-4 operand already is (constants are re-laid out at conversion time), else TF order. They
// work on floats and on integers (int64 in ONNX); the result has the operands' dtype.

import { attrString } from '../../tfjs/attrs.ts';
import type { GraphBuilder, Layout, TfValue } from '../graph-builder.ts';
import { broadcastShapes } from '../layout.ts';
import type { TfNodeDef } from '../../tfjs/graph-model.ts';
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

function twoOperands(node: TfNodeDef, inputs: readonly TfValue[]): 'float32' | 'int32' {
  if (inputs.length !== 2) throw new UnsupportedOpError(node, `expected 2 inputs, got ${inputs.length}`);
  if (inputs[0]!.dtype !== inputs[1]!.dtype)
    throw new UnsupportedOpError(node, `operands are ${inputs[0]!.dtype} and ${inputs[1]!.dtype}`);
  return inputs[0]!.dtype;
}

function binary(onnxOp: string): Translator {
  return ({ builder, node, inputs }) => {
    const dtype = twoOperands(node, inputs);
    const aligned = alignOperands(builder, inputs);
    const [out] = builder.addNode(onnxOp, aligned.names, node.name);
    return [builder.value(out!, aligned.shape, aligned.layout, dtype)];
  };
}

/**
 * TF FloorDiv rounds towards -inf. Floats: Floor(a / b). Integers (ONNX Div truncates): Mod with
 * fmod=0 takes the divisor's sign, so a - Mod(a, b) is an exact multiple of b and the truncating
 * Div of it is the floor, for every int64.
 */
const floorDiv: Translator = ({ builder: b, node, inputs }) => {
  const dtype = twoOperands(node, inputs);
  const { names, layout, shape } = alignOperands(b, inputs);
  const [x, y] = names as [string, string];
  let out: string;
  if (dtype === 'float32') {
    const [quotient] = b.addNode('Div', [x, y], `${node.name}/div`);
    [out] = b.addNode('Floor', [quotient!], node.name) as [string];
  } else {
    const [mod] = b.addNode('Mod', [x, y], `${node.name}/mod`, { fmod: 0 });
    const [multiple] = b.addNode('Sub', [x, mod!], `${node.name}/sub`);
    [out] = b.addNode('Div', [multiple!, y], node.name) as [string];
  }
  return [b.value(out, shape, layout, dtype)];
};

/** (a - b)², with the difference computed once. */
const squaredDifference: Translator = ({ builder: b, node, inputs }) => {
  const dtype = twoOperands(node, inputs);
  const { names, layout, shape } = alignOperands(b, inputs);
  const [difference] = b.addNode('Sub', names, `${node.name}/sub`);
  const [out] = b.addNode('Mul', [difference!, difference!], node.name);
  return [b.value(out!, shape, layout, dtype)];
};

function unary(onnxOp: string): Translator {
  return ({ builder: b, node, inputs }) => {
    const x = inputs[0];
    if (!x || inputs.length !== 1) throw new UnsupportedOpError(node, 'expected 1 input');
    const [out] = b.addNode(onnxOp, [b.ref(x)], node.name);
    return [b.value(out!, x.shape, x.layout, x.dtype)];
  };
}

export const elementwiseOps: Readonly<Record<string, Translator>> = {
  Add: binary('Add'),
  AddV2: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  FloorDiv: floorDiv,
  Minimum: binary('Min'),
  Maximum: binary('Max'),
  SquaredDifference: squaredDifference,
  Sqrt: unary('Sqrt'),
  BiasAdd: (ctx) => {
    if (attrString(ctx.node, 'data_format', 'NHWC') !== 'NHWC')
      throw new UnsupportedOpError(ctx.node, 'only NHWC BiasAdd');
    return binary('Add')(ctx);
  },
  AddN: ({ builder, node, inputs }) => {
    if (inputs.length === 0) throw new UnsupportedOpError(node, 'AddN without inputs');
    const aligned = alignOperands(builder, inputs);
    const [out] = builder.addNode('Sum', aligned.names, node.name);
    return [builder.value(out!, aligned.shape, aligned.layout, inputs[0]!.dtype)];
  },
};
