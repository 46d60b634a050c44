// The shipped presentation-attack model (models/presentation-attack.onnx): ONNX parity with the
// torch network it was exported from, dynamic batch, size and weight precision, and its calibration
// (monotonic, tied to this file). The torch reference outputs are on synthetic inputs rebuilt here
// from integer formulas (test/fixtures/presentation-attack-parity.json, written by the trainer's
// --final run), so no research media is needed.

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  parseSignalCalibration,
  plattProbability,
  type SignalCalibration,
} from '../../../engine/fusion/calibration.ts';
import { defaultTrainedModelsDir, type OnnxModel } from '../../../engine/runtime/index.ts';
import { PRESENTATION_ATTACK_MODEL } from '../../../engine/signals/presentation-attack/index.ts';
import { useModelStore } from '../../support/model-store.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/presentation-attack-parity.json');
const SIDE = 128;
const PER = SIDE * SIDE * 3;

interface ParityFixture {
  sha256: string;
  torchScores: number[];
  tolerance: number;
}

/**
 * The trainer's synthetic_parity_inputs() (scripts/train/presentation-attack/train.py), NHWC:
 * s = (x + 2y + 40c) / 464, h = ((i · 2654435761) mod 2^32) / 2^32; images s, 0.4h + 0.6s,
 * stripes of period 3 and 5 over s, and h — computed in float64, stored as float32.
 */
export function syntheticParityInputs(): Float32Array[] {
  const s = (i: number) => {
    const c = i % 3;
    const x = Math.floor(i / 3) % SIDE;
    const y = Math.floor(i / (3 * SIDE));
    return (x + 2 * y + 40 * c) / 464;
  };
  const h = (i: number) => (Math.imul(i, 0x9e3779b1) >>> 0) / 2 ** 32;
  const stripes = (p: number) => (i: number) => {
    const c = i % 3;
    const x = Math.floor(i / 3) % SIDE;
    return (0.3 + 0.4 * (x % p < p / 2 ? 1 : 0) + (0.1 * c) / 2) * 0.5 + 0.5 * s(i);
  };
  const formulas = [s, (i: number) => 0.4 * h(i) + 0.6 * s(i), stripes(3), stripes(5), h];
  return formulas.map((f) => Float32Array.from({ length: PER }, (_, i) => f(i)));
}

describe('presentation-attack model', () => {
  const store = useModelStore();
  let model: OnnxModel;
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ParityFixture;

  beforeAll(async () => {
    model = await store().load(PRESENTATION_ATTACK_MODEL);
  });

  it('matches the torch network it was exported from (≤ 1e-2) on the parity inputs', async () => {
    expect(model.sha256).toBe(fixture.sha256);
    const inputs = syntheticParityInputs();
    expect(inputs).toHaveLength(fixture.torchScores.length);
    // The inputs span the output range: parity is not decided by a saturated sigmoid.
    expect(fixture.torchScores.some((p) => p > 0.05 && p < 0.95)).toBe(true);
    for (const [k, x] of inputs.entries()) {
      const out = await model.run(x, [1, SIDE, SIDE, 3]);
      const p = out.score!.data[0]!;
      expect(Math.abs(p - fixture.torchScores[k]!)).toBeLessThanOrEqual(fixture.tolerance);
    }
  });

  it('takes a dynamic batch (two crops in one run give the single-crop scores)', async () => {
    // The engine's wrapper feeds [1, H, W, 3] only; the file itself must accept any batch.
    const session = await ort.InferenceSession.create(
      path.join(defaultTrainedModelsDir(), 'presentation-attack.onnx'),
    );
    try {
      const [a, b] = syntheticParityInputs();
      const both = new Float32Array(2 * PER);
      both.set(a!, 0);
      both.set(b!, PER);
      const out = await session.run({ input: new ort.Tensor('float32', both, [2, SIDE, SIDE, 3]) });
      const batched = out.score!.data as Float32Array;
      expect(out.score!.dims).toEqual([2, 1]);
      expect(batched[0]!).toBeCloseTo((await model.run(a!, [1, SIDE, SIDE, 3])).score!.data[0]!, 5);
      expect(batched[1]!).toBeCloseTo((await model.run(b!, [1, SIDE, SIDE, 3])).score!.data[0]!, 5);
    } finally {
      await session.release();
    }
  });

  it('is small (≤ 10 MB, ≤ 3 M parameters per its card; fp16 weights only where parity held)', async () => {
    const dir = defaultTrainedModelsDir();
    expect(statSync(path.join(dir, 'presentation-attack.onnx')).size).toBeLessThanOrEqual(10 * 1024 * 1024);
    const card = JSON.parse(readFileSync(path.join(dir, 'presentation-attack.card.json'), 'utf8')) as {
      sha256: string;
      architecture: { parameters: number; weights: string; onnxOpset: number };
      parity: { weights: string };
    };
    expect(card.sha256).toBe(model.sha256);
    // The trainer keeps fp16 weights only when they stay within 1e-2 of torch on real crops and on
    // the synthetic parity inputs; otherwise fp32 (model 51c3b9a7: 0.012 on the stripes input).
    expect(['fp16', 'fp32']).toContain(card.architecture.weights);
    expect(card.architecture.weights).toBe(card.parity.weights);
    expect(card.architecture.parameters).toBeLessThanOrEqual(3_000_000);
    expect(card.architecture.onnxOpset).toBeGreaterThanOrEqual(13);
  });

  it('has a calibration for this file that is monotonic (higher raw score, higher probability)', async () => {
    const entry = await store().trainedModel(PRESENTATION_ATTACK_MODEL);
    const text = readFileSync(path.join(defaultTrainedModelsDir(), entry.calibration!), 'utf8');
    const calibration = parseSignalCalibration(text) as SignalCalibration;
    expect(typeof calibration).toBe('object');
    expect(calibration.signalId).toBe('presentation-attack');
    expect(calibration.model.sha256).toBe(model.sha256);
    expect(calibration.platt.slope).toBeGreaterThan(0);
    let previous = -Infinity;
    for (let raw = -12; raw <= 12; raw += 0.5) {
      const p = plattProbability(calibration.platt, raw);
      expect(p).toBeGreaterThan(previous);
      previous = p;
    }
    // A stricter false-alarm rate never has a lower threshold.
    const points = [...calibration.operatingPoints].sort((a, b) => a.falseAlarmRate - b.falseAlarmRate);
    for (let i = 1; i < points.length; i++)
      expect(points[i]!.threshold).toBeLessThanOrEqual(points[i - 1]!.threshold);
  });
});
