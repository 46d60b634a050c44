// Follows faces through a stream of frames with stable track ids: the detector runs every
// `redetectEveryFrames` frames (and whenever a track is lost or none exists); in between each
// track follows its own mesh, whose landmarks give the next frame's region of interest.
// A frame runs at most one detector pass (the whole frame, or one tile for small faces in large
// frames; see DetectorSchedule), so the cost per frame stays flat.

import { alignFace, type AlignedFace } from './alignment.ts';
import type { FaceConfig } from './config.ts';
import type { FaceDetection, FaceDetector } from './face-detector.ts';
import { roiFromLandmarks, type FaceMesh, type FaceRoi } from './face-mesh.ts';
import { boundingBox, intersectionOverUnion, type BoxPx } from './geometry.ts';
import { headPose, type HeadPose } from './head-pose.ts';
import type { RgbImage } from './image-warp.ts';
import { measureQuality, type FaceQuality } from './quality.ts';
import { TrackHistory, type TrackSummary } from './track-history.ts';

export interface TrackedFace {
  trackId: number;
  /** Bounding box of the mesh landmarks, in frame pixels. */
  boxPx: BoxPx;
  /** 468 × (x, y, z) in frame pixels. */
  landmarks: Float32Array;
  presence: number;
  /** BlazeFace score when the detector saw this face in this frame, else null. */
  detectorScore: number | null;
  pose: HeadPose;
  aligned: AlignedFace;
  quality: FaceQuality;
}

export interface StageTimingsMs {
  detect: number;
  mesh: number;
  crop: number;
}

export interface FrameFaces {
  frameIndex: number;
  timeSec: number;
  faces: TrackedFace[];
  detectorRan: boolean;
  timingsMs: StageTimingsMs;
}

export interface TrackerFrame extends RgbImage {
  index: number;
  timeSec: number;
}

interface ActiveTrack {
  id: number;
  roi: FaceRoi;
  boxPx: BoxPx;
  missedFrames: number;
}

export class FaceTracker {
  private readonly tracks: ActiveTrack[] = [];
  private readonly history = new TrackHistory();
  private nextTrackId = 1;
  private readonly schedule = new DetectorSchedule();

  constructor(
    private readonly detector: FaceDetector,
    private readonly mesh: FaceMesh,
    private readonly config: FaceConfig,
  ) {}

  async process(frame: TrackerFrame): Promise<FrameFaces> {
    const timings: StageTimingsMs = { detect: 0, mesh: 0, crop: 0 };
    const meshed = new Map<
      ActiveTrack,
      { landmarks: Float32Array; presence: number; detectorScore: number | null }
    >();

    // 1. Every live track follows its own mesh.
    for (const track of this.tracks) {
      const t0 = performance.now();
      const result = await this.mesh.run(frame, track.roi);
      timings.mesh += performance.now() - t0;
      if (result.presence >= this.config.meshMinPresence)
        meshed.set(track, { ...result, detectorScore: null });
    }

    // 2. The detector: periodically, when a track was lost, or while no face is tracked.
    const searching = this.tracks.length === 0 || this.tracks.some((t) => !meshed.has(t));
    const pass = this.schedule.next(
      this.detector.passCount(frame.width, frame.height),
      searching,
      this.config,
    );
    const detectorRan = pass !== null;
    if (pass !== null) {
      const t0 = performance.now();
      const detections = await this.detector.detect(frame, pass === 'all' ? undefined : pass);
      timings.detect += performance.now() - t0;
      await this.assignDetections(frame, detections, meshed, timings);
    }

    // 3. Update or age every track, build the per-face results.
    const faces: TrackedFace[] = [];
    for (const track of [...this.tracks]) {
      const result = meshed.get(track);
      if (!result) {
        track.missedFrames++;
        if (track.missedFrames > this.config.trackMaxMissedFrames)
          this.tracks.splice(this.tracks.indexOf(track), 1);
        continue;
      }
      track.missedFrames = 0;
      track.roi = roiFromLandmarks(result.landmarks, this.config.meshRoiScale);
      track.boxPx = boundingBox(result.landmarks, 3);
      const t0 = performance.now();
      const aligned = alignFace(frame, result.landmarks, this.config);
      const faceSizePx = Math.max(track.boxPx.width, track.boxPx.height);
      const quality = measureQuality(aligned, faceSizePx);
      timings.crop += performance.now() - t0;
      const pose = headPose(result.landmarks);
      this.history.record(track.id, frame.timeSec, faceSizePx, pose.yawDeg);
      faces.push({
        trackId: track.id,
        boxPx: track.boxPx,
        landmarks: result.landmarks,
        presence: result.presence,
        detectorScore: result.detectorScore,
        pose,
        aligned,
        quality,
      });
    }
    this.dropDuplicateTracks();
    return { frameIndex: frame.index, timeSec: frame.timeSec, faces, detectorRan, timingsMs: timings };
  }

  /** Per-track statistics over everything processed so far. */
  summaries(): TrackSummary[] {
    return this.history.summaries();
  }

  /**
   * The picture under the tracks moved: the app sends a face-centred crop of the call window that
   * re-centres (and may rescale) when the face moves. A point at `p` in the previous frames lies at
   * `offset + p * scale` in the next ones; moving every live track there keeps tracking and track
   * ids across the jump instead of losing the face and detecting it again.
   */
  reframe(offset: { x: number; y: number }, scale: number): void {
    for (const track of this.tracks) {
      track.roi = {
        center: [offset.x + track.roi.center[0] * scale, offset.y + track.roi.center[1] * scale],
        sizePx: track.roi.sizePx * scale,
        angleRad: track.roi.angleRad,
      };
      const b = track.boxPx;
      track.boxPx = {
        x: offset.x + b.x * scale,
        y: offset.y + b.y * scale,
        width: b.width * scale,
        height: b.height * scale,
      };
    }
  }

