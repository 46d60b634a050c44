// The boundary-flicker signal's core, pure: a sequence of per-frame band lumas (band-luma.ts) of
// a still head → how much the seam between the inner and the outer band changes from frame to
// frame, relative to how much the face's interior skin does.
//
//   seamFlicker     = RMS over frame pairs of Δ(inner − outer)   (grey levels)
//   interiorFlicker = RMS over frame pairs of Δ interior
//   seamRatio       = seamFlicker / max(interiorFlicker, noise floor)
//
// Lighting changes, camera gain and compression move all zones together and cancel in the seam
// term; a pasted face whose colour match or blend mask changes every frame does not.

import type { BandLuma } from './band-luma.ts';

/** Sums of squared frame-to-frame changes over the pairs seen so far. */
export interface FlickerSums {
  pairs: number;
  inner: number;
  outer: number;
  interior: number;
  seam: number;
}

export function emptyFlickerSums(): FlickerSums {
  return { pairs: 0, inner: 0, outer: 0, interior: 0, seam: 0 };
}

/** Add the change from frame `a` to frame `b` (both with finite zone means). */
export function addFlickerPair(sums: FlickerSums, a: BandLuma, b: BandLuma): void {
  const dIn = b.inner - a.inner;
  const dOut = b.outer - a.outer;
  const dInt = b.interior - a.interior;
  sums.pairs++;
  sums.inner += dIn * dIn;
  sums.outer += dOut * dOut;
  sums.interior += dInt * dInt;
  sums.seam += (dIn - dOut) * (dIn - dOut);
}

export interface FlickerStats {
  pairs: number;
  /** RMS frame-to-frame change of each zone's mean luma, grey levels. */
  innerFlicker: number;
  outerFlicker: number;
  interiorFlicker: number;
  seamFlicker: number;
  /** seamFlicker / max(interiorFlicker, noiseFloorLevels). */
  seamRatio: number;
}

export function flickerStats(sums: FlickerSums, noiseFloorLevels: number): FlickerStats {
  const rms = (v: number) => (sums.pairs ? Math.sqrt(v / sums.pairs) : Number.NaN);
  const interiorFlicker = rms(sums.interior);
  const seamFlicker = rms(sums.seam);
  return {
    pairs: sums.pairs,
    innerFlicker: rms(sums.inner),
    outerFlicker: rms(sums.outer),
    interiorFlicker,
    seamFlicker,
    seamRatio: seamFlicker / Math.max(interiorFlicker, noiseFloorLevels),
  };
}

/** The stats of a whole sequence: consecutive frames form a pair when both are given and close in time. */
export function sequenceFlicker(
  frames: ReadonlyArray<{ timeSec: number; luma: BandLuma | null }>,
  maxGapSec: number,
  noiseFloorLevels: number,
): FlickerStats {
  const sums = emptyFlickerSums();
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1]!;
    const b = frames[i]!;
    if (a.luma && b.luma && b.timeSec - a.timeSec <= maxGapSec) addFlickerPair(sums, a.luma, b.luma);
  }
  return flickerStats(sums, noiseFloorLevels);
}
