// MatMul and _FusedMatMul (rank 2) as ONNX Gemm, with the fused bias and activation.

import { attrBool } from '../../tfjs/attrs.ts';
import { fusedSpec } from './conv.ts';
import { emitActivation } from './activation.ts';
import { inputAt, UnsupportedOpError, type Translator } from './types.ts';

function matmul(fused: boolean): Translator {
  return (ctx) => {
    const { builder: b, node } = ctx;
    const a = inputAt(ctx, 0);
    const w = inputAt(ctx, 1);
    if (a.shape.length !== 2 || w.shape.length !== 2)
      throw new UnsupportedOpError(node, 'only rank-2 MatMul is supported');
    const transA = attrBool(node, 'transpose_a', false);
    const transB = attrBool(node, 'transpose_b', false);
    const m = transA ? a.shape[1]! : a.shape[0]!;
    const n = transB ? w.shape[0]! : w.shape[1]!;
    const spec = fusedSpec(ctx, fused);
    const inputs = [b.ref(a), b.ref(w)];
    if (spec.bias) inputs.push(b.ref(spec.bias));
    const gemmName = spec.activation ? `${node.name}/gemm` : node.name;
    const [out] = b.addNode('Gemm', inputs, gemmName, { transA: transA ? 1 : 0, transB: transB ? 1 : 0 });
    const result = b.value(out!, [m, n], 'tf');
    if (!spec.activation) return [result];
    return [
      emitActivation(b, node, result, spec.activation, node.name, {
        ...(spec.alpha ? { alpha: spec.alpha } : {}),
        leakyAlpha: spec.leakyAlpha,
      }),
    ];
  };
}

export const matmulOps: Readonly<Record<string, Translator>> = {
  MatMul: matmul(false),
  _FusedMatMul: matmul(true),
};
