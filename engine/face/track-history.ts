// What was seen of each track over a whole session: when, how often, how big, which way it
// turned. Feeds `faces[]` of the scan result and the choice of the primary face.

import { median, percentile } from '../core/stats.ts';

export interface TrackSummary {
  trackId: number;
  firstSec: number;
  lastSec: number;
  frames: number;
  medianFaceSizePx: number;
  yawMinDeg: number;
  yawMaxDeg: number;
}

interface TrackRecord {
  firstSec: number;
  lastSec: number;
  sizes: number[];
  yaws: number[];
}

/** Yaw range ends are taken at these percentiles, so one bad mesh frame does not set them. */
const YAW_RANGE_PERCENTILES = [0.02, 0.98] as const;

export class TrackHistory {
  private readonly records = new Map<number, TrackRecord>();

  record(trackId: number, timeSec: number, faceSizePx: number, yawDeg: number): void {
    const r = this.records.get(trackId);
    if (!r) {
      this.records.set(trackId, { firstSec: timeSec, lastSec: timeSec, sizes: [faceSizePx], yaws: [yawDeg] });
      return;
    }
    r.lastSec = timeSec;
    r.sizes.push(faceSizePx);
    r.yaws.push(yawDeg);
  }

  summaries(): TrackSummary[] {
    return [...this.records].map(([trackId, r]) => ({
      trackId,
      firstSec: r.firstSec,
      lastSec: r.lastSec,
      frames: r.sizes.length,
      medianFaceSizePx: median(r.sizes),
      yawMinDeg: percentile(r.yaws, YAW_RANGE_PERCENTILES[0]),
      yawMaxDeg: percentile(r.yaws, YAW_RANGE_PERCENTILES[1]),
    }));
  }
}

/**
 * The face the verdict is about: the track with the most face seen, i.e. size times the number
 * of frames, so a call window's small self-view or a passer-by does not become the subject.
 */
export function choosePrimaryTrack(summaries: readonly TrackSummary[]): number | null {
  let best: TrackSummary | null = null;
  for (const s of summaries) {
    if (!best || s.medianFaceSizePx * s.frames > best.medianFaceSizePx * best.frames) best = s;
  }
  return best ? best.trackId : null;
}
