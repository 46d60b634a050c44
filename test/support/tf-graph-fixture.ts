// Builds small TF.js graph models in memory (model.json object + weight bytes) so that op
// translations can be checked against TF.js on graphs made for the purpose.

import type { TfAttrValue, TfjsModelJson, TfNodeDef } from '../../scripts/models/tfjs/graph-model.ts';
import type { WeightSpec } from '../../scripts/models/tfjs/weights.ts';

export const attr = {
  ints: (values: readonly number[]): TfAttrValue => ({ list: { i: values.map(String) } }),
  str: (value: string): TfAttrValue => ({ s: Buffer.from(value).toString('base64') }),
  strs: (values: readonly string[]): TfAttrValue => ({
    list: { s: values.map((v) => Buffer.from(v).toString('base64')) },
  }),
  int: (value: number): TfAttrValue => ({ i: String(value) }),
  float: (value: number): TfAttrValue => ({ f: value }),
  bool: (value: boolean): TfAttrValue => ({ b: value }),
};

export class TfGraphFixture {
  private readonly nodes: TfNodeDef[] = [];
  private readonly specs: WeightSpec[] = [];
  private readonly chunks: Uint8Array[] = [];

  placeholder(name: string, shape: readonly number[], dtype: 'DT_FLOAT' | 'DT_INT32' = 'DT_FLOAT'): string {
    this.nodes.push({
      name,
      op: 'Placeholder',
      attr: {
        dtype: { type: dtype },
        shape: { shape: { dim: shape.map((d) => ({ size: String(d) })) } } as unknown as TfAttrValue,
      },
    });
    return name;
  }

  floats(name: string, shape: readonly number[], data: ArrayLike<number>): string {
    const values = Float32Array.from(data);
    if (values.length !== shape.reduce((a, b) => a * b, 1))
      throw new Error(`${name}: ${values.length} values for [${shape.join(',')}]`);
    this.addConst(name, { name, shape: [...shape], dtype: 'float32' }, new Uint8Array(values.buffer));
    return name;
  }

  ints(name: string, shape: readonly number[], data: readonly number[]): string {
    this.addConst(
      name,
      { name, shape: [...shape], dtype: 'int32' },
      new Uint8Array(Int32Array.from(data).buffer),
    );
    return name;
  }

  op(op: string, name: string, inputs: readonly string[], attrs: Record<string, TfAttrValue> = {}): string {
    this.nodes.push({ name, op, input: [...inputs], attr: { T: { type: 'DT_FLOAT' }, ...attrs } });
    return name;
  }

  build(): { json: TfjsModelJson; bin: Uint8Array } {
    const bin = Buffer.concat(this.chunks);
    return {
      json: {
        format: 'graph-model',
        generatedBy: 'test',
        convertedBy: 'test',
        modelTopology: { node: this.nodes, versions: { producer: 1 } },
        weightsManifest: [{ paths: ['weights.bin'], weights: this.specs }],
      },
      bin: new Uint8Array(bin),
    };
  }

  private addConst(name: string, spec: WeightSpec, bytes: Uint8Array): void {
    this.nodes.push({
      name,
      op: 'Const',
      attr: { dtype: { type: spec.dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT' } },
    });
    this.specs.push(spec);
    this.chunks.push(bytes);
  }
}
