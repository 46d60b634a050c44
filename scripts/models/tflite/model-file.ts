// The parts of a TFLite model file (tensorflow/lite/schema/schema.fbs, file identifier "TFL3") that
// scripts/models needs: the main subgraph's input/output tensors, the named metadata entries, and
// adding one metadata entry with its own buffer without re-serialising the model.
//
// Adding an entry: FlatBuffers offsets only point forward, so a new root Model table is written in
// front of the untouched original bytes. It copies the original's field values, references the
// original's vectors and tables (which all lie after it), and holds two new vectors, `buffers` and
// `metadata`, with one new Buffer (the data) and one new Metadata table (the name) appended to the
// original entries. The prefix is a multiple of 16 bytes, so every original object keeps its
// alignment (buffer data is 16-byte aligned); the old root table stays behind, unreferenced.

import { FlatTable } from './flat-table.ts';

export const TFLITE_IDENTIFIER = 'TFL3';

// Field slots from schema.fbs.
const MODEL = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
} as const;
const MODEL_SLOTS = 8;
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2 } as const;
const TENSOR = { shape: 0, type: 1, name: 3 } as const;
const BUFFER = { data: 0, offset: 1, size: 2 } as const;
const METADATA = { name: 0, buffer: 1 } as const;

/** TensorType values from schema.fbs that we name; others are reported by number. */
const TENSOR_TYPES: Readonly<Record<number, string>> = {
  0: 'float32',
  1: 'float16',
  2: 'int32',
  3: 'uint8',
  4: 'int64',
  9: 'int8',
};

export interface TfliteTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly type: string;
}

export interface TfliteModelInfo {
  readonly version: number;
  readonly description: string | undefined;
  readonly subgraphCount: number;
  /** Main (first) subgraph's inputs and outputs, in order. */
  readonly inputs: readonly TfliteTensor[];
  readonly outputs: readonly TfliteTensor[];
  readonly bufferCount: number;
  /** Names of the model's metadata entries with their buffer index. */
  readonly metadata: ReadonlyArray<{ readonly name: string; readonly buffer: number }>;
}

function modelRoot(model: Uint8Array): FlatTable {
  return FlatTable.root(model, TFLITE_IDENTIFIER);
}

export function readTfliteModel(model: Uint8Array): TfliteModelInfo {
  const root = modelRoot(model);
  const subgraphs = root.tables(MODEL.subgraphs) ?? [];
  const main = subgraphs[0];
  if (!main) throw new Error('model has no subgraph');
  const tensors = main.tables(SUBGRAPH.tensors) ?? [];
  const tensor = (index: number): TfliteTensor => {
    const t = tensors[index];
    if (!t) throw new Error(`tensor index ${index} out of range (${tensors.length} tensors)`);
    const type = t.int8(TENSOR.type, 0);
    return {
      name: t.string(TENSOR.name) ?? `#${index}`,
      shape: t.int32s(TENSOR.shape) ?? [],
      type: TENSOR_TYPES[type] ?? `type-${type}`,
    };
  };
  return {
    version: root.uint32(MODEL.version),
    description: root.string(MODEL.description),
    subgraphCount: subgraphs.length,
    inputs: (main.int32s(SUBGRAPH.inputs) ?? []).map(tensor),
    outputs: (main.int32s(SUBGRAPH.outputs) ?? []).map(tensor),
    bufferCount: root.tables(MODEL.buffers)?.length ?? 0,
    metadata: (root.tables(MODEL.metadata) ?? []).map((m) => ({
      name: m.string(METADATA.name) ?? '',
      buffer: m.uint32(METADATA.buffer),
    })),
  };
}