  /** Forget all tracks (e.g. when the capture source changes). Track ids keep counting up. */
  reset(): void {
    this.tracks.length = 0;
    this.schedule.reset();
  }

  private async assignDetections(
    frame: RgbImage,
    detections: FaceDetection[],
    meshed: Map<ActiveTrack, { landmarks: Float32Array; presence: number; detectorScore: number | null }>,
    timings: StageTimingsMs,
  ): Promise<void> {
    const unclaimed = [...detections];
    // Greedy matching, best overlap first; a matched detection refreshes its track.
    const pairs = this.tracks
      .flatMap((track) =>
        unclaimed.map((d) => ({ track, d, iou: intersectionOverUnion(track.boxPx, d.boxPx) })),
      )
      .filter((p) => p.iou >= this.config.trackMatchIou)
      .sort((a, b) => b.iou - a.iou);
    const matchedTracks = new Set<ActiveTrack>();
    for (const { track, d } of pairs) {
      if (matchedTracks.has(track) || !unclaimed.includes(d)) continue;
      matchedTracks.add(track);
      unclaimed.splice(unclaimed.indexOf(d), 1);
      const current = meshed.get(track);
      if (current) {
        current.detectorScore = d.score;
        continue;
      }
      // The track's own ROI lost the face; start again from the detection.
      const result = await this.meshFromDetection(frame, d, timings);
      if (result) meshed.set(track, result);
    }
    for (const d of unclaimed) {
      if (this.tracks.length >= this.config.maxFaces) break;
      // A detection over a face that is already tracked (boxes overlap) is not a new face.
      if (this.tracks.some((t) => meshed.has(t) && intersectionOverUnion(t.boxPx, d.boxPx) > 0.1)) continue;
      const result = await this.meshFromDetection(frame, d, timings);
      if (!result) continue;
      const track: ActiveTrack = {
        id: this.nextTrackId++,
        roi: roiFromDetection(d, this.config.meshRoiScale),
        boxPx: boundingBox(result.landmarks, 3),
        missedFrames: 0,
      };
      this.tracks.push(track);
      meshed.set(track, result);
    }
  }

  private async meshFromDetection(frame: RgbImage, d: FaceDetection, timings: StageTimingsMs) {
    const t0 = performance.now();
    const result = await this.mesh.run(frame, roiFromDetection(d, this.config.meshRoiScale));
    timings.mesh += performance.now() - t0;
    return result.presence >= this.config.meshMinPresence ? { ...result, detectorScore: d.score } : null;
  }

  /** Two tracks that have converged on one face: keep the older id. */
  private dropDuplicateTracks(): void {
    for (let i = this.tracks.length - 1; i >= 0; i--) {
      const newer = this.tracks[i]!;
      const older = this.tracks.slice(0, i).find((t) => intersectionOverUnion(t.boxPx, newer.boxPx) > 0.5);
      if (older) this.tracks.splice(i, 1);
    }
  }
}

/** Mesh ROI from a detection: square around the box, rotated so the eye keypoints are level. */
export function roiFromDetection(d: FaceDetection, scale: number): FaceRoi {
  const [rightEye, leftEye] = d.keypointsPx;
  const angle = rightEye && leftEye ? Math.atan2(leftEye[1] - rightEye[1], leftEye[0] - rightEye[0]) : 0;
  return {
    center: [d.boxPx.x + d.boxPx.width / 2, d.boxPx.y + d.boxPx.height / 2],
    sizePx: Math.max(d.boxPx.width, d.boxPx.height) * scale,
    angleRad: angle,
  };
}

/**
 * Which detector pass (0 = whole frame, 1.. = tiles) a frame runs, if any. The first frame runs
 * them all, so faces present from the start are found at once, whatever their size. While a face is
 * missing or none is tracked, every frame runs the next pass in turn. Otherwise the whole frame
 * is searched every `redetectEveryFrames` frames and the tiles, which only matter for small new
 * faces, are spread so that all of them are searched every `tileScanEveryFrames` frames.
 */
export class DetectorSchedule {
  private searchCursor = 0;
  private tileCursor = 0;
  private framesSinceWhole = Infinity;
  private framesSinceTile = Infinity;
  private started = false;

  next(passCount: number, searching: boolean, config: FaceConfig): number | 'all' | null {
    this.framesSinceWhole++;
    this.framesSinceTile++;
    if (!this.started) {
      this.started = true;
      this.framesSinceWhole = 0;
      this.framesSinceTile = 0;
      return 'all';
    }
    if (searching) {
      const pass = this.searchCursor % passCount;
      this.searchCursor = pass + 1;
      return this.ran(pass);
    }
    if (this.framesSinceWhole >= config.redetectEveryFrames) return this.ran(0);
    const tiles = passCount - 1;
    if (tiles > 0 && this.framesSinceTile >= Math.max(1, Math.floor(config.tileScanEveryFrames / tiles))) {
      const pass = 1 + (this.tileCursor % tiles);
      this.tileCursor++;
      return this.ran(pass);
    }
    return null;
  }

  reset(): void {
    this.searchCursor = 0;
    this.tileCursor = 0;
    this.framesSinceWhole = Infinity;
    this.framesSinceTile = Infinity;
    this.started = false;
  }

  private ran(pass: number): number {
    if (pass === 0) this.framesSinceWhole = 0;
    else this.framesSinceTile = 0;
    return pass;
  }
}
