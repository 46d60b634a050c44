// The face-swap signal on a stand-in model (score rises with crop brightness, see
// test/support/stand-in-face-swap.ts): frame selection, aggregation, calibration, status and
// confidence logic, and refusal of a missing or foreign calibration.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelStore } from '../../../engine/runtime/index.ts';
import { faceSwapSignal } from '../../../engine/signals/face-swap/index.ts';
import { DEFAULT_FACE_SWAP_CONFIG, type FaceSwapConfig } from '../../../engine/signals/face-swap/config.ts';
import type { FrameBundle, SignalInstance } from '../../../engine/signals/types.ts';
import { CallSentinelError } from '../../../engine/core/errors.ts';
import {
  frameWithFaces,
  uniformGreyFace,
  writeEmptyVendorDir,
  writeStandInModelsDir,
} from '../../support/stand-in-face-swap.ts';
import { sigmoid } from '../../../engine/fusion/calibration.ts';

const face = (trackId: number, grey: number, faceSizePx = 150) => uniformGreyFace(trackId, grey, faceSizePx);
const frame = frameWithFaces;

/** The stand-in's probability for a uniform grey crop, through the identity-like calibration. */
const expected = (grey: number) => sigmoid(8 * (grey / 255 - 0.5));

describe('face-swap signal', () => {
  let dir: string;
  let store: ModelStore;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cs-face-swap-'));
    writeStandInModelsDir(dir);
    const vendor = writeEmptyVendorDir(path.join(dir, 'vendor'));
    store = new ModelStore({ modelsDir: vendor, trainedModelsDir: dir, threads: 1 });
  });

  afterEach(async () => {
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(frames: FrameBundle[], config: Partial<FaceSwapConfig> = {}) {
    const instance: SignalInstance = await faceSwapSignal.create(
      { models: store },
      { ...DEFAULT_FACE_SWAP_CONFIG, ...config },
    );
    const windows = [];
    for (const f of frames) windows.push(...(await instance.update(f)));
    const tracks = await instance.flush();
    await instance.dispose();
    return { instance, windows, tracks };
  }

  it('scores a bright ("swapped") and a dark ("genuine") track apart, every k-th usable frame', async () => {
    const frames = Array.from({ length: 20 }, (_, i) => frame(i, [face(1, 200), face(2, 60)]));
    const { instance, tracks, windows } = await run(frames, { scoreEveryFrames: 2 });
    expect(instance.operatingPoints?.map((p) => p.threshold)).toEqual([0.9, 0.6, 0.5]);
    const [bright, dark] = [tracks.find((o) => o.trackId === 1)!, tracks.find((o) => o.trackId === 2)!];
    expect(bright.status).toBe('ok');
    expect(bright.features?.framesScored).toBe(10);
    expect(bright.features?.scoreEveryFrames).toBe(2);
    expect(bright.score!).toBeCloseTo(expected(200), 4);
    expect(bright.reasonKey).toBe('reason.face-swap-artifacts');
    expect(dark.score!).toBeCloseTo(expected(60), 4);
    expect(dark.reasonKey).toBe('reason.face-swap-clean');
    expect(bright.startSec).toBe(0);
    expect(bright.endSec).toBeCloseTo(19 / 30, 6);
    // 10 of 30 frames for full confidence; faces above 128 px count fully.
    expect(bright.confidence).toBeCloseTo(10 / 30, 6);
    // One window observation per scored frame and track; the first 4 have too few frames.
    expect(windows).toHaveLength(20);
    const brightWindows = windows.filter((o) => o.trackId === 1);
    expect(brightWindows.slice(0, 4).every((o) => o.status === 'insufficient-data' && o.score === null)).toBe(
      true,
    );
    expect(brightWindows.slice(4).every((o) => o.status === 'ok')).toBe(true);
  });

  it('gives insufficient-data on a one-frame input and when no frame is usable', async () => {
    const one = await run([frame(0, [face(1, 200)])]);
    expect(one.tracks).toHaveLength(1);
    expect(one.tracks[0]).toMatchObject({
      status: 'insufficient-data',
      score: null,
      confidence: 0,
      reasonKey: 'reason.face-swap-too-few-frames',
    });
    // Faces below the usable size are never scored.
    const small = await run(Array.from({ length: 30 }, (_, i) => frame(i, [face(3, 200, 40)])));
    expect(small.tracks[0]).toMatchObject({ status: 'insufficient-data', score: null });
    expect(small.tracks[0]!.features).toMatchObject({ framesSeen: 30, framesUsable: 0, framesScored: 0 });
  });

  it('confidence grows with frames scored and face size', async () => {
    const few = await run(
      Array.from({ length: 6 }, (_, i) => frame(i, [face(1, 120, 96)])),
      { scoreEveryFrames: 1 },
    );
    const many = await run(
      Array.from({ length: 60 }, (_, i) => frame(i, [face(1, 120, 200)])),
      { scoreEveryFrames: 1 },
    );
    expect(few.tracks[0]!.confidence).toBeCloseTo((6 / 30) * (96 / 128), 6);
    expect(many.tracks[0]!.confidence).toBe(1);
  });

  it('the sliding window only holds the last windowSec of scored frames', async () => {
    // 3 s dark then 3 s bright: the last window is all bright, the track mixes both.
    const frames = Array.from({ length: 180 }, (_, i) => frame(i, [face(1, i < 90 ? 60 : 200)]));
    const { windows, tracks } = await run(frames, { scoreEveryFrames: 3, windowSec: 2, trimFraction: 0.1 });
    const last = windows[windows.length - 1]!;
    expect(last.score!).toBeCloseTo(expected(200), 4);
    expect(last.endSec - last.startSec).toBeCloseTo(2, 6);
    expect(tracks[0]!.score!).toBeLessThan(expected(200));
    expect(tracks[0]!.score!).toBeGreaterThan(expected(60));
  });

  it('refuses to start without its calibration or with one fitted for another model', async () => {
    const codeOf = async () => {
      try {
        await faceSwapSignal.create({ models: store }, { ...DEFAULT_FACE_SWAP_CONFIG });
      } catch (error) {
        return error instanceof CallSentinelError ? error.code : String(error);
      }
      return 'started';
    };
    rmSync(path.join(dir, 'face-swap.calibration.json'));
    expect(await codeOf()).toBe('E_MODEL_CALIBRATION');
    writeStandInModelsDir(dir, { calibration: { model: { name: 'face-swap', sha256: 'a'.repeat(64) } } });
    expect(await codeOf()).toBe('E_MODEL_CALIBRATION');
    // A calibration fitted with another trim fraction does not fit this aggregation.
    writeStandInModelsDir(dir);
    await expect(
      faceSwapSignal.create({ models: store }, { ...DEFAULT_FACE_SWAP_CONFIG, trimFraction: 0.2 }),
    ).rejects.toThrow(/trimFraction/);
  });
});
