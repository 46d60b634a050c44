// Decodes one media file once and runs one face tracker per region (whole frame, half, panel) on
// the sampled frames. A region's crops are buffered in memory until the file is done, because the
// primary face (most face seen over the whole item) is only known then.

import { median } from '../../core/stats.ts';
import {
  choosePrimaryTrack,
  contextCrop,
  createFaceTracker,
  type FaceConfig,
  type FaceTracker,
} from '../../face/index.ts';
import { applyAffine } from '../../face/geometry.ts';
import { isUsableFace } from '../../face/quality.ts';
import { readFrames, type MediaInfo } from '../../media/index.ts';
import type { ModelStore } from '../../runtime/index.ts';
import { extractRegion } from './frame-regions.ts';
import type { RegionPlan } from './layouts.ts';
import { analysisStride, evenlySpaced } from './select-samples.ts';
import type { ItemAnalysis, PartSample } from './types.ts';

/** Smallest face (frame pixels) whose crop is kept: below it the 224 px crop is mostly interpolation. */
export const MIN_CROP_FACE_PX = 48;

export interface AnalyseOptions {
  models: ModelStore;
  /** Frames per media second decoded (ffmpeg samples). */
  sampleFps: number;
  /** Crops kept per item at most, evenly spread. */
  maxPerItem: number;
  minFaceSizePx?: number;
  faceConfig?: Partial<FaceConfig>;
  signal?: AbortSignal;
}

/** A kept crop before it is written: the pixels plus the sample's fields. */
export interface BufferedCrop {
  sample: PartSample;
  /** 224×224 RGB24. */
  image: Uint8Array;
  /** 224×224, 255 = face. */
  mask: Uint8Array;
  /** The context crop (engine/face/alignment.ts), 224×224 RGB24. */
  context: Uint8Array;
  size: number;
}

export interface RegionResult {
  plan: RegionPlan;
  analysis: Omit<ItemAnalysis, 'samples'>;
  /** The primary face's crops, at most maxPerItem, in time order. */
  crops: BufferedCrop[];
}

interface RegionState {
  plan: RegionPlan;
  tracker: FaceTracker;
  crops: BufferedCrop[];
  usableFrames: Map<number, number>;
}

export async function analyseFile(
  path: string,
  regions: readonly RegionPlan[],
  options: AnalyseOptions,
): Promise<RegionResult[]> {
  const minFace = options.minFaceSizePx ?? MIN_CROP_FACE_PX;
  const states: RegionState[] = [];
  for (const plan of regions) {
    states.push({
      plan,
      tracker: await createFaceTracker(options.models, options.faceConfig),
      crops: [],
      usableFrames: new Map(),
    });
  }
  let info: MediaInfo | null = null;
  let stride = 1;
  const times: number[] = [];
  for await (const frame of readFrames(path, {
    sampleFps: options.sampleFps,
    signal: options.signal,
    onInfo: (i) => {
      info = i;
      stride = analysisStride(i, options.sampleFps, options.maxPerItem);
    },
  })) {
    if (frame.index % stride !== 0) continue;
    times.push(frame.timeSec);
    for (const state of states) {
      const image = extractRegion(frame, state.plan.geometry);
      const result = await state.tracker.process({ ...image, index: frame.index, timeSec: frame.timeSec });
      for (const face of result.faces) {
        if (isUsableFace(face.quality))
          state.usableFrames.set(face.trackId, (state.usableFrames.get(face.trackId) ?? 0) + 1);
        if (face.quality.faceSizePx < minFace) continue;
        const { frameToCrop } = face.aligned;
        const landmarks: number[] = new Array(2 * (face.landmarks.length / 3));
        for (let i = 0, j = 0; i < face.landmarks.length; i += 3, j += 2) {
          const [x, y] = applyAffine(frameToCrop, [face.landmarks[i]!, face.landmarks[i + 1]!]);
          landmarks[j] = round(x, 1);
          landmarks[j + 1] = round(y, 1);
        }
        state.crops.push({
          sample: {
            id: '',
            trackId: face.trackId,
            frameIndex: frame.index,
            timeSec: round(frame.timeSec, 3),
            crop: '',
            mask: '',
            context: '',
            landmarks,
            yawDeg: round(face.pose.yawDeg, 2),
            pitchDeg: round(face.pose.pitchDeg, 2),
            rollDeg: round(face.pose.rollDeg, 2),
            faceSizePx: round(face.quality.faceSizePx, 1),
            sharpness: round(face.quality.sharpness, 2),
            brightness: round(face.quality.brightness, 4),
          },
          image: face.aligned.image.data,
          mask: face.aligned.mask,
          context: contextCrop(image, face.aligned).data,
          size: face.aligned.image.width,
        });
      }
    }
  }
  if (times.length === 0) throw new Error(`no frames were decoded from ${path}`);
  const decoded = info as MediaInfo | null;

  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const intervalSec = gaps.length ? median(gaps) : 0;
  const isStill = decoded?.isStillImage ?? times.length === 1;
  const durationSec = isStill ? 0 : (decoded?.durationSec ?? times[times.length - 1]! + intervalSec);

  return states.map((state) => {
    const summaries = state.tracker.summaries();
    const primaryTrackId = choosePrimaryTrack(summaries);
    const primary = summaries.find((s) => s.trackId === primaryTrackId) ?? null;
    const own = state.crops.filter((c) => c.sample.trackId === primaryTrackId);
    return {
      plan: state.plan,
      analysis: {
        framesAnalyzed: times.length,
        durationSec: round(durationSec, 3),
        primaryTrackId,
        usableFaceSec:
          primaryTrackId === null ? 0 : round((state.usableFrames.get(primaryTrackId) ?? 0) * intervalSec, 3),
        medianFaceSizePx: primary ? round(primary.medianFaceSizePx, 1) : null,
      },
      crops: evenlySpaced(own, options.maxPerItem),
    };
  });
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
