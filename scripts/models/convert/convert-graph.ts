// TF.js graph → ONNX graph. Walks the nodes needed for the outputs in dependency order and hands
// each to its translator from the op table. The model input stays NHWC, exactly as TF.js takes it;
// outputs come back in TF layout and shape. Batch is fixed at 1 (TF.js -1 batch dims become 1),
// which lets every SAME padding and Reshape be resolved statically. Input and outputs are float:
// a graph that takes int32 (movenet's pixels) gets a float input cast to integers inside the
// graph (truncating, as TF does), so the runtime feeds every model the same way.

import { encodeOnnxModel, OnnxDataType } from '../onnx/onnx-model.ts';
import { attrShape } from '../tfjs/attrs.ts';
import { parseTensorRef, type TfGraph, type TfNodeDef } from '../tfjs/graph-model.ts';
import { GraphBuilder, type TfValue } from './graph-builder.ts';
import { tfDtype } from './ops/cast.ts';
import { createOpTable, UnsupportedOpError } from './ops/index.ts';

export const ONNX_OPSET = 13;
/** IR version 7 is the one that goes with opset 13. */
export const ONNX_IR_VERSION = 7;

export interface ConvertOptions {
  readonly graphName: string;
  readonly producerVersion: string;
  /** Extra metadata_props (written sorted by key). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface TensorSpec {
  readonly name: string;
  readonly dims: readonly number[];
}

export interface ConvertedOutput extends TensorSpec {
  /** The TF tensor it comes from, e.g. "Identity_2:0". */
  readonly sourceName: string;
}

export interface ConvertedGraph {
  readonly onnx: Uint8Array;
  /** `sourceDtype`: what the TF graph takes (the ONNX input is float either way). */
  readonly input: TensorSpec & { readonly sourceName: string; readonly sourceDtype: 'float32' | 'int32' };
  readonly outputs: readonly ConvertedOutput[];
  /** TF op → count, for the nodes actually converted. */
  readonly opCounts: Readonly<Record<string, number>>;
}

/** ONNX-friendly name: ":0" suffix dropped, anything outside [A-Za-z0-9_] replaced by "_". */
export function sanitizeTensorName(name: string): string {
  return name.replace(/:0$/, '').replace(/[^A-Za-z0-9_]/g, '_');
}

interface Endpoint {
  readonly key: string;
  readonly ref: string;
}

/** Graph outputs as TF.js sees them: signature order, else nodes nobody consumes, in node order. */
export function graphOutputs(graph: TfGraph): Endpoint[] {
  const outputs = graph.signature?.outputs;
  if (outputs && Object.keys(outputs).length > 0) {
    return Object.entries(outputs).map(([key, entry]) => ({ key, ref: entry.name }));
  }
  const consumed = new Set<string>();
  for (const node of graph.nodes) {
    for (const ref of node.input ?? []) {
      const parsed = parseTensorRef(ref);
      if (parsed) consumed.add(parsed.node);
    }
  }
  return graph.nodes
    .filter((n) => !consumed.has(n.name) && n.op !== 'Const')
    .map((n) => ({ key: n.name, ref: n.name }));
}

function graphInput(graph: TfGraph): { key: string; node: TfNodeDef } {
  const placeholders = graph.nodes.filter((n) => n.op === 'Placeholder');
  if (placeholders.length !== 1)
    throw new Error(`expected one Placeholder input, found ${placeholders.length}`);
  const node = placeholders[0]!;
  const signatureKey = Object.entries(graph.signature?.inputs ?? {}).find(
    ([, e]) => parseTensorRef(e.name)?.node === node.name,
  )?.[0];
  return { key: signatureKey ?? node.name, node };
}

