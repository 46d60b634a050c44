// Minimal protocol-buffers encoder: just the wire types ONNX needs (varint, fixed32,
// length-delimited). Enough to write a ModelProto without a protobuf dependency.
// Spec: https://protobuf.dev/programming-guides/encoding/

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Append-only byte sink for one protobuf message. Nested messages are encoded separately and embedded. */
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private scratch: number[] = [];
  private length = 0;

  /** Varint of a non-negative integer or an int64 (negative numbers become 10-byte two's complement). */
  varint(value: number | bigint): this {
    let v = typeof value === 'bigint' ? value : BigInt(value);
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new RangeError(`varint needs an integer, got ${value}`);
    }
    v = BigInt.asUintN(64, v);
    while (v >= 0x80n) {
      this.scratch.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.scratch.push(Number(v));
    return this;
  }

  private tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }

  private flushScratch(): void {
    if (this.scratch.length === 0) return;
    this.chunks.push(Uint8Array.from(this.scratch));
    this.length += this.scratch.length;
    this.scratch = [];
  }

  private raw(bytes: Uint8Array): this {
    this.flushScratch();
    this.chunks.push(bytes);
    this.length += bytes.length;
    return this;
  }

  /** int32 / int64 / enum / bool field. */
  int(field: number, value: number | bigint): this {
    return this.tag(field, WIRE_VARINT).varint(value);
  }

  /** float field (fixed32, little-endian). */
  float(field: number, value: number): this {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.tag(field, WIRE_FIXED32);
    return this.raw(bytes);
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED).varint(value.length);
    return this.raw(value);
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** Embedded message, built by `build` into its own writer. */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** Repeated int64 written one element per tag (proto2 default, accepted by every parser). */
  ints(field: number, values: readonly (number | bigint)[]): this {
    for (const v of values) this.int(field, v);
    return this;
  }

  floats(field: number, values: readonly number[]): this {
    for (const v of values) this.float(field, v);
    return this;
  }

  finish(): Uint8Array {
    this.flushScratch();
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}
