// Layout-sensitive data movement: Identity, Reshape, ConcatV2, Pad/PadV2, ExpandDims, Squeeze,
// Pack, Unpack. Reshape flattens in TF (NHWC) order, so an NCHW input is transposed back first;
// Concat and Pad stay in NCHW with their axes / pads remapped. The rank-changing ops (ExpandDims,
// Squeeze, Pack, Unpack) work in TF order. All of them keep the input's dtype.

import { attrInt, attrInts, attrString } from '../../tfjs/attrs.ts';
import { constInts, type GraphBuilder, type Layout, type TfValue } from '../graph-builder.ts';
import { NHWC_TO_NCHW_AXIS, normalizeAxis, PERM_NHWC_TO_NCHW } from '../layout.ts';
import { inputAt, UnsupportedOpError, type Translator } from './types.ts';

/** Resolve a TF target shape (one -1 allowed) against the element count. */
export function resolveReshape(target: readonly number[], count: number): number[] {
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const unknown = target.filter((d) => d === -1).length;
  if (unknown > 1) throw new Error(`reshape target [${target.join(',')}] has more than one -1`);
  const resolved = target.map((d) => (d === -1 ? count / known : d));
  if (resolved.some((d) => !Number.isInteger(d) || d < 0) || resolved.reduce((a, b) => a * b, 1) !== count) {
    throw new Error(`cannot reshape ${count} values to [${target.join(',')}]`);
  }
  return resolved;
}

export const shapeOps: Readonly<Record<string, Translator>> = {
  Identity: (ctx) => [inputAt(ctx, 0)],

  Reshape: (ctx) => {
    const { builder: b, node } = ctx;
    const x = inputAt(ctx, 0);
    const count = x.shape.reduce((a, c) => a * c, 1);
    const shape = resolveReshape(constInts(ctx.inputs[1], `${node.name} shape`), count);
    const [out] = b.addNode(
      'Reshape',
      [b.ref(x, 'tf'), b.addInt64Initializer(`${node.name}/shape`, shape)],
      node.name,
    );
    return [b.value(out!, shape, 'tf', x.dtype)];
  },

  ConcatV2: (ctx) => {
    const { builder: b, node } = ctx;
    const values = ctx.inputs.slice(0, -1);
    const first = values[0];
    if (!first) throw new UnsupportedOpError(node, 'ConcatV2 without inputs');
    const rank = first.shape.length;
    const [axisValue] = constInts(ctx.inputs[ctx.inputs.length - 1], `${node.name} axis`);
    const axis = normalizeAxis(axisValue ?? 0, rank);
    const layout: Layout = rank === 4 && values.some((v) => v.layout === 'nchw') ? 'nchw' : 'tf';
    const onnxAxis = layout === 'nchw' ? NHWC_TO_NCHW_AXIS[axis]! : axis;
    const shape = [...first.shape];
    shape[axis] = values.reduce((sum, v) => sum + v.shape[axis]!, 0);
    const [out] = b.addNode(
      'Concat',
      values.map((v) => b.ref(v, layout)),
      node.name,
      { axis: onnxAxis },
    );
    return [b.value(out!, shape, layout, first.dtype)];
  },

  Pad: (ctx) => pad(ctx, 0),
  PadV2: (ctx) => {
    const value = ctx.inputs[2]?.constant?.data[0];
    if (value === undefined)
      throw new UnsupportedOpError(ctx.node, 'PadV2 constant_values must be a constant');
    return pad(ctx, value);
  },

  ExpandDims: (ctx) => {
    const x = inputAt(ctx, 0);
    const [axisValue] = constInts(ctx.inputs[1], `${ctx.node.name} dim`);
    // TF allows axis in [-rank-1, rank]: counted on the output's rank.
    const axis = normalizeAxis(axisValue ?? 0, x.shape.length + 1);
    return [unsqueeze(ctx.builder, x, axis, ctx.node.name)];
  },

  Squeeze: (ctx) => {
    const { builder: b, node } = ctx;
    const x = inputAt(ctx, 0);
    const listed = attrInts(node, 'squeeze_dims', []).map((a) => normalizeAxis(a, x.shape.length));
    const axes = listed.length > 0 ? listed : [...x.shape.keys()].filter((a) => x.shape[a] === 1);
    if (axes.some((a) => x.shape[a] !== 1))
      throw new UnsupportedOpError(node, `cannot squeeze axes [${axes.join(',')}] of [${x.shape.join(',')}]`);
    return [squeeze(b, x, axes, node.name)];
  },

  Pack: (ctx) => {
    const { builder: b, node, inputs } = ctx;
    const first = inputs[0];
    if (!first) throw new UnsupportedOpError(node, 'Pack without inputs');
    if (inputs.some((v) => v.shape.join() !== first.shape.join() || v.dtype !== first.dtype))
      throw new UnsupportedOpError(node, 'Pack inputs differ in shape or dtype');
    const axis = normalizeAxis(attrInt(node, 'axis', 0), first.shape.length + 1);
    const parts = inputs.map((v, i) => b.ref(unsqueeze(b, v, axis, `${node.name}/expand_${i}`)));
    const shape = [...first.shape];
    shape.splice(axis, 0, inputs.length);
    const [out] = b.addNode('Concat', parts, node.name, { axis });
    return [b.value(out!, shape, 'tf', first.dtype)];
  },

  Unpack: (ctx) => {
    const { builder: b, node } = ctx;
    const x = inputAt(ctx, 0);
    const axis = normalizeAxis(attrInt(node, 'axis', 0), x.shape.length);
    const num = attrInt(node, 'num', x.shape[axis]);
    if (num !== x.shape[axis]) throw new UnsupportedOpError(node, `num ${num} != dim ${x.shape[axis]}`);
    if (num === 1) return [squeeze(b, x, [axis], node.name)];
    const pieces = b.addNode(
      'Split',
      [b.ref(x, 'tf'), b.addInt64Initializer(`${node.name}/split`, new Array<number>(num).fill(1))],
      `${node.name}/split`,
      { axis },
      num,
    );
    const pieceShape = x.shape.map((d, a) => (a === axis ? 1 : d));
    return pieces.map((name, i) =>
      squeeze(b, b.value(name, pieceShape, 'tf', x.dtype), [axis], `${node.name}/${i}`),
    );
  },
};

