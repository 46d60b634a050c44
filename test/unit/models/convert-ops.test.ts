// Small graphs built for the purpose, converted and run in onnxruntime, compared with TF.js.
// Odd input sizes and even kernels make TF's asymmetric SAME padding matter; rank-4 outputs,
// reshapes, concats, pads and reductions check the NHWC ↔ NCHW bookkeeping.

import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { convertGraph } from '../../../scripts/models/convert/convert-graph.ts';
import { createOpTable } from '../../../scripts/models/convert/ops/index.ts';
import { readGraph } from '../../../scripts/models/tfjs/graph-model.ts';
import { maxAbsDiff, randomFloats } from '../../support/seeded-random.ts';
import { attr, TfGraphFixture } from '../../support/tf-graph-fixture.ts';
import { loadReferenceModel } from '../../support/tfjs-reference.ts';

const NHWC = { data_format: attr.str('NHWC') };
const ONES = attr.ints([1, 1, 1, 1]);

function convAttrs(stride: number, padding: string, extra: Record<string, ReturnType<typeof attr.int>> = {}) {
  return {
    ...NHWC,
    strides: attr.ints([1, stride, stride, 1]),
    padding: attr.str(padding),
    dilations: ONES,
    explicit_paddings: { list: {} },
    ...extra,
  };
}

function fused(ops: string[], numArgs: number, stride: number, padding: string) {
  return convAttrs(stride, padding, {
    fused_ops: attr.strs(ops),
    num_args: attr.int(numArgs),
    epsilon: attr.float(0),
  });
}

function poolAttrs(k: number, s: number, padding: string) {
  return {
    ...NHWC,
    ksize: attr.ints([1, k, k, 1]),
    strides: attr.ints([1, s, s, 1]),
    padding: attr.str(padding),
  };
}

let seed = 1;
const weights = (g: TfGraphFixture, name: string, shape: number[], scale = 0.5) =>
  g.floats(
    name,
    shape,
    randomFloats(
      shape.reduce((a, b) => a * b, 1),
      seed++,
      -scale,
      scale,
    ),
  );

async function expectParity(
  g: TfGraphFixture,
  inputShape: number[],
  outputs: string[],
  tolerance = 1e-4,
  [low, high]: readonly [number, number] = [-1, 1],
): Promise<void> {
  const { json, bin } = g.build();
  const converted = convertGraph(readGraph(json, bin), { graphName: 'fixture', producerVersion: 'test' });
  expect(converted.outputs.map((o) => o.sourceName)).toEqual(outputs);
  const reference = await loadReferenceModel(json, bin);
  const session = await ort.InferenceSession.create(converted.onnx, {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: 1,
  });
  try {
    const input = randomFloats(
      inputShape.reduce((a, b) => a * b, 1),
      99,
      low,
      high,
    );
    const expected = reference.run(input, inputShape, outputs);
    const actual = await session.run({
      [converted.input.name]: new ort.Tensor('float32', input, inputShape),
    });
    converted.outputs.forEach((output, i) => {
      const got = actual[output.name]!;
      expect(got.dims, output.name).toEqual(expected[i]!.dims);
      expect(output.dims).toEqual(expected[i]!.dims);
      expect(maxAbsDiff(got.data as Float32Array, expected[i]!.data), output.name).toBeLessThanOrEqual(
        tolerance,
      );
    });
  } finally {
    reference.dispose();
    await session.release();
  }
}

