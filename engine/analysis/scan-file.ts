// Analyses one recording end to end: frames from ffmpeg → faces → signals → verdict, and
// assembles the scan result. The CLI, the evaluation and the app all call this one function.

import { sha256File } from '../core/hash.ts';
import { formatMessage, type Lang, type MessageKey } from '../core/messages.ts';
import { median } from '../core/stats.ts';
import { choosePrimaryTrack, createFaceTracker, type FaceConfig, type FrameFaces } from '../face/index.ts';
import { isUsableFace } from '../face/quality.ts';
import { decideVerdict, type VerdictReason } from '../fusion/verdict.ts';
import { probeMedia, readFrames, resolveFfmpeg } from '../media/index.ts';
import type { ModelStore } from '../runtime/index.ts';
import type { ScanFace, ScanResult, ScanTimelineEntry } from './scan-result.ts';
import { SCAN_RESULT_SCHEMA_VERSION } from './scan-result.ts';

export interface ScanProgress {
  frames: number;
  timeSec: number;
  durationSec: number | null;
}

export interface ScanOptions {
  models: ModelStore;
  maxSeconds?: number;
  /** Analyse at most this many frames per media second (default: every frame). */
  sampleFps?: number;
  lang?: Lang;
  faceConfig?: Partial<FaceConfig>;
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  /** Called with each analysed frame's faces (the benchmark and tests look inside). */
  onFrame?: (faces: FrameFaces) => void;
}

interface TrackTally {
  usableFrames: number;
}

export async function scanFile(path: string, options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const lang = options.lang ?? 'en';
  const ffmpeg = resolveFfmpeg();
  const info = await probeMedia(path);
  const hashing = sha256File(path);
  const tracker = await createFaceTracker(options.models, options.faceConfig);

  const tallies = new Map<number, TrackTally>();
  const facesPerSecond = new Map<number, number>();
  const frameTimes: number[] = [];
  let framesAnalyzed = 0;
  for await (const frame of readFrames(path, {
    maxSeconds: options.maxSeconds,
    sampleFps: options.sampleFps,
    signal: options.signal,
  })) {
    const result = await tracker.process(frame);
    framesAnalyzed++;
    frameTimes.push(frame.timeSec);
    const second = Math.floor(frame.timeSec);
    facesPerSecond.set(second, Math.max(facesPerSecond.get(second) ?? 0, result.faces.length));
    for (const face of result.faces) {
      const tally = tallies.get(face.trackId) ?? { usableFrames: 0 };
      if (isUsableFace(face.quality)) tally.usableFrames++;
      tallies.set(face.trackId, tally);
    }
    options.onFrame?.(result);
    options.onProgress?.({ frames: framesAnalyzed, timeSec: frame.timeSec, durationSec: info.durationSec });
  }
  if (framesAnalyzed === 0) throw new Error(`no frames were decoded from ${path}`);

  const summaries = tracker.summaries();
  const primaryTrackId = choosePrimaryTrack(summaries);
  const primary = summaries.find((s) => s.trackId === primaryTrackId) ?? null;
  const frameIntervalSec = estimateFrameInterval(frameTimes);
  const verdict = decideVerdict({
    primary: primary && {
      trackId: primary.trackId,
      medianFaceSizePx: primary.medianFaceSizePx,
      usableFaceSec: (tallies.get(primary.trackId)?.usableFrames ?? 0) * frameIntervalSec,
    },
    isStillImage: info.isStillImage,
    observations: [],
  });

  const lastTime = frameTimes[frameTimes.length - 1] ?? 0;
  const durationSec = info.isStillImage ? 0 : Math.max(lastTime + frameIntervalSec, 0);
  const faces: ScanFace[] = summaries.map((s) => ({
    id: s.trackId,
    primary: s.trackId === primaryTrackId,
    firstSec: round(s.firstSec, 3),
    lastSec: round(s.lastSec, 3),
    frames: s.frames,
    medianFaceSizePx: round(s.medianFaceSizePx, 1),
    yawMinDeg: round(s.yawMinDeg, 1),
    yawMaxDeg: round(s.yawMaxDeg, 1),
  }));
  const timeline: ScanTimelineEntry[] = [];
  for (let t = 0; t <= Math.floor(lastTime); t++)
    timeline.push({ t, score: null, faces: facesPerSecond.get(t) ?? 0 });

  const sha256 = await hashing;
  const wallSec = (performance.now() - started) / 1000;
  return {
    schemaVersion: SCAN_RESULT_SCHEMA_VERSION,
    file: path,
    sha256,
    durationSec: round(durationSec, 3),
    framesAnalyzed,
    analysisFps: round(framesAnalyzed / wallSec, 2),
    verdict: verdict.verdict,
    score: verdict.score,
    confidence: verdict.confidence,
    primaryTrackId,
    reasons: verdict.reasons.map((r) => localizeReason(r, lang)),
    signals: {},
    faces,
    timeline,
    media: {
      width: info.width,
      height: info.height,
      fpsHz: info.fpsHz,
      isStillImage: info.isStillImage,
      sampleFps: options.sampleFps ?? null,
    },
    ffmpeg: { path: ffmpeg.path, source: ffmpeg.source },
  };
}

function localizeReason(reason: VerdictReason, lang: Lang): { code: string; message: string } {
  return { code: reason.key, message: formatMessage(reason.key as MessageKey, reason.params, lang) };
}

/** Typical spacing of analysed frames (robust to variable frame rate); 0 for a single frame. */
function estimateFrameInterval(times: readonly number[]): number {
  if (times.length < 2) return 0;
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
  return median(gaps);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
