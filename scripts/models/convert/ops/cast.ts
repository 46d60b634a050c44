// Cast between TF's float32 and int32 (int64 in ONNX, see graph-builder.ts). TF truncates a float
// towards zero when casting it to an integer, as ONNX Cast does. A cast to the value's own dtype is
// no node at all.

import { OnnxDataType } from '../../onnx/onnx-model.ts';
import type { TfNodeDef } from '../../tfjs/graph-model.ts';
import { inputAt, UnsupportedOpError, type Translator } from './types.ts';

/** Our dtype for a TF DataType enum name (attr `type`). */
export function tfDtype(node: TfNodeDef, type: string | undefined): 'float32' | 'int32' {
  if (type === 'DT_FLOAT') return 'float32';
  if (type === 'DT_INT32' || type === 'DT_INT64') return 'int32';
  throw new UnsupportedOpError(node, `dtype ${type ?? '(none)'}`);
}

export const castOps: Readonly<Record<string, Translator>> = {
  Cast: (ctx) => {
    const { builder: b, node } = ctx;
    const x = inputAt(ctx, 0);
    const to = tfDtype(node, node.attr?.DstT?.type);
    if (to === x.dtype) return [x];
    const [out] = b.addNode('Cast', [b.ref(x)], node.name, {
      to: to === 'float32' ? OnnxDataType.FLOAT : OnnxDataType.INT64,
    });
    return [b.value(out!, x.shape, x.layout, to)];
  },
};
