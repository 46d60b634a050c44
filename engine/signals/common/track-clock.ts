// What every windowed advisory signal (blink, jitter, boundary-flicker, mouth-texture, neck-colour) keeps per face track
// besides its own measurements: when the track began, when it last gave a window observation,
// and how big the face was on the frames it measured (its confidence grows with face size).

import type { SignalObservation } from '../types.ts';
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

/**
 * What every windowed advisory signal instance shares: its tracks (made on first sight, dropped
 * when the tracker ends one) and the observation it gives while it cannot judge yet.
 */
export abstract class TrackedSignalInstance<T extends TrackClock> {
  protected readonly tracks = new Map<number, T>();

  /** The track of `trackId`, made by `create` the first time it is seen. */
  protected trackFor(trackId: number, create: () => T): T {
    let track = this.tracks.get(trackId);
    if (track === undefined) {
      track = create();
      this.tracks.set(trackId, track);
    }
    return track;
  }

  reset(trackId: number): void {
    this.tracks.delete(trackId);
  }

  async dispose(): Promise<void> {
    this.tracks.clear();
  }
}

/** An observation that cannot judge yet: no score, no confidence, and why. */
export function notJudged(
  base: Pick<SignalObservation, 'signalId' | 'trackId' | 'startSec' | 'endSec'>,
  reasonKey: string,
): SignalObservation {
  return { ...base, score: null, confidence: 0, status: 'insufficient-data', reasonKey };
}