/** The bytes of the model's metadata entry `name` (its buffer's data), or undefined. */
export function readTfliteMetadataBuffer(model: Uint8Array, name: string): Uint8Array | undefined {
  const root = modelRoot(model);
  const entry = (root.tables(MODEL.metadata) ?? []).find((m) => m.string(METADATA.name) === name);
  if (!entry) return undefined;
  const index = entry.uint32(METADATA.buffer);
  const buffer = root.tables(MODEL.buffers)?.[index];
  if (!buffer) throw new Error(`metadata ${name} refers to buffer ${index}, which does not exist`);
  const data = buffer.bytes(BUFFER.data);
  if (!data) throw new Error(`metadata ${name}: buffer ${index} has no data`);
  return data;
}

// ---------------------------------------------------------------------------------------------
// Writing the new prefix: objects are laid out front to back at absolute positions; every
// reference is recorded and resolved once the prefix length (the shift of the old bytes) is known.

type Target = { readonly kind: 'new'; readonly pos: number } | { readonly kind: 'old'; readonly pos: number };

class PrefixWriter {
  private readonly chunks: Array<{ pos: number; bytes: Uint8Array }> = [];
  private readonly refs: Array<{ at: number; target: Target }> = [];
  private cursor = 0;

  /** Reserve `size` bytes aligned to `align`; returns their DataView and absolute position. */
  alloc(size: number, align: number): { pos: number; view: DataView } {
    this.cursor = Math.ceil(this.cursor / align) * align;
    const bytes = new Uint8Array(size);
    const pos = this.cursor;
    this.chunks.push({ pos, bytes });
    this.cursor += size;
    return { pos, view: new DataView(bytes.buffer) };
  }

  /** A uoffset at absolute position `at` that will point to `target`. */
  ref(at: number, target: Target): void {
    this.refs.push({ at, target });
  }

  /** A table with its vtable just before it; `fields` are written in order, 4 bytes each. */
  table(fields: ReadonlyArray<{ slot: number; value: number | Target } | undefined>, slots: number): number {
    const present = fields.filter((f): f is { slot: number; value: number | Target } => f !== undefined);
    const vtableSize = 4 + 2 * slots;
    const tableSize = 4 + 4 * present.length;
    const vt = this.alloc(vtableSize, 2);
    const table = this.alloc(tableSize, 4);
    vt.view.setUint16(0, vtableSize, true);
    vt.view.setUint16(2, tableSize, true);
    present.forEach((field, i) => {
      const offset = 4 + 4 * i;
      vt.view.setUint16(4 + 2 * field.slot, offset, true);
      if (typeof field.value === 'number') table.view.setUint32(offset, field.value, true);
      else this.ref(table.pos + offset, field.value);
    });
    // soffset from the table to its vtable: vtable = table - soffset.
    table.view.setInt32(0, table.pos - vt.pos, true);
    return table.pos;
  }

  /** A vector of uoffsets; returns its position. */
  offsetVector(targets: readonly Target[]): number {
    const vector = this.alloc(4 + 4 * targets.length, 4);
    vector.view.setUint32(0, targets.length, true);
    targets.forEach((target, i) => this.ref(vector.pos + 4 + 4 * i, target));
    return vector.pos;
  }

  string(text: string): number {
    const utf8 = new TextEncoder().encode(text);
    const at = this.alloc(4 + utf8.length + 1, 4);
    at.view.setUint32(0, utf8.length, true);
    new Uint8Array(at.view.buffer).set(utf8, 4);
    return at.pos;
  }

  /** A ubyte vector whose data starts 16-byte aligned (TFLite's force_align on Buffer.data). */
  byteVector(data: Uint8Array): number {
    this.cursor = Math.ceil((this.cursor + 4) / 16) * 16 - 4;
    const at = this.alloc(4 + data.length, 4);
    at.view.setUint32(0, data.length, true);
    new Uint8Array(at.view.buffer).set(data, 4);
    return at.pos;
  }

  /** The prefix (padded to 16) followed by `old`, with every reference resolved. */
  finish(old: Uint8Array): Uint8Array {
    const shift = Math.ceil(this.cursor / 16) * 16;
    const out = new Uint8Array(shift + old.length);
    for (const chunk of this.chunks) out.set(chunk.bytes, chunk.pos);
    out.set(old, shift);
    const view = new DataView(out.buffer);
    for (const { at, target } of this.refs) {
      const absolute = target.kind === 'new' ? target.pos : target.pos + shift;
      if (absolute <= at) throw new Error('internal: backward FlatBuffers reference');
      view.setUint32(at, absolute - at, true);
    }
    return out;
  }
}