/** `x` with a 1 inserted at TF axis `axis` (ONNX Unsqueeze, opset 13 form). */
function unsqueeze(b: GraphBuilder, x: TfValue, axis: number, nameBase: string): TfValue {
  const shape = [...x.shape];
  shape.splice(axis, 0, 1);
  const [out] = b.addNode(
    'Unsqueeze',
    [b.ref(x, 'tf'), b.addInt64Initializer(`${nameBase}/axes`, [axis])],
    nameBase,
  );
  return b.value(out!, shape, 'tf', x.dtype);
}

/** `x` without its TF axes `axes` (each of size 1). */
function squeeze(b: GraphBuilder, x: TfValue, axes: readonly number[], nameBase: string): TfValue {
  const sorted = [...axes].sort((p, q) => p - q);
  const shape = x.shape.filter((_, a) => !sorted.includes(a));
  const [out] = b.addNode(
    'Squeeze',
    [b.ref(x, 'tf'), b.addInt64Initializer(`${nameBase}/axes`, sorted)],
    nameBase,
  );
  return b.value(out!, shape, 'tf', x.dtype);
}

function pad(ctx: Parameters<Translator>[0], constantValue: number): ReturnType<Translator> {
  const { builder: b, node } = ctx;
  const x = inputAt(ctx, 0);
  if (attrString(node, 'mode', 'CONSTANT') !== 'CONSTANT')
    throw new UnsupportedOpError(node, 'only constant padding');
  const flat = constInts(ctx.inputs[1], `${node.name} paddings`); // [[before, after] per TF axis]
  const rank = x.shape.length;
  if (flat.length !== rank * 2) throw new UnsupportedOpError(node, 'paddings must be [rank, 2]');
  const layout: Layout = x.layout;
  // ONNX axis j holds TF axis order[j].
  const order = layout === 'nchw' ? PERM_NHWC_TO_NCHW : [...Array(rank).keys()];
  const begins = order.map((a) => flat[a * 2]!);
  const ends = order.map((a) => flat[a * 2 + 1]!);
  const shape = x.shape.map((d, a) => d + flat[a * 2]! + flat[a * 2 + 1]!);
  const inputs = [b.ref(x), b.addInt64Initializer(`${node.name}/pads`, [...begins, ...ends])];
  if (constantValue !== 0) inputs.push(b.scalar(constantValue));
  const [out] = b.addNode('Pad', inputs, node.name, { mode: 'constant' });
  return [b.value(out!, shape, layout)];
}
