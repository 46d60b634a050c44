// Read-only access to one FlatBuffers table by field slot, for the few TFLite and TFLite-metadata
// tables scripts/models touches (no generated code: the slots come from the schemas, named where
// they are used). Bounds are checked by the flatbuffers ByteBuffer reads themselves.

import { ByteBuffer } from 'flatbuffers';

const SIZEOF_UOFFSET = 4;

export class FlatTable {
  constructor(
    readonly bb: ByteBuffer,
    /** Absolute position of the table in the buffer. */
    readonly pos: number,
  ) {}

  /** The root table of a finished buffer (optionally checking its 4-byte file identifier). */
  static root(bytes: Uint8Array, identifier?: string): FlatTable {
    if (bytes.length < 8) throw new Error(`buffer of ${bytes.length} bytes is too short for a FlatBuffer`);
    const bb = new ByteBuffer(bytes);
    if (identifier !== undefined && !bb.__has_identifier(identifier)) {
      const got = String.fromCharCode(...bytes.subarray(4, 8));
      throw new Error(`file identifier "${got}", expected "${identifier}"`);
    }
    const pos = bb.readUint32(0);
    if (pos + SIZEOF_UOFFSET > bytes.length) throw new Error('root offset points outside the buffer');
    return new FlatTable(bb, pos);
  }

  /** Number of field slots in this table's vtable. */
  slotCount(): number {
    const vtable = this.pos - this.bb.readInt32(this.pos);
    return (this.bb.readUint16(vtable) - 4) / 2;
  }

  /** Absolute position of field `slot`, or 0 when absent. */
  fieldPos(slot: number): number {
    const offset = this.bb.__offset(this.pos, 4 + 2 * slot);
    return offset === 0 ? 0 : this.pos + offset;
  }

  has(slot: number): boolean {
    return this.fieldPos(slot) !== 0;
  }

  /** Absolute position of the object an offset field points to (table, vector or string). */
  target(slot: number): number | undefined {
    const at = this.fieldPos(slot);
    return at === 0 ? undefined : at + this.bb.readUint32(at);
  }

  uint32(slot: number, fallback = 0): number {
    const at = this.fieldPos(slot);
    return at === 0 ? fallback : this.bb.readUint32(at);
  }

  int8(slot: number, fallback = 0): number {
    const at = this.fieldPos(slot);
    return at === 0 ? fallback : this.bb.readInt8(at);
  }

  uint8(slot: number, fallback = 0): number {
    const at = this.fieldPos(slot);
    return at === 0 ? fallback : this.bb.readUint8(at);
  }

  string(slot: number): string | undefined {
    const at = this.fieldPos(slot);
    return at === 0 ? undefined : (this.bb.__string(at) as string);
  }

  table(slot: number): FlatTable | undefined {
    const at = this.target(slot);
    return at === undefined ? undefined : new FlatTable(this.bb, at);
  }

  /** Element positions of a vector field (the vector's own position is target(slot)). */
  private elements(slot: number, size: number): number[] | undefined {
    const at = this.fieldPos(slot);
    if (at === 0) return undefined;
    const start = this.bb.__vector(at);
    return Array.from({ length: this.bb.__vector_len(at) }, (_, i) => start + i * size);
  }

  tables(slot: number): FlatTable[] | undefined {
    return this.elements(slot, SIZEOF_UOFFSET)?.map((p) => new FlatTable(this.bb, p + this.bb.readUint32(p)));
  }

  /** Absolute positions of the tables a vector of tables points to. */
  tableTargets(slot: number): number[] | undefined {
    return this.elements(slot, SIZEOF_UOFFSET)?.map((p) => p + this.bb.readUint32(p));
  }

  int32s(slot: number): number[] | undefined {
    return this.elements(slot, 4)?.map((p) => this.bb.readInt32(p));
  }

  float32s(slot: number): number[] | undefined {
    return this.elements(slot, 4)?.map((p) => this.bb.readFloat32(p));
  }

  bytes(slot: number): Uint8Array | undefined {
    const at = this.fieldPos(slot);
    if (at === 0) return undefined;
    const start = this.bb.__vector(at);
    return this.bb.bytes().subarray(start, start + this.bb.__vector_len(at));
  }
}
