// The presentation-attack signal on a stand-in model (score rises with crop brightness, see
// test/support/stand-in-face-swap.ts, written here under the name `presentation-attack`):
// frame selection, aggregation, calibration, reasons, bounds, and refusal of a foreign calibration.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallSentinelError } from '../../../engine/core/errors.ts';
import { sigmoid } from '../../../engine/fusion/calibration.ts';
import { ModelStore } from '../../../engine/runtime/index.ts';
import { createSignalRegistry } from '../../../engine/signals/index.ts';
import {
  DEFAULT_PRESENTATION_ATTACK_CONFIG,
  resolvePresentationAttackConfig,
} from '../../../engine/signals/presentation-attack/config.ts';
import { presentationAttackSignal } from '../../../engine/signals/presentation-attack/index.ts';
import type { FrameBundle } from '../../../engine/signals/types.ts';
import {
  frameWithFaces,
  uniformGreyFace,
  writeEmptyVendorDir,
  writeStandInModelsDir,
} from '../../support/stand-in-face-swap.ts';

const face = (trackId: number, grey: number, faceSizePx = 200) => uniformGreyFace(trackId, grey, faceSizePx);
const frame = frameWithFaces;

/** The stand-in model under the presentation-attack name (its calibration naming `signalId`). */
const writePadModelsDir = (dir: string, signalId = 'presentation-attack') =>
  writeStandInModelsDir(dir, { model: 'presentation-attack', signalId });

describe('presentation-attack signal', () => {
  let dir: string;
  let store: ModelStore;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cs-pad-'));
  });
  afterEach(async () => {
    await store?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = () => {
    store = new ModelStore({
      modelsDir: writeEmptyVendorDir(path.join(dir, 'vendor')),
      trainedModelsDir: dir,
      threads: 1,
    });
    return store;
  };

  it('is registered once, advisory, and its config rejects unknown keys and bad values', () => {
    const registry = createSignalRegistry();
    expect(registry.get('presentation-attack').role).toBe('advisory');
    expect(() => resolvePresentationAttackConfig({ bogus: 1 } as never)).toThrow(/unknown/);
    expect(() => resolvePresentationAttackConfig({ trimFraction: 0.5 })).toThrow(/trimFraction/);
    expect(() => resolvePresentationAttackConfig({ scoreEveryFrames: 0 })).toThrow(/scoreEveryFrames/);
  });

  it('scores every k-th usable frame, calibrated and bounded, with the reason set by the 5 % point', async () => {
    writePadModelsDir(dir);
    const instance = await presentationAttackSignal.create(
      { models: open() },
      { ...DEFAULT_PRESENTATION_ATTACK_CONFIG },
    );
    const windows = [];
    for (let i = 0; i < 30; i++)
      windows.push(...(await instance.update(frame(i, [face(1, 210), face(2, 50)]))));
    const tracks = await instance.flush();
    await instance.dispose();
    const bright = tracks.find((o) => o.trackId === 1)!;
    const dark = tracks.find((o) => o.trackId === 2)!;
    expect(bright.features?.framesScored).toBe(10); // 30 usable frames, every 3rd
    expect(bright.score!).toBeCloseTo(sigmoid(8 * (210 / 255 - 0.5)), 4);
    expect(dark.score!).toBeCloseTo(sigmoid(8 * (50 / 255 - 0.5)), 4);
    for (const o of [...tracks, ...windows]) {
      if (o.score !== null) {
        expect(o.score).toBeGreaterThanOrEqual(0);
        expect(o.score).toBeLessThanOrEqual(1);
      }
      expect(o.confidence).toBeGreaterThanOrEqual(0);
      expect(o.confidence).toBeLessThanOrEqual(1);
    }
    expect(bright.reasonKey).toBe('reason.presentation-attack-recapture');
    expect(dark.reasonKey).toBe('reason.presentation-attack-live');
    expect(bright.confidence).toBeCloseTo(10 / 20, 6); // 10 of 20 frames, faces ≥ 160 px
    expect(
      windows
        .filter((o) => o.trackId === 1)
        .slice(0, 4)
        .every((o) => o.status === 'insufficient-data'),
    ).toBe(true);
  });

  it('scores the context crop (the scene around the face) when the manifest says the model was trained on it', async () => {
    writeStandInModelsDir(dir, { model: 'presentation-attack', crop: 'context' });
    const instance = await presentationAttackSignal.create(
      { models: open() },
      { ...DEFAULT_PRESENTATION_ATTACK_CONFIG, scoreEveryFrames: 1 },
    );
    // A dark aligned crop in a bright frame: the aligned crop would score dark, the context crop
    // (frame pixels around the face: the crop is the frame's 224 px square at (200, 130), so its
    // 2× context, 448 px, lies inside the frame) scores bright.
    const bright: FrameBundle = { ...frame(0, []), data: new Uint8Array(640 * 480 * 3).fill(240) };
    const dark = face(1, 50);
    const inFrame = { ...dark, aligned: { ...dark.aligned, frameToCrop: [1, 0, -200, 0, 1, -130] as const } };
    for (let i = 0; i < 5; i++)
      await instance.update({ ...bright, frameIndex: i, timeSec: i / 30, faces: [inFrame] });
    const [track] = await instance.flush();
    await instance.dispose();
    expect(track!.score!).toBeCloseTo(sigmoid(8 * (240 / 255 - 0.5)), 3);
  });

  it('gives insufficient-data for a single frame and refuses a calibration made for another signal', async () => {
    writePadModelsDir(dir);
    const instance = await presentationAttackSignal.create(
      { models: open() },
      { ...DEFAULT_PRESENTATION_ATTACK_CONFIG },
    );
    await instance.update(frame(0, [face(1, 200)]));
    expect((await instance.flush())[0]).toMatchObject({
      status: 'insufficient-data',
      score: null,
      reasonKey: 'reason.presentation-attack-too-few-frames',
    });
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
    writePadModelsDir(dir, 'face-swap');
    await expect(
      presentationAttackSignal.create({ models: open() }, { ...DEFAULT_PRESENTATION_ATTACK_CONFIG }),
    ).rejects.toBeInstanceOf(CallSentinelError);
  });
});
