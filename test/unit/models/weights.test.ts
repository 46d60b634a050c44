import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { decodeWeights, float16ToFloat32, type WeightSpec } from '../../../scripts/models/tfjs/weights.ts';
import { randomFloats } from '../../support/seeded-random.ts';

describe('float16 dequantisation', () => {
  it('decodes normal, subnormal and special values', () => {
    const bits = Uint16Array.of(
      0x0000,
      0x8000,
      0x3c00,
      0xc000,
      0x3555,
      0x7bff,
      0x0400,
      0x0001,
      0x03ff,
      0x7c00,
      0xfc00,
      0x7e00,
    );
    const out = Array.from(float16ToFloat32(bits));
    expect(out.slice(0, 9)).toEqual([
      0,
      -0,
      1,
      -2,
      0.333251953125,
      65504,
      2 ** -14,
      2 ** -24,
      1023 * 2 ** -24,
    ]);
    expect(out[9]).toBe(Infinity);
    expect(out[10]).toBe(-Infinity);
    expect(out[11]).toBeNaN();
  });

  it('matches tfjs-core for every finite half-precision value', async () => {
    await tf.setBackend('cpu');
    const all = Uint16Array.from({ length: 0x10000 }, (_, i) => i).filter((h) => (h & 0x7c00) !== 0x7c00);
    const spec: WeightSpec = {
      name: 'w',
      shape: [all.length],
      dtype: 'float32',
      quantization: { dtype: 'float16', original_dtype: 'float32' },
    };
    const bytes = new Uint8Array(all.buffer);
    const ours = decodeWeights([spec], bytes).get('w')!.data;
    const theirs = tf.io.decodeWeights(bytes.buffer, [spec as tf.io.WeightsManifestEntry]).w!.dataSync();
    expect(Array.from(ours)).toEqual(Array.from(theirs));
  });
});

describe('decodeWeights', () => {
  it('decodes a mixed manifest exactly as tfjs-core does', () => {
    const f32 = randomFloats(6, 1, -3, 3);
    const specs: WeightSpec[] = [
      { name: 'plain', shape: [2, 3], dtype: 'float32' },
      { name: 'ints', shape: [3], dtype: 'int32' },
      { name: 'u8', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', min: -1, scale: 0.5 } },
      {
        name: 'u16',
        shape: [2],
        dtype: 'float32',
        quantization: { dtype: 'uint16', min: 0.25, scale: 0.001 },
      },
      { name: 'half', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' } },
      { name: 'u8int', shape: [2], dtype: 'int32', quantization: { dtype: 'uint8', min: -10, scale: 3 } },
    ];
    const parts = [
      new Uint8Array(f32.buffer),
      new Uint8Array(Int32Array.of(7, -8, 9).buffer),
      Uint8Array.of(0, 1, 2, 255),
      new Uint8Array(Uint16Array.of(0, 65535).buffer),
      new Uint8Array(Uint16Array.of(0x3c00, 0xbc00).buffer),
      Uint8Array.of(3, 4),
    ];
    const bytes = new Uint8Array(Buffer.concat(parts));
    const ours = decodeWeights(specs, bytes);
    const theirs = tf.io.decodeWeights(bytes.buffer, specs as tf.io.WeightsManifestEntry[]);
    for (const spec of specs) {
      expect(Array.from(ours.get(spec.name)!.data), spec.name).toEqual(
        Array.from(theirs[spec.name]!.dataSync()),
      );
      expect(ours.get(spec.name)!.shape).toEqual(spec.shape);
    }
    expect(Array.from(ours.get('u8')!.data)).toEqual([-1, -0.5, 0, 126.5]);
    expect(Array.from(ours.get('u8int')!.data)).toEqual([-1, 2]);
  });

  it('rejects shards that are too short or too long', () => {
    const spec: WeightSpec = { name: 'w', shape: [2], dtype: 'float32' };
    expect(() => decodeWeights([spec], new Uint8Array(4))).toThrow(/needs bytes/);
    expect(() => decodeWeights([spec], new Uint8Array(12))).toThrow(/shards hold 12/);
  });

  it('rejects unknown quantisation', () => {
    const spec: WeightSpec = { name: 'w', shape: [1], dtype: 'float32', quantization: { dtype: 'int4' } };
    expect(() => decodeWeights([spec], new Uint8Array(1))).toThrow(/unsupported/);
  });
});
