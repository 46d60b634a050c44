// A hand-built ONNX model for writer and runtime tests: x (NHWC) is transposed to NCHW, mapped
// through LeakyRelu(alpha 0)(2x - 1) and transposed back, so y = max(0, 2x - 1) element-wise.
// Covers int-list, float and string-free attributes, scalar and rank-4 initializers, metadata.

import { encodeOnnxModel, OnnxDataType } from '../../scripts/models/onnx/onnx-model.ts';

export const TINY_INPUT_DIMS = [1, 2, 2, 3] as const;

export function tinyOnnxModel(): Uint8Array {
  const dims = [...TINY_INPUT_DIMS];
  return encodeOnnxModel({
    irVersion: 7,
    opsetVersion: 13,
    producerName: 'test',
    producerVersion: '0',
    graphName: 'tiny',
    nodes: [
      {
        opType: 'Transpose',
        name: 'to_nchw',
        inputs: ['x'],
        outputs: ['x_nchw'],
        attributes: { perm: [0, 3, 1, 2] },
      },
      { opType: 'Mul', name: 'scale', inputs: ['x_nchw', 'two'], outputs: ['scaled'] },
      { opType: 'Sub', name: 'shift', inputs: ['scaled', 'one'], outputs: ['shifted'] },
      {
        opType: 'LeakyRelu',
        name: 'act',
        inputs: ['shifted'],
        outputs: ['act'],
        attributes: { alpha: { float: 0 } },
      },
      {
        opType: 'Transpose',
        name: 'to_nhwc',
        inputs: ['act'],
        outputs: ['y'],
        attributes: { perm: [0, 2, 3, 1] },
      },
    ],
    initializers: [
      { name: 'two', dims: [], dataType: OnnxDataType.FLOAT, data: Float32Array.of(2) },
      { name: 'one', dims: [1, 1, 1, 1], dataType: OnnxDataType.FLOAT, data: Float32Array.of(1) },
    ],
    inputs: [{ name: 'x', elemType: OnnxDataType.FLOAT, dims }],
    outputs: [{ name: 'y', elemType: OnnxDataType.FLOAT, dims }],
    metadata: [['note', 'tiny test model']],
  });
}
