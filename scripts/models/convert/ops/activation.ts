// Activations, standalone (Relu, Relu6, Sigmoid, Tanh, Elu, LeakyRelu, Prelu, Softmax) and fused
// into _FusedConv2D / _FusedMatMul. All are layout-agnostic except Softmax's axis and PRelu's slope.

import { attrFloat } from '../../tfjs/attrs.ts';
import type { GraphBuilder, TfValue } from '../graph-builder.ts';
import { alignOperands } from './elementwise.ts';
import { inputAt, UnsupportedOpError, type Translator } from './types.ts';
import type { TfNodeDef } from '../../tfjs/graph-model.ts';

export interface ActivationArgs {
  /** PRelu slope (TF shape, e.g. [C] or [1,1,C]). */
  readonly alpha?: TfValue;
  readonly leakyAlpha?: number;
}

/** Emit activation `kind` (a TF op name as found in fused_ops) on `x`. */
export function emitActivation(
  b: GraphBuilder,
  node: TfNodeDef,
  x: TfValue,
  kind: string,
  nameBase: string,
  args: ActivationArgs = {},
): TfValue {
  const simple: Readonly<Record<string, string>> = {
    Relu: 'Relu',
    Sigmoid: 'Sigmoid',
    Tanh: 'Tanh',
    Elu: 'Elu',
  };
  const onnxOp = simple[kind];
  if (onnxOp) {
    const [out] = b.addNode(onnxOp, [b.ref(x)], nameBase);
    return b.value(out!, x.shape, x.layout);
  }
  if (kind === 'Relu6') {
    const [out] = b.addNode('Clip', [b.ref(x), b.scalar(0), b.scalar(6)], nameBase);
    return b.value(out!, x.shape, x.layout);
  }
  if (kind === 'LeakyRelu') {
    const [out] = b.addNode('LeakyRelu', [b.ref(x)], nameBase, { alpha: { float: args.leakyAlpha ?? 0.2 } });
    return b.value(out!, x.shape, x.layout);
  }
  if (kind === 'Prelu') {
    if (!args.alpha?.constant) throw new UnsupportedOpError(node, 'Prelu alpha must be a constant');
    // PRelu broadcasts the slope to X one way; align as for a binary op, keeping X's layout.
    const aligned = alignOperands(b, [x, args.alpha]);
    const [out] = b.addNode('PRelu', aligned.names, nameBase);
    return b.value(out!, aligned.shape, aligned.layout);
  }
  throw new UnsupportedOpError(node, `activation ${kind} is not supported`);
}

function unary(kind: string): Translator {
  return (ctx) => [emitActivation(ctx.builder, ctx.node, inputAt(ctx, 0), kind, ctx.node.name)];
}

export const activationOps: Readonly<Record<string, Translator>> = {
  Relu: unary('Relu'),
  Relu6: unary('Relu6'),
  Sigmoid: unary('Sigmoid'),
  Tanh: unary('Tanh'),
  Elu: unary('Elu'),
  LeakyRelu: (ctx) => [
    emitActivation(ctx.builder, ctx.node, inputAt(ctx, 0), 'LeakyRelu', ctx.node.name, {
      leakyAlpha: attrFloat(ctx.node, 'alpha', 0.2),
    }),
  ],
  Prelu: (ctx) => [
    emitActivation(ctx.builder, ctx.node, inputAt(ctx, 0), 'Prelu', ctx.node.name, {
      alpha: inputAt(ctx, 1),
    }),
  ],
  Softmax: (ctx) => {
    const x = inputAt(ctx, 0);
    // TF softmax runs over the last axis: channels, which is axis 1 of an NCHW tensor.
    const axis = x.layout === 'nchw' ? 1 : -1;
    const [out] = ctx.builder.addNode('Softmax', [ctx.builder.ref(x)], ctx.node.name, { axis });
    return [ctx.builder.value(out!, x.shape, x.layout)];
  },
};
