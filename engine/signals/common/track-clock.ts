// What every windowed advisory signal (blink, jitter, boundary-flicker) keeps per face track
// besides its own measurements: when the track began, when it last gave a window observation,
// and how big the face was on the frames it measured (its confidence grows with face size).

import { clamp01 } from './config.ts';

export class TrackClock {
  private lastWindowSec = Number.NEGATIVE_INFINITY;
  private sizeFactorSum = 0;
  private sizeFactorCount = 0;

  constructor(
    readonly trackId: number,
    readonly firstSec: number,
  ) {}

  /** True — and remembered — when `hopSec` has passed since the last window observation. */
  windowDue(timeSec: number, hopSec: number): boolean {
    if (timeSec - this.lastWindowSec < hopSec - 1e-9) return false;
    this.lastWindowSec = timeSec;
    return true;
  }

  /** Time of the last window observation (−∞ before the first). */
  get lastWindowAtSec(): number {
    return this.lastWindowSec;
  }

  /** A measured frame's face size, as a share of the size that earns full confidence. */
  addFaceSize(faceSizePx: number, fullConfidenceFacePx: number): void {
    this.sizeFactorSum += clamp01(faceSizePx / fullConfidenceFacePx);
    this.sizeFactorCount++;
  }

  /** Mean size factor over the measured frames (0 before any). */
  get sizeFactor(): number {
    return this.sizeFactorCount ? this.sizeFactorSum / this.sizeFactorCount : 0;
  }
}

/** The track of `trackId` in `tracks`, made by `create` the first time it is seen. */
export function trackFor<T>(tracks: Map<number, T>, trackId: number, create: () => T): T {
  let track = tracks.get(trackId);
  if (track === undefined) {
    track = create();
    tracks.set(trackId, track);
  }
  return track;
}
