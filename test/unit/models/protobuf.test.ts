import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ProtoWriter } from '../../../scripts/models/onnx/protobuf.ts';
import { TINY_INPUT_DIMS, tinyOnnxModel } from '../../support/tiny-onnx.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ProtoWriter', () => {
  it('encodes varints, including int64 negatives as ten bytes', () => {
    expect(hex(new ProtoWriter().varint(0).finish())).toBe('00');
    expect(hex(new ProtoWriter().varint(1).finish())).toBe('01');
    expect(hex(new ProtoWriter().varint(300).finish())).toBe('ac02');
    expect(hex(new ProtoWriter().varint(2 ** 32).finish())).toBe('8080808010');
    expect(hex(new ProtoWriter().varint(-1).finish())).toBe('ffffffffffffffffff01');
  });

  it('encodes tagged fields and nested messages', () => {
    // field 1 varint 150, field 2 string "hi", field 3 float 1.0, field 4 { field 1: 1 }
    const bytes = new ProtoWriter()
      .int(1, 150)
      .string(2, 'hi')
      .float(3, 1)
      .message(4, (m) => m.int(1, 1))
      .finish();
    expect(hex(bytes)).toBe('089601' + '12026869' + '1d0000803f' + '22020801');
  });

  it('rejects non-integer varints', () => {
    expect(() => new ProtoWriter().varint(1.5)).toThrow(RangeError);
  });
});

describe('ONNX writer round trip', () => {
  it('writes a model that onnxruntime loads and runs', async () => {
    const session = await ort.InferenceSession.create(tinyOnnxModel(), {
      graphOptimizationLevel: 'all',
      intraOpNumThreads: 1,
    });
    try {
      expect(session.inputNames).toEqual(['x']);
      expect(session.outputNames).toEqual(['y']);
      const x = Float32Array.from({ length: 12 }, (_, i) => i / 10);
      const { y } = await session.run({ x: new ort.Tensor('float32', x, [...TINY_INPUT_DIMS]) });
      expect(y!.dims).toEqual([...TINY_INPUT_DIMS]);
      const expected = Array.from(x, (v) => Math.max(0, 2 * v - 1));
      Array.from(y!.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    } finally {
      await session.release();
    }
  });

  it('is byte-for-byte reproducible', () => {
    expect(hex(tinyOnnxModel())).toBe(hex(tinyOnnxModel()));
  });
});