/**
 * A copy of `model` with one more metadata entry `name` whose buffer holds `data`.
 * Throws when the model already has an entry of that name, has fields this code does not know
 * (a newer schema), or keeps buffer data outside the FlatBuffer (offset/size, models over 2 GB).
 */
export function addTfliteMetadata(model: Uint8Array, name: string, data: Uint8Array): Uint8Array {
  const root = modelRoot(model);
  if (root.slotCount() > MODEL_SLOTS) {
    for (let slot = MODEL_SLOTS; slot < root.slotCount(); slot++)
      if (root.has(slot)) throw new Error(`model table has field ${slot}, unknown to this writer`);
  }
  const oldBuffers = root.tableTargets(MODEL.buffers) ?? [];
  for (const [i, pos] of oldBuffers.entries()) {
    const buffer = new FlatTable(root.bb, pos);
    if (buffer.has(BUFFER.offset) || buffer.has(BUFFER.size))
      throw new Error(`buffer ${i} is stored outside the FlatBuffer (offset/size); not supported`);
  }
  const oldMetadata = root.tableTargets(MODEL.metadata) ?? [];
  if (oldMetadata.some((pos) => new FlatTable(root.bb, pos).string(METADATA.name) === name))
    throw new Error(`model already has a metadata entry named ${name}`);

  const w = new PrefixWriter();
  const header = w.alloc(8, 4);
  new Uint8Array(header.view.buffer).set(new TextEncoder().encode(TFLITE_IDENTIFIER), 4);

  const old = (slot: number): Target | undefined => {
    const pos = root.target(slot);
    return pos === undefined ? undefined : { kind: 'old', pos };
  };
  const field = (slot: number, value: number | Target | undefined) =>
    value === undefined ? undefined : { slot, value };

  // Placeholders for the two new vectors, filled in below (they come after the root table).
  const buffersRef: { kind: 'new'; pos: number } = { kind: 'new', pos: 0 };
  const metadataRef: { kind: 'new'; pos: number } = { kind: 'new', pos: 0 };
  const fields = [
    field(MODEL.version, root.uint32(MODEL.version)),
    field(MODEL.operatorCodes, old(MODEL.operatorCodes)),
    field(MODEL.subgraphs, old(MODEL.subgraphs)),
    field(MODEL.description, old(MODEL.description)),
    field(MODEL.buffers, buffersRef),
    field(MODEL.metadataBuffer, old(MODEL.metadataBuffer)),
    field(MODEL.metadata, metadataRef),
    field(MODEL.signatureDefs, old(MODEL.signatureDefs)),
  ];
  const rootPos = w.table(fields, MODEL_SLOTS);
  w.ref(0, { kind: 'new', pos: rootPos });

  const newBuffer = { kind: 'new' as const, pos: 0 };
  const newMetadata = { kind: 'new' as const, pos: 0 };
  buffersRef.pos = w.offsetVector([...oldBuffers.map((pos) => ({ kind: 'old' as const, pos })), newBuffer]);
  metadataRef.pos = w.offsetVector([
    ...oldMetadata.map((pos) => ({ kind: 'old' as const, pos })),
    newMetadata,
  ]);
  const nameRef = { kind: 'new' as const, pos: 0 };
  newMetadata.pos = w.table(
    [
      { slot: METADATA.name, value: nameRef },
      { slot: METADATA.buffer, value: oldBuffers.length },
    ],
    2,
  );
  nameRef.pos = w.string(name);
  const dataRef = { kind: 'new' as const, pos: 0 };
  newBuffer.pos = w.table([{ slot: BUFFER.data, value: dataRef }], 1);
  dataRef.pos = w.byteVector(data);
  return w.finish(model);
}