describe('op translation matches TF.js', () => {
  it('convolutions and pools with asymmetric SAME padding', async () => {
    const g = new TfGraphFixture();
    const x = g.placeholder('x', [1, 7, 9, 3]);
    const c1 = g.op(
      '_FusedConv2D',
      'c1',
      [x, weights(g, 'w1', [3, 3, 3, 8]), weights(g, 'b1', [8])],
      fused(['BiasAdd', 'Relu6'], 1, 2, 'SAME'),
    );
    const d1 = g.op(
      'DepthwiseConv2dNative',
      'd1',
      [c1, weights(g, 'dw1', [3, 3, 8, 2])],
      convAttrs(2, 'SAME'),
    );
    const c2 = g.op('Conv2D', 'c2', [c1, weights(g, 'w2', [4, 4, 8, 6])], convAttrs(1, 'SAME'));
    const avg = g.op('AvgPool', 'avg', [c2], poolAttrs(3, 2, 'SAME'));
    const max = g.op('MaxPool', 'max', [c2], poolAttrs(2, 2, 'SAME'));
    const dil = g.op('Conv2D', 'dil', [c1, weights(g, 'w3', [3, 3, 8, 4])], {
      ...convAttrs(1, 'SAME'),
      dilations: attr.ints([1, 2, 2, 1]),
    });
    const valid = g.op('Conv2D', 'valid', [x, weights(g, 'w4', [2, 3, 3, 5])], convAttrs(3, 'VALID'));
    const explicit = g.op('Conv2D', 'explicit', [x, weights(g, 'w5', [3, 2, 3, 2])], {
      ...convAttrs(2, 'EXPLICIT'),
      explicit_paddings: attr.ints([0, 0, 1, 2, 2, 0, 0, 0]),
    });
    await expectParity(g, [1, 7, 9, 3], [d1, avg, max, dil, valid, explicit]);
  });

  it('fused Prelu / LeakyRelu and fused depthwise', async () => {
    const g = new TfGraphFixture();
    const x = g.placeholder('x', [-1, 6, 5, 4]);
    const p = g.op(
      '_FusedConv2D',
      'p',
      [x, weights(g, 'w', [3, 3, 4, 6]), weights(g, 'b', [6]), weights(g, 'alpha', [6])],
      fused(['BiasAdd', 'Prelu'], 2, 1, 'SAME'),
    );
    const dw = g.op(
      'FusedDepthwiseConv2dNative',
      'dw',
      [p, weights(g, 'dww', [3, 3, 6, 1]), weights(g, 'dwb', [6])],
      fused(['BiasAdd', 'Relu6'], 1, 2, 'SAME'),
    );
    // TF.js reads leakyrelu_alpha only for _FusedConv2D (its fused depthwise yields NaN), so test it there.
    const lr = g.op('_FusedConv2D', 'lr', [dw, weights(g, 'lw', [1, 1, 6, 6]), weights(g, 'lb', [6])], {
      ...fused(['BiasAdd', 'LeakyRelu'], 1, 1, 'VALID'),
      leakyrelu_alpha: attr.float(0.1),
    });
    const pr = g.op('Prelu', 'pr', [lr, weights(g, 'alpha2', [1, 1, 6])]);
    await expectParity(g, [1, 6, 5, 4], [pr]);
  });

  it('pad, concat, reductions, softmax and element-wise ops keep TF layout semantics', async () => {
    const g = new TfGraphFixture();
    const x = g.placeholder('x', [1, 5, 6, 3]);
    const a = g.op(
      '_FusedConv2D',
      'a',
      [x, weights(g, 'wa', [3, 3, 3, 4]), weights(g, 'ba', [4])],
      fused(['BiasAdd', 'Relu'], 1, 1, 'SAME'),
    );
    const padded = g.op('Pad', 'pad', [a, g.ints('paddings', [4, 2], [0, 0, 1, 2, 0, 1, 0, 2])], {
      Tpaddings: { type: 'DT_INT32' },
    });
    const b = g.op('Conv2D', 'b', [x, weights(g, 'wb', [1, 1, 3, 6])], convAttrs(1, 'VALID'));
    const bp = g.op('Pad', 'bpad', [b, g.ints('bpaddings', [4, 2], [0, 0, 1, 2, 0, 1, 0, 0])]);
    const cat = g.op('ConcatV2', 'cat', [padded, bp, g.ints('axis', [], [-1])], { N: attr.int(2) });
    const scaled = g.op('Mul', 'scaled', [cat, weights(g, 'scale', [12])]);
    const shifted = g.op('Sub', 'shifted', [scaled, g.floats('half', [], [0.5])]);
    const clipped = g.op('Maximum', 'clipped', [
      g.op('Minimum', 'min', [shifted, g.floats('hi', [], [0.8])]),
      g.floats('lo', [], [-0.3]),
    ]);
    const divided = g.op('RealDiv', 'div', [clipped, g.floats('three', [1, 1, 1, 12], Array(12).fill(3))]);
    const meanKeep = g.op('Mean', 'meanKeep', [divided, g.ints('hw', [2], [1, 2])], {
      keep_dims: attr.bool(true),
    });
    const meanH = g.op('Mean', 'meanH', [divided, g.ints('h', [1], [1])], { keep_dims: attr.bool(false) });
    const meanC = g.op('Mean', 'meanC', [divided, g.ints('c', [1], [-1])], { keep_dims: attr.bool(false) });
    const soft = g.op('Softmax', 'soft', [divided]);
    const r6 = g.op('Relu6', 'r6', [g.op('Mul', 'big', [a, g.floats('ten', [], [10])])]);
    await expectParity(g, [1, 5, 6, 3], [meanKeep, meanH, meanC, soft, r6]);
  });

  it('flatten, dense layers and AddN', async () => {
    const g = new TfGraphFixture();
    const x = g.placeholder('x', [1, 4, 3, 2]);
    const c = g.op(
      '_FusedConv2D',
      'c',
      [x, weights(g, 'w', [3, 3, 2, 5]), weights(g, 'b', [5])],
      fused(['BiasAdd', 'Relu'], 1, 1, 'SAME'),
    );
    const flat = g.op('Reshape', 'flat', [c, g.ints('shape', [2], [-1, 60])]);
    const d1 = g.op('_FusedMatMul', 'd1', [flat, weights(g, 'k1', [60, 7]), weights(g, 'kb1', [7])], {
      fused_ops: attr.strs(['BiasAdd', 'Relu']),
      num_args: attr.int(1),
      transpose_a: attr.bool(false),
      transpose_b: attr.bool(false),
    });
    const d2 = g.op('_FusedMatMul', 'd2', [d1, weights(g, 'k2', [4, 7]), weights(g, 'kb2', [4])], {
      fused_ops: attr.strs(['BiasAdd']),
      num_args: attr.int(1),
      transpose_a: attr.bool(false),
      transpose_b: attr.bool(true),
    });
    const pooled = g.op('Mean', 'gap', [c, g.ints('axes', [2], [1, 2])], { keep_dims: attr.bool(false) });
    const d3 = g.op('MatMul', 'd3', [pooled, weights(g, 'k3', [5, 4])], {
      transpose_a: attr.bool(false),
      transpose_b: attr.bool(false),
    });
    const sum = g.op('AddN', 'sum', [d2, d3, g.op('AddV2', 'bias', [d3, weights(g, 'k4', [4])])], {
      N: attr.int(3),
    });
    const out = g.op('Sigmoid', 'out', [sum]);
    const back = g.op('Reshape', 'back', [flat, g.ints('shape4', [4], [1, 4, 3, 5])]);
    const backConv = g.op('Conv2D', 'backConv', [back, weights(g, 'w5', [1, 1, 5, 2])], convAttrs(1, 'SAME'));
    await expectParity(g, [1, 4, 3, 2], [out, backConv]);
  });

  it("integer inputs, casts, resizes and index ops (movenet's decoding head)", async () => {
    const g = new TfGraphFixture();
    const x = g.placeholder('x', [1, 6, 5, 3], 'DT_INT32');
    const xf = g.op('Cast', 'xf', [x], { SrcT: { type: 'DT_INT32' }, DstT: { type: 'DT_FLOAT' } });
    const unit = g.op('Mul', 'unit', [xf, g.floats('scale', [], [1 / 255])]);
    const c = g.op('Conv2D', 'c', [unit, weights(g, 'w', [3, 3, 3, 4])], convAttrs(1, 'SAME'));
    const resize = (name: string, input: string, size: number[], align: boolean, half: boolean) =>
      g.op('ResizeBilinear', name, [input, g.ints(`${name}/size`, [2], size)], {
        align_corners: attr.bool(align),
        half_pixel_centers: attr.bool(half),
      });
    const half = resize('half', c, [9, 7], false, true);
    const corners = resize('corners', c, [4, 11], true, false);
    const asym = resize('asym', c, [12, 10], false, false);
    // Argmax over the 9x7 grid per channel, split into row and column, gathered back.
    const heat = g.op('Sigmoid', 'heat', [half]);
    const flat = g.op('Reshape', 'flat', [heat, g.ints('flatShape', [3], [1, -1, 4])]);
    const argmax = g.op('ArgMax', 'argmax', [flat, g.ints('dim', [], [1])], {
      output_type: { type: 'DT_INT32' },
    });
    const row = g.op('FloorDiv', 'row', [argmax, g.ints('width', [], [7])]);
    const col = g.op('Sub', 'col', [argmax, g.op('Mul', 'rowStart', [row, g.ints('width2', [], [7])])]);
    const flatInts = (name: string, v: string) =>
      g.op('Reshape', name, [v, g.ints(`${name}/shape`, [1], [-1])]);
    const where = g.op(
      'Pack',
      'where',
      [g.ints('batch', [4], [0, 0, 0, 0]), flatInts('rowFlat', row), flatInts('colFlat', col)],
      { axis: attr.int(1), N: attr.int(3) },
    );
    const index = g.op('ConcatV2', 'index', [
      where,
      g.ints('channel', [4, 1], [0, 1, 2, 3]),
      g.ints('ax', [], [1]),
    ]);
    const peak = g.op('GatherNd', 'peak', [heat, index]);
    const cells = g.op('GatherNd', 'cells', [half, where]);
    // Negative integers: FloorDiv rounds towards -inf, Cast back to float.
    const negative = g.op('FloorDiv', 'negative', [
      g.op('Sub', 'shift', [argmax, g.ints('thirty', [], [30])]),
      g.ints('four', [], [4]),
    ]);
    const negativeF = g.op('Cast', 'negativeF', [negative], {
      SrcT: { type: 'DT_INT32' },
      DstT: { type: 'DT_FLOAT' },
    });
    const floatFloor = g.op('FloorDiv', 'floatFloor', [c, g.floats('third', [], [0.3])]);
    // Unpack / Pack / ExpandDims / Squeeze along different axes.
    const [u0, u1] = [0, 1].map((i) =>
      i === 0 ? g.op('Unpack', 'unpack', [cells], { axis: attr.int(1), num: attr.int(4) }) : 'unpack:1',
    );
    const repacked = g.op('Pack', 'repacked', [u1!, u0!], { axis: attr.int(0), N: attr.int(2) });
    const expanded = g.op('ExpandDims', 'expanded', [repacked, g.ints('e', [], [-1])]);
    const squeezed = g.op(
      'Squeeze',
      'squeezed',
      [g.op('ExpandDims', 'e2', [expanded, g.ints('e0', [], [0])])],
      {
        squeeze_dims: attr.ints([0]),
      },
    );
    const dist = g.op('Sqrt', 'dist', [
      g.op('SquaredDifference', 'sq', [c, g.floats('mid', [4], [0.1, -0.2, 0.3, 0])]),
    ]);
    await expectParity(
      g,
      [1, 6, 5, 3],
      [corners, asym, peak, negativeF, floatFloor, squeezed, dist],
      1e-4,
      [0, 255],
    );
  });

  it('names unconsumed nodes as outputs in graph order and sanitises names', async () => {
    const g = new TfGraphFixture();
    const x = g.placeholder('input/x', [1, 2, 2, 1]);
    g.op('Relu', 'head/relu', [x]);
    g.op('Identity', 'Identity_1', [g.op('Sigmoid', 'head/sig', [x])]);
    const { json, bin } = g.build();
    const converted = convertGraph(readGraph(json, bin), { graphName: 't', producerVersion: 't' });
    expect(converted.input.name).toBe('input_x');
    expect(converted.outputs.map((o) => o.name)).toEqual(['head_relu', 'Identity_1']);
    await expectParity(g, [1, 2, 2, 1], ['head/relu', 'Identity_1']);
  });

  it('lists every unsupported op at once', () => {
    const g = new TfGraphFixture();
    const x = g.placeholder('x', [1, 2, 2, 1]);
    g.op('Atan2', 'b', [g.op('Cumsum', 'a', [x]), x]);
    const { json, bin } = g.build();
    expect(() => convertGraph(readGraph(json, bin), { graphName: 't', producerVersion: 't' })).toThrow(
      'unsupported TF ops: Atan2, Cumsum',
    );
  });

  it('has one translator per TF op', () => {
    const ops = [...createOpTable().keys()];
    expect(new Set(ops).size).toBe(ops.length);
    for (const op of [
      '_FusedConv2D',
      'Conv2D',
      'DepthwiseConv2dNative',
      'FusedDepthwiseConv2dNative',
      'MaxPool',
      'AvgPool',
      'Pad',
      'Add',
      'AddV2',
      'AddN',
      'Mul',
      'Minimum',
      'Maximum',
      'Prelu',
      'Relu',
      'Relu6',
      'Sigmoid',
      'Softmax',
      'Reshape',
      'ConcatV2',
      'Mean',
      '_FusedMatMul',
      'Identity',
      'Cast',
      'ExpandDims',
      'Squeeze',
      'Pack',
      'Unpack',
      'Sub',
      'RealDiv',
      'FloorDiv',
      'SquaredDifference',
      'Sqrt',
      'ResizeBilinear',
      'ArgMax',
      'GatherNd',
    ]) {
      expect(ops).toContain(op);
    }
  });
});
