// The blink signal's core, a pure function: a sequence of eye aspect ratios of both eyes (with
// real frame times) → blink events with their timing, duration, shape and left/right symmetry.
// EAR after Soukupová & Čech, "Real-Time Eye Blink Detection using Facial Landmarks", CVWW 2016
// (eye-aspect-ratio.ts). Instead of the paper's fixed EAR threshold, each frame's closure is
// measured against the open-eye level around it (an upper quantile of EAR within ±1 s), because
// the mesh's EAR drifts with head pitch and expression more than a blink moves it.

export interface EyeSample {
  timeSec: number;
  /** EAR of the subject's right and left eye; NaN when the eyes could not be measured. */
  right: number;
  left: number;
}

export interface BlinkDetectOptions {
  /** The open-eye level at a frame is taken from the frames within ± this many seconds. */
  referenceHalfWindowSec: number;
  /** … as this quantile of their EAR (blinks fill a small share of any 2 s, so this is "open"). */
  referenceQuantile: number;
  /** Relative closure (1 − EAR / open level) an event must reach at its deepest frame. */
  minDepth: number;
  /** An event lasts while the relative closure stays above this. */
  edgeDepth: number;
  /** Frames further apart than this (seconds) break an event. */
  maxGapSec: number;
  /** Events shorter than this at half depth are too fast for an eyelid (a one-frame flicker), seconds. */
  minBlinkSec: number;
  /** Events longer than this at half depth are eye closures, not blinks, seconds. */
  maxBlinkSec: number;
  /** |right − left depth| / deeper one above which an event is one-eyed. */
  maxAsymmetry: number;
}

export type BlinkKind = 'blink' | 'one-eyed' | 'too-fast' | 'long-closure';

export interface BlinkEvent {
  kind: BlinkKind;
  /** First and last frame time of the event (closure above `edgeDepth`). */
  startSec: number;
  endSec: number;
  /** Time of the deepest closure. */
  peakSec: number;
  /** Full width at half the peak closure, seconds (interpolated between frames). */
  durationSec: number;
  /** From half closure to the peak, and from the peak back to half closure, seconds. */
  closingSec: number;
  openingSec: number;
  /** Peak relative closure of both eyes together, and of each eye, 0..1. */
  depth: number;
  rightDepth: number;
  leftDepth: number;
  /** |rightDepth − leftDepth| / max(rightDepth, leftDepth). */
  asymmetry: number;
}

/** Plausible blinks and eye closures are natural; one-eyed and too-fast events are not. */
export function isImplausible(kind: BlinkKind): boolean {
  return kind === 'one-eyed' || kind === 'too-fast';
}

/**
 * Find the closure events in `samples` (time order). An event is reported only when the eyes
 * are seen open again on both sides of it, so one still closing at the end is left for later.
 */
export function detectBlinks(samples: readonly EyeSample[], o: BlinkDetectOptions): BlinkEvent[] {
  const n = samples.length;
  const times = samples.map((s) => s.timeSec);
  const both = samples.map((s) => (s.right + s.left) / 2);
  const closure = relativeClosure(times, both, o);
  const closureRight = relativeClosure(
    times,
    samples.map((s) => s.right),
    o,
  );
  const closureLeft = relativeClosure(
    times,
    samples.map((s) => s.left),
    o,
  );
  const events: BlinkEvent[] = [];
  let i = 1;
  while (i < n) {
    if (
      !(closure[i]! > o.edgeDepth) ||
      !(closure[i - 1]! <= o.edgeDepth) ||
      times[i]! - times[i - 1]! > o.maxGapSec
    ) {
      i++;
      continue;
    }
    // A run of closed-ish frames starts at i (its predecessor is open and close in time).
    let end = i;
    let broken = false;
    while (end + 1 < n && closure[end + 1]! > o.edgeDepth) {
      if (times[end + 1]! - times[end]! > o.maxGapSec || Number.isNaN(closure[end + 1]!)) {
        broken = true;
        break;
      }
      end++;
    }
    const after = end + 1;
    if (
      broken ||
      after >= n ||
      !(closure[after]! <= o.edgeDepth) ||
      times[after]! - times[end]! > o.maxGapSec
    ) {
      i = after + 1;
      continue;
    }
    let peak = i;
    for (let k = i; k <= end; k++) if (closure[k]! > closure[peak]!) peak = k;
    const depth = closure[peak]!;
    if (depth >= o.minDepth) {
      const half = depth / 2;
      let a = peak;
      while (closure[a - 1]! >= half) a--;
      let b = peak;
      while (closure[b + 1]! >= half) b++;
      // a − 1 and b + 1 exist: the run is bounded by open frames (closure ≤ edgeDepth < half).
      const tHalfStart = crossing(times[a - 1]!, closure[a - 1]!, times[a]!, closure[a]!, half);
      const tHalfEnd = crossing(times[b]!, closure[b]!, times[b + 1]!, closure[b + 1]!, half);
      let rightDepth = 0;
      let leftDepth = 0;
      for (let k = i; k <= end; k++) {
        if (closureRight[k]! > rightDepth) rightDepth = closureRight[k]!;
        if (closureLeft[k]! > leftDepth) leftDepth = closureLeft[k]!;
      }
      const deeper = Math.max(rightDepth, leftDepth);
      const asymmetry = deeper > 0 ? Math.abs(rightDepth - leftDepth) / deeper : 0;
      const durationSec = tHalfEnd - tHalfStart;
      const kind: BlinkKind =
        durationSec > o.maxBlinkSec
          ? 'long-closure'
          : asymmetry > o.maxAsymmetry
            ? 'one-eyed'
            : durationSec < o.minBlinkSec
              ? 'too-fast'
              : 'blink';
      events.push({
        kind,
        startSec: times[i]!,
        endSec: times[end]!,
        peakSec: times[peak]!,
        durationSec,
        closingSec: times[peak]! - tHalfStart,
        openingSec: tHalfEnd - times[peak]!,
        depth,
        rightDepth,
        leftDepth,
        asymmetry,
      });
    }
    i = after + 1;
  }
  return events;
}

/** Time at which the straight line from (t0, v0) to (t1, v1) passes `level`. */
function crossing(t0: number, v0: number, t1: number, v1: number, level: number): number {
  return v1 === v0 ? (t0 + t1) / 2 : t0 + ((level - v0) / (v1 - v0)) * (t1 - t0);
}

/**
 * 1 − ear / open level per frame, the open level being the `referenceQuantile` of the valid
 * EARs within ±`referenceHalfWindowSec`. NaN where the EAR or the level is missing.
 */
export function relativeClosure(
  times: readonly number[],
  ear: readonly number[],
  o: Pick<BlinkDetectOptions, 'referenceHalfWindowSec' | 'referenceQuantile'>,
): Float64Array {
  const n = times.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const window: number[] = [];
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < n; k++) {
    while (lo < n && times[lo]! < times[k]! - o.referenceHalfWindowSec) lo++;
    while (hi < n && times[hi]! <= times[k]! + o.referenceHalfWindowSec) hi++;
    if (!Number.isFinite(ear[k]!)) continue;
    window.length = 0;
    for (let j = lo; j < hi; j++) if (Number.isFinite(ear[j]!)) window.push(ear[j]!);
    window.sort((p, q) => p - q);
    const pos = (window.length - 1) * o.referenceQuantile;
    const f = Math.floor(pos);
    const level = window[f]! + (window[Math.min(f + 1, window.length - 1)]! - window[f]!) * (pos - f);
    if (level > 0) out[k] = 1 - ear[k]! / level;
  }
  return out;
}