/** Nodes needed for `roots`, dependencies first (iterative post-order DFS, deterministic). */
function executionOrder(byName: ReadonlyMap<string, TfNodeDef>, roots: readonly string[]): TfNodeDef[] {
  const order: TfNodeDef[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const root of roots) {
    const stack: { name: string; next: number }[] = [{ name: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const node = byName.get(top.name);
      if (!node) throw new Error(`graph references unknown node ${top.name}`);
      if (top.next === 0) {
        if (state.get(top.name) === 'done') {
          stack.pop();
          continue;
        }
        if (state.get(top.name) === 'open') throw new Error(`cycle at ${top.name}`);
        state.set(top.name, 'open');
      }
      const inputs = (node.input ?? []).map(parseTensorRef).filter((r) => r !== null);
      const dep = inputs[top.next];
      if (dep) {
        top.next++;
        if (state.get(dep.node) !== 'done') stack.push({ name: dep.node, next: 0 });
        continue;
      }
      state.set(top.name, 'done');
      order.push(node);
      stack.pop();
    }
  }
  return order;
}

export function convertGraph(graph: TfGraph, options: ConvertOptions): ConvertedGraph {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const input = graphInput(graph);
  const outputs = graphOutputs(graph);
  if (outputs.length === 0) throw new Error('graph has no outputs');
  const order = executionOrder(
    byName,
    outputs.map((o) => parseTensorRef(o.ref)!.node),
  );

  const table = createOpTable();
  const unknown = [
    ...new Set(
      order.map((n) => n.op).filter((op) => op !== 'Const' && op !== 'Placeholder' && !table.has(op)),
    ),
  ];
  if (unknown.length > 0) throw new Error(`unsupported TF ops: ${unknown.sort().join(', ')}`);

  const builder = new GraphBuilder();
  const inputName = sanitizeTensorName(input.key);
  const outputNames = outputs.map((o) => sanitizeTensorName(o.key));
  if (new Set([inputName, ...outputNames]).size !== outputNames.length + 1)
    throw new Error('input/output names collide after sanitising');
  builder.reserve(inputName);
  outputNames.forEach((name) => builder.reserve(name));

  const inputShape = attrShape(input.node, 'shape');
  if (!inputShape || inputShape.length === 0) throw new Error(`input ${input.node.name} has no static shape`);
  const inputDims = inputShape.map((d, i) => (d === -1 && i === 0 ? 1 : d));
  if (inputDims.some((d) => d < 1))
    throw new Error(`input ${input.node.name} has dynamic dims [${inputShape.join(',')}]`);
  const inputDtype = tfDtype(input.node, input.node.attr?.dtype?.type ?? 'DT_FLOAT');

  const values = new Map<string, TfValue[]>();
  const opCounts: Record<string, number> = {};
  for (const node of order) {
    opCounts[node.op] = (opCounts[node.op] ?? 0) + 1;
    if (node.op === 'Const') {
      const weight = graph.weights.get(node.name);
      if (!weight) throw new Error(`Const ${node.name} has no weight data`);
      values.set(node.name, [builder.constantValue(node.name, weight)]);
      continue;
    }
    if (node.op === 'Placeholder') {
      let value = builder.value(inputName, inputDims, 'tf');
      if (inputDtype === 'int32') {
        const [cast] = builder.addNode('Cast', [inputName], `${inputName}/to_int`, {
          to: OnnxDataType.INT64,
        });
        value = builder.value(cast!, inputDims, 'tf', 'int32');
      }
      values.set(node.name, [value]);
      continue;
    }
    const inputs = (node.input ?? [])
      .map(parseTensorRef)
      .filter((r) => r !== null)
      .map((r) => {
        const value = values.get(r.node)?.[r.index];
        if (!value) throw new UnsupportedOpError(node, `input ${r.node}:${r.index} is not available`);
        return value;
      });
    const translate = table.get(node.op)!;
    values.set(node.name, translate({ builder, node, inputs }));
  }

  const outputSpecs: ConvertedOutput[] = outputs.map((o, i) => {
    const ref = parseTensorRef(o.ref)!;
    const value = values.get(ref.node)?.[ref.index];
    if (!value) throw new Error(`output ${o.ref} was not produced`);
    if (value.dtype !== 'float32') throw new Error(`output ${o.ref} is ${value.dtype}, not float`);
    const name = outputNames[i]!;
    builder.nodes.push({
      opType: 'Identity',
      name: builder.uniqueName(`${name}/output`),
      inputs: [builder.ref(value, 'tf')],
      outputs: [name],
    });
    return { name, dims: [...value.shape], sourceName: o.ref };
  });

  const metadata = Object.entries(options.metadata ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const onnx = encodeOnnxModel({
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET,
    producerName: 'callsentinel-tfjs-to-onnx',
    producerVersion: options.producerVersion,
    graphName: options.graphName,
    nodes: builder.nodes,
    initializers: builder.initializers,
    inputs: [{ name: inputName, elemType: OnnxDataType.FLOAT, dims: inputDims }],
    outputs: outputSpecs.map((o) => ({ name: o.name, elemType: OnnxDataType.FLOAT, dims: o.dims })),
    metadata,
  });
  return {
    onnx,
    input: { name: inputName, dims: inputDims, sourceName: input.node.name, sourceDtype: inputDtype },
    outputs: outputSpecs,
    opCounts,
  };
}
