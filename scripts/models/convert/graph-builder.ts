// Accumulates the ONNX graph while TF nodes are translated. Each TF tensor becomes a TfValue:
// its TF (NHWC) shape plus the layout its ONNX tensor actually has. Rank-4 activations live in
// NCHW; the builder inserts (and reuses) Transposes when an op needs the other layout, and
// transposes constants at conversion time instead. TF int32 tensors (indices, shapes computed in
// the graph) are int64 in ONNX, the type ArgMax returns and GatherND takes.

import { OnnxDataType, type OnnxAttributeValue, type OnnxNode, type OnnxTensor } from '../onnx/onnx-model.ts';
import type { DecodedWeight } from '../tfjs/weights.ts';
import { PERM_NCHW_TO_NHWC, PERM_NHWC_TO_NCHW, permute, transposeData } from './layout.ts';

export type Layout = 'tf' | 'nchw';

export interface TfValue {
  /** ONNX tensor name. For a constant it names the initializer once materialised. */
  readonly name: string;
  /** Shape in TF terms (NHWC for images), static, batch included. */
  readonly shape: readonly number[];
  /** Physical order of the ONNX tensor; only differs from TF for rank 4. */
  readonly layout: Layout;
  /** TF dtype; an int32 value is an int64 tensor in ONNX. */
  readonly dtype: 'float32' | 'int32';
  /** Constant values in TF layout; constants become initializers only when an op uses them as inputs. */
  readonly constant?: DecodedWeight;
}

export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly usedNames = new Set<string>();
  private readonly materialised = new Map<string, string>();
  private readonly converted = new Map<string, string>();
  private readonly scalars = new Map<number, string>();

  /** A fresh tensor/node name derived from `base`. */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  /** Reserve a name that must stay exactly as given (graph input). */
  reserve(name: string): void {
    if (this.usedNames.has(name)) throw new Error(`name ${name} already used`);
    this.usedNames.add(name);
  }

  addFloatInitializer(base: string, dims: readonly number[], data: Float32Array): string {
    const name = this.uniqueName(base);
    this.initializers.push({ name, dims, dataType: OnnxDataType.FLOAT, data });
    return name;
  }

  addInt64Initializer(
    base: string,
    values: readonly number[],
    dims: readonly number[] = [values.length],
  ): string {
    const name = this.uniqueName(base);
    this.initializers.push({
      name,
      dims,
      dataType: OnnxDataType.INT64,
      data: BigInt64Array.from(values, (v) => BigInt(v)),
    });
    return name;
  }

  /** A float scalar initializer, shared by every user of the same value. */
  scalar(value: number): string {
    const existing = this.scalars.get(value);
    if (existing) return existing;
    const name = this.addFloatInitializer(
      `const_${String(value).replace(/[^0-9a-z]/gi, '_')}`,
      [],
      Float32Array.of(value),
    );
    this.scalars.set(value, name);
    return name;
  }

  /** Append a node; returns its output tensor names. */
  addNode(
    opType: string,
    inputs: readonly string[],
    nameBase: string,
    attributes?: Record<string, OnnxAttributeValue>,
    outputCount = 1,
  ): string[] {
    const name = this.uniqueName(nameBase);
    const outputs =
      outputCount === 1
        ? [name]
        : Array.from({ length: outputCount }, (_, i) => this.uniqueName(`${name}:${i}`));
    this.nodes.push({ opType, name, inputs, outputs, ...(attributes ? { attributes } : {}) });
    return outputs;
  }

  /** A TfValue for a constant weight (not yet an initializer). */
  constantValue(name: string, weight: DecodedWeight): TfValue {
    return { name, shape: weight.shape, layout: 'tf', dtype: weight.dtype, constant: weight };
  }

  /** ONNX tensor name holding `value` in `layout` (rank 4), or as is for other ranks. */
  ref(value: TfValue, layout: Layout = value.layout): string {
    if (value.shape.length !== 4) layout = value.layout;
    const key = `${value.name}\u0000${layout}`;
    const done = this.materialised.get(key) ?? this.converted.get(key);
    if (done) return done;
    if (value.constant) {
      const data =
        layout === value.layout
          ? value.constant.data
          : transposeData(value.constant.data, value.shape, PERM_NHWC_TO_NCHW);
      const dims = layout === 'nchw' ? permute(value.shape, PERM_NHWC_TO_NCHW) : value.shape;
      const base = layout === 'nchw' ? `${value.name}/nchw` : value.name;
      const name =
        value.constant.dtype === 'float32'
          ? this.addFloatInitializer(base, dims, data as Float32Array)
          : this.addInt64Initializer(base, Array.from(data), dims);
      this.materialised.set(key, name);
      return name;
    }
    if (layout === value.layout) return value.name;
    const perm = layout === 'nchw' ? PERM_NHWC_TO_NCHW : PERM_NCHW_TO_NHWC;
    const [out] = this.addNode('Transpose', [value.name], `${value.name}/to_${layout}`, { perm });
    this.converted.set(key, out!);
    return out!;
  }

  /** Record a computed tensor. */
  value(
    name: string,
    shape: readonly number[],
    layout: Layout,
    dtype: 'float32' | 'int32' = 'float32',
  ): TfValue {
    return { name, shape, layout: shape.length === 4 ? layout : 'tf', dtype };
  }
}

/** Values of an int32 constant input (shapes, axes, paddings). */
export function constInts(value: TfValue | undefined, what: string): number[] {
  if (!value?.constant) throw new Error(`${what} must be a constant`);
  return Array.from(value.constant.data, Number);
}
