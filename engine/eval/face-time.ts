// How soon a verdict holds: every item judged again on only its first T seconds, as the verdict
// would stand T seconds into a call if the rule asked for T seconds of usable face. The
// calibration and thresholds are the held-out fold fits of the whole items (what ships), so the
// rows show what shorter evidence costs, not what a refit on short clips would give.

import { trimmedMean } from '../signals/common/aggregate.ts';
import {
  verdictSummary,
  type BootstrapOptions,
  type EvalVerdict,
  type Label,
  type VerdictSummary,
} from './metrics.ts';
import { judge, notVerifiedCause, type FoldFit, type ScoredItem, type VerificationRule } from './protocol.ts';

/** The evidence times each report measures, seconds (calls that cost victims lasted 7–9 s). */
export const FACE_TIME_SECONDS: readonly number[] = [1, 1.5, 2, 3, 5];

export interface FaceTimeItem {
  /** The whole item as the protocol judged it (label, fold, face size, usable face seconds). */
  item: ScoredItem;
  /** Every cached sample of the item: its media time and, when it was usable and scored, its logit. */
  samples: ReadonlyArray<{ timeSec: number; logit: number | null }>;
}

/** The verdicts on the first T seconds; AUC over the verified items' first-T-seconds scores. */
export interface FaceTimeRow extends VerdictSummary {
  seconds: number;
}

/**
 * One row per evidence time T. An item is judged on the samples before T; it is verified when
 * its face is big enough and its usable face within those T seconds reaches T (the whole item's
 * usable seconds, capped at T, times the window's share of usable samples). Each verified item
 * gets its fold's fit (fitted on the other folds' whole items). The signal's minimum of scored
 * frames is not applied: the cache holds about 2 crops a second, where the signal scores ~15.
 */
export function verdictsAfterFaceTime(
  items: readonly FaceTimeItem[],
  fits: readonly FoldFit[],
  rule: Pick<VerificationRule, 'minJudgeableFacePx'>,
  trimFraction: number,
  bootstrap: BootstrapOptions,
  seconds: readonly number[] = FACE_TIME_SECONDS,
): FaceTimeRow[] {
  const fitOf = new Map(fits.map((f) => [f.fold, f]));
  return seconds.map((T) => {
    const judged: Array<{ label: Label; verdict: EvalVerdict; raw: number | null }> = items.map(
      ({ item, samples }) => {
        const within = samples.filter((s) => s.timeSec < T);
        const logits = within.flatMap((s) => (s.logit === null ? [] : [s.logit]));
        const usableShare = within.length ? logits.length / within.length : 0;
        const usableFaceSec = Math.min(item.usableFaceSec, T) * usableShare;
        const fit = fitOf.get(item.fold);
        const windowed: ScoredItem = {
          ...item,
          usableFaceSec,
          framesScored: logits.length,
          rawScore: logits.length ? trimmedMean(logits, trimFraction) : null,
        };
        // The scan's own rule (protocol.ts) asking for T seconds; any scored frame will do.
        const cause = notVerifiedCause(windowed, { ...rule, minUsableFaceSec: T, minScoredFrames: 1 });
        if (item.isStill || cause !== null || fit === undefined)
          return { label: item.label, verdict: 'not_verified', raw: null };
        const raw = windowed.rawScore!;
        return { label: item.label, verdict: judge(fit, raw).verdict, raw };
      },
    );
    const verified = judged.filter((j) => j.raw !== null);
    const summary = verdictSummary(
      judged,
      verified.map((j) => j.raw!),
      verified.map((j) => j.label),
      bootstrap,
    );
    return { seconds: T, ...summary };
  });
}
