// What a recorded scan and a live session both need at the end (or at any moment) of an analysis:
// how much usable face each track showed, and each track's verdict from the signals' per-track
// observations. One place, so a file scan and a live call judge a face the same way.

import { median } from '../core/stats.ts';
import type { FrameFaces, TrackSummary } from '../face/index.ts';
import { unusableCause, type UnusableCause, type UsableFaceLimits } from '../face/quality.ts';
import type { CallSentinelConfig } from '../config/index.ts';
import { DEFAULT_FALSE_ALARM_TARGETS, type FalseAlarmTargets } from '../fusion/calibration.ts';
import {
  decideVerdict,
  thresholdsFromCalibration,
  type VerdictResult,
  type VerdictThresholds,
} from '../fusion/verdict.ts';
import type { SignalDefinition } from '../signals/types.ts';
import type { SignalObservation } from '../signals/types.ts';
import type { SignalRunResult } from './signal-runner.ts';

interface TrackTally {
  usableFrames: number;
  unusable: Partial<Record<UnusableCause, number>>;
}

/** Counts, per track, the frames good enough to judge and why the others were not. */
export class UsableFaceTally {
  private readonly tallies = new Map<number, TrackTally>();
  private readonly frameTimes: number[] = [];

  constructor(private readonly limits: UsableFaceLimits) {}

  add(frame: FrameFaces): void {
    this.frameTimes.push(frame.timeSec);
    for (const face of frame.faces) {
      const tally = this.tallies.get(face.trackId) ?? { usableFrames: 0, unusable: {} };
      const cause = unusableCause(face.quality, this.limits);
      if (cause === null) tally.usableFrames++;
      else tally.unusable[cause] = (tally.unusable[cause] ?? 0) + 1;
      this.tallies.set(face.trackId, tally);
    }
  }

  get frames(): number {
    return this.frameTimes.length;
  }

  get lastTimeSec(): number {
    return this.frameTimes[this.frameTimes.length - 1] ?? 0;
  }

  /** Typical spacing of analysed frames (robust to variable frame rate); 0 for a single frame. */
  frameIntervalSec(): number {
    const times = this.frameTimes;
    if (times.length < 2) return 0;
    const gaps: number[] = [];
    for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
    return median(gaps);
  }

  usableFaceSec(trackId: number): number {
    return (this.tallies.get(trackId)?.usableFrames ?? 0) * this.frameIntervalSec();
  }

  unusableFrames(trackId: number): Partial<Record<UnusableCause, number>> {
    return this.tallies.get(trackId)?.unusable ?? {};
  }
}

/** The signals whose scores decide the verdict (role `judge`); the others are shown only. */
export function judgingSignalIds(definitions: readonly SignalDefinition[]): Set<string> {
  return new Set(definitions.filter((d) => d.role === 'judge').map((d) => d.id));
}

/**
 * The verdict thresholds of an analysis: from the JUDGING signals' calibrations at the profile's
 * false-alarm target (an advisory signal's calibration must not move them), plus the config's
 * face-size and usable-time limits.
 */
export function verdictThresholds(
  results: readonly SignalRunResult[],
  judging: ReadonlySet<string>,
  config: CallSentinelConfig,
  targets: FalseAlarmTargets = {
    ...DEFAULT_FALSE_ALARM_TARGETS,
    suspicious: config.verdict.targetFalseAlarmRate,
  },
): VerdictThresholds {
  return {
    ...thresholdsFromCalibration(
      results.filter((r) => judging.has(r.id)).map((r) => r.operatingPoints),
      targets,
    ),
    minJudgeableFacePx: config.verdict.minJudgeableFacePx,
    minUsableFaceSec: config.verdict.minUsableFaceSec,
  };
}

export interface AssessmentContext {
  tally: UsableFaceTally;
  signalResults: readonly SignalRunResult[];
  thresholds: VerdictThresholds;
  judgingSignals: ReadonlySet<string>;
  isStillImage: boolean;
}

/** One face's verdict (or, for `null`, the verdict when no face was seen). */
export function assessTrack(summary: TrackSummary | null, ctx: AssessmentContext): VerdictResult {
  return decideVerdict(
    {
      primary: summary && {
        trackId: summary.trackId,
        medianFaceSizePx: summary.medianFaceSizePx,
        usableFaceSec: ctx.tally.usableFaceSec(summary.trackId),
        unusableFrames: ctx.tally.unusableFrames(summary.trackId),
      },
      isStillImage: ctx.isStillImage,
      observations: ctx.signalResults.flatMap((r) => trackObservations(r, summary?.trackId ?? null)),
      judgingSignals: ctx.judgingSignals,
    },
    ctx.thresholds,
  );
}

/** A signal's observations of one track for the verdict; a failed signal counts as degraded. */
export function trackObservations(r: SignalRunResult, trackId: number | null): SignalObservation[] {
  if (trackId === null) return [];
  const mine = r.tracks.filter((o) => o.trackId === trackId);
  if (mine.length > 0 || r.error === null) return mine;
  return [
    {
      signalId: r.id,
      trackId,
      startSec: 0,
      endSec: 0,
      score: null,
      confidence: 0,
      status: 'degraded',
      reasonKey: 'reason.signal-failed',
    },
  ];
}
