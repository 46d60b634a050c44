// In-memory ONNX model description and its protobuf encoding (onnx.proto field numbers).
// Only what the converter emits: float/int64 tensors, int/float/ints/floats/string attributes.
// Field numbers: https://github.com/onnx/onnx/blob/main/onnx/onnx.proto

import { ProtoWriter } from './protobuf.ts';

/** TensorProto.DataType values used here. */
export const OnnxDataType = { FLOAT: 1, INT32: 6, INT64: 7 } as const;
export type OnnxDataType = (typeof OnnxDataType)[keyof typeof OnnxDataType];

export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly dataType: OnnxDataType;
  /** Values; stored as little-endian raw_data. */
  readonly data: Float32Array | Int32Array | BigInt64Array;
}

export type OnnxAttributeValue =
  number | string | readonly number[] | { readonly float: number } | { readonly floats: readonly number[] };

export interface OnnxNode {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Plain numbers are INT; wrap floats as `{ float }` / `{ floats }` so the type is explicit. */
  readonly attributes?: Readonly<Record<string, OnnxAttributeValue>>;
}

export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: OnnxDataType;
  readonly dims: readonly number[];
}

export interface OnnxModelSpec {
  readonly irVersion: number;
  readonly opsetVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly graphName: string;
  readonly docString?: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  /** Written in the given order (keep it sorted for reproducible files). */
  readonly metadata?: readonly (readonly [string, string])[];
}

// AttributeProto.AttributeType
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_FLOATS = 6;
const ATTR_INTS = 7;

function tensorRawData(tensor: OnnxTensor): Uint8Array {
  const { data } = tensor;
  const bytes = new Uint8Array(data.length * data.BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  if (data instanceof Float32Array) data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  else if (data instanceof Int32Array) data.forEach((v, i) => view.setInt32(i * 4, v, true));
  else data.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  return bytes;
}

function writeTensor(w: ProtoWriter, tensor: OnnxTensor): void {
  const expected = tensor.dims.reduce((a, b) => a * b, 1);
  if (expected !== tensor.data.length) {
    throw new Error(
      `tensor ${tensor.name}: dims ${tensor.dims.join('x')} do not match ${tensor.data.length} values`,
    );
  }
  w.ints(1, tensor.dims); // dims
  w.int(2, tensor.dataType); // data_type
  w.string(8, tensor.name); // name
  w.bytes(9, tensorRawData(tensor)); // raw_data
}

function writeAttribute(w: ProtoWriter, name: string, value: OnnxAttributeValue): void {
  w.string(1, name);
  if (typeof value === 'number') {
    w.int(3, value).int(20, ATTR_INT);
  } else if (typeof value === 'string') {
    w.string(4, value).int(20, ATTR_STRING);
  } else if (Array.isArray(value)) {
    w.ints(8, value as readonly number[]).int(20, ATTR_INTS);
  } else if ('float' in value) {
    w.float(2, value.float).int(20, ATTR_FLOAT);
  } else if ('floats' in value) {
    w.floats(7, value.floats).int(20, ATTR_FLOATS);
  }
}

function writeNode(w: ProtoWriter, node: OnnxNode): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name);
  w.string(4, node.opType);
  for (const [name, value] of Object.entries(node.attributes ?? {})) {
    w.message(5, (a) => writeAttribute(a, name, value));
  }
}

function writeValueInfo(w: ProtoWriter, info: OnnxValueInfo): void {
  w.string(1, info.name);
  w.message(2, (type) =>
    type.message(1, (tensorType) => {
      tensorType.int(1, info.elemType);
      tensorType.message(2, (shape) => {
        for (const dim of info.dims) shape.message(1, (d) => d.int(1, dim));
      });
    }),
  );
}

/** Encode a whole ModelProto. Same spec in, same bytes out. */
export function encodeOnnxModel(spec: OnnxModelSpec): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, spec.irVersion); // ir_version
  w.string(2, spec.producerName);
  w.string(3, spec.producerVersion);
  if (spec.docString) w.string(6, spec.docString);
  w.message(7, (g) => {
    for (const node of spec.nodes) g.message(1, (n) => writeNode(n, node));
    g.string(2, spec.graphName);
    for (const init of spec.initializers) g.message(5, (t) => writeTensor(t, init));
    for (const input of spec.inputs) g.message(11, (v) => writeValueInfo(v, input));
    for (const output of spec.outputs) g.message(12, (v) => writeValueInfo(v, output));
  });
  w.message(8, (o) => o.string(1, '').int(2, spec.opsetVersion)); // opset_import (default domain)
  for (const [key, value] of spec.metadata ?? []) {
    w.message(14, (m) => m.string(1, key).string(2, value));
  }
  return w.finish();
}
