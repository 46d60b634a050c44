// The trained face-swap model on real media: a DeepFaceLive side-by-side clip from the shared data
// (left half the streamer's own face, right half the live swap of it). Each half goes through its
// own face tracker and face-swap signal, exactly as in a scan (no re-encoding); the swap half must
// score higher on average than the genuine half. The final model trained on every fold, so this
// is a check of the whole path (decode, alignment, resize, model, aggregation) on real swaps, not
// a held-out measurement — those are in the README (callsentinel eval).

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractRegion, regionColumns } from '../../../engine/eval/dataset/frame-regions.ts';
import { choosePrimaryTrack, createFaceTracker } from '../../../engine/face/index.ts';
import { readFrames } from '../../../engine/media/index.ts';
import { faceSwapSignal } from '../../../engine/signals/face-swap/index.ts';
import { DEFAULT_FACE_SWAP_CONFIG } from '../../../engine/signals/face-swap/config.ts';
import type { SignalObservation } from '../../../engine/signals/types.ts';
import { useModelStore } from '../../support/model-store.ts';
import { sharedDataDir } from '../../support/shared-data.ts';

const dataDir = sharedDataDir('face-swap model on a DeepFaceLive clip');

/** Manifest layout side_by_side:left=genuine,right=swap. */
const CLIP = 'DeepFaceLive__doc_celebs_Bryan_Greynolds_Bryan_Greynolds_0.mp4';
const HALVES = { genuine: { xFrom: 0, xTo: 0.5 }, swap: { xFrom: 0.5, xTo: 1 } } as const;

describe.skipIf(!dataDir)('face-swap on a DeepFaceLive side-by-side clip', () => {
  const models = useModelStore();

  async function scoreHalf(geometry: { xFrom: number; xTo: number }): Promise<SignalObservation> {
    const tracker = await createFaceTracker(models());
    const signal = await faceSwapSignal.create({ models: models() }, { ...DEFAULT_FACE_SWAP_CONFIG });
    for await (const frame of readFrames(path.join(dataDir!, 'media', CLIP))) {
      const region = extractRegion(frame, { ...geometry, greyRects: [] });
      const { x0, x1 } = regionColumns({ ...geometry, greyRects: [] }, frame.width);
      expect(region.width).toBe(x1 - x0);
      const result = await tracker.process({ ...region, index: frame.index, timeSec: frame.timeSec });
      await signal.update({
        frameIndex: frame.index,
        timeSec: frame.timeSec,
        ...region,
        faces: result.faces,
      });
    }
    const primary = choosePrimaryTrack(tracker.summaries());
    const observation = (await signal.flush()).find((o) => o.trackId === primary);
    await signal.dispose();
    expect(observation?.status).toBe('ok');
    return observation!;
  }

  it(`${CLIP}: the swap half scores higher than the genuine half`, async () => {
    const genuine = await scoreHalf(HALVES.genuine);
    const swap = await scoreHalf(HALVES.swap);
    console.info(
      `${CLIP}: genuine half raw ${genuine.features!.rawScore!.toFixed(2)} (p ${genuine.score!.toFixed(3)}, ` +
        `${genuine.features!.framesScored} frames), swap half raw ${swap.features!.rawScore!.toFixed(2)} ` +
        `(p ${swap.score!.toFixed(3)}, ${swap.features!.framesScored} frames)`,
    );
    expect(swap.features!.rawScore!).toBeGreaterThan(genuine.features!.rawScore!);
    expect(swap.score!).toBeGreaterThan(genuine.score!);
  });
});
