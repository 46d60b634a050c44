// The evaluation protocol, as pure functions over scored items: which items could be verified at
// all (the scan's rules), and — for each held-out fold k — calibration and verdict thresholds
// fitted on the OTHER folds' items only, then applied to fold k. Every item's raw score already
// comes from a model that did not train on it (for face-swap: its fold's model), so the numbers
// that come out are held out twice over: by the model and by the calibration.

import {
  DEFAULT_FALSE_ALARM_TARGETS,
  fitCalibration,
  plattProbability,
  thresholdAt,
  type FalseAlarmTargets,
  type FittedCalibration,
} from '../fusion/calibration.ts';
import { DEFAULT_VERDICT_THRESHOLDS, type VerdictThresholds } from '../fusion/verdict.ts';
import type { EvalVerdict, Label } from './metrics.ts';

/** One evaluated item (a media file region) with its video-level raw score. */
export interface ScoredItem {
  itemId: string;
  label: Label;
  fold: number;
  method: string | null;
  isStill: boolean;
  usableFaceSec: number;
  medianFaceSizePx: number | null;
  /** Usable crops that were scored. */
  framesScored: number;
  /** The signal's track aggregation of the frame scores; null when nothing was scored. */
  rawScore: number | null;
}

export type NotVerifiedCause = 'no-face' | 'face-too-small' | 'too-little-face' | 'too-few-frames';

export interface VerificationRule {
  minJudgeableFacePx: number;
  minUsableFaceSec: number;
  /** The signal's minScoredFrames: fewer scored frames is `insufficient-data` there. */
  minScoredFrames: number;
}

export function verificationRule(
  minScoredFrames: number,
  thresholds: Pick<VerdictThresholds, 'minJudgeableFacePx' | 'minUsableFaceSec'> = DEFAULT_VERDICT_THRESHOLDS,
): VerificationRule {
  return {
    minJudgeableFacePx: thresholds.minJudgeableFacePx,
    minUsableFaceSec: thresholds.minUsableFaceSec,
    minScoredFrames,
  };
}

/** Why the scan would answer `not_verified` for this item (same order as decideVerdict), or null. */
export function notVerifiedCause(item: ScoredItem, rule: VerificationRule): NotVerifiedCause | null {
  if (item.medianFaceSizePx === null) return 'no-face';
  if (item.medianFaceSizePx < rule.minJudgeableFacePx) return 'face-too-small';
  if (!item.isStill && item.usableFaceSec < rule.minUsableFaceSec) return 'too-little-face';
  if (item.rawScore === null || item.framesScored < rule.minScoredFrames) return 'too-few-frames';
  return null;
}

export interface FoldFit {
  fold: number;
  calibration: FittedCalibration;
  suspiciousThreshold: number;
  likelyFakeThreshold: number;
  train: { genuine: number; swap: number };
}

export interface ItemOutcome {
  itemId: string;
  cause: NotVerifiedCause | null;
  /** Held-out calibrated probability; null when not verified. */
  probability: number | null;
  verdict: EvalVerdict;
}

export interface CrossFoldResult {
  folds: FoldFit[];
  outcomes: ItemOutcome[];
}

/** Calibration and thresholds fitted on `train` (verified items only), as the signal would use them. */
export function fitOnItems(
  train: readonly ScoredItem[],
  targets: FalseAlarmTargets = DEFAULT_FALSE_ALARM_TARGETS,
): Omit<FoldFit, 'fold'> {
  const calibration = fitCalibration(train.map((i) => ({ score: i.rawScore!, label: i.label })));
  const suspiciousThreshold = thresholdAt(calibration.operatingPoints, targets.suspicious);
  const likelyFakeThreshold = Math.max(
    suspiciousThreshold,
    thresholdAt(calibration.operatingPoints, targets.likelyFake),
  );
  return {
    calibration,
    suspiciousThreshold,
    likelyFakeThreshold,
    train: {
      genuine: train.filter((i) => i.label === 0).length,
      swap: train.filter((i) => i.label === 1).length,
    },
  };
}

export function verdictFor(
  probability: number,
  fit: Pick<FoldFit, 'suspiciousThreshold' | 'likelyFakeThreshold'>,
): EvalVerdict {
  if (probability >= fit.likelyFakeThreshold) return 'likely_fake';
  if (probability >= fit.suspiciousThreshold) return 'suspicious';
  return 'likely_real';
}

/** A verified item's calibrated probability and verdict under one fold's fit. */
export function judge(fit: FoldFit, rawScore: number): { probability: number; verdict: EvalVerdict } {
  const probability = plattProbability(fit.calibration.platt, rawScore);
  return { probability, verdict: verdictFor(probability, fit) };
}

/**
 * For each fold k: fit calibration and thresholds on the verified items of every other fold,
 * apply them to fold k's verified items; unverified items get `not_verified` with their cause.
 */
export function crossFoldVerdicts(
  items: readonly ScoredItem[],
  rule: VerificationRule,
  targets: FalseAlarmTargets = DEFAULT_FALSE_ALARM_TARGETS,
): CrossFoldResult {
  const causes = new Map(items.map((i) => [i.itemId, notVerifiedCause(i, rule)]));
  const verified = items.filter((i) => causes.get(i.itemId) === null);
  const folds = [...new Set(items.map((i) => i.fold))].sort((a, b) => a - b);
  const fits: FoldFit[] = [];
  const outcomes = new Map<string, ItemOutcome>();
  for (const fold of folds) {
    const train = verified.filter((i) => i.fold !== fold);
    const test = verified.filter((i) => i.fold === fold);
    if (test.length === 0) continue;
    if (!train.some((i) => i.label === 0) || !train.some((i) => i.label === 1))
      throw new Error(
        `fold ${fold}: the other folds hold no verified genuine or no verified swap item to calibrate on`,
      );
    const fit = { fold, ...fitOnItems(train, targets) };
    fits.push(fit);
    for (const i of test)
      outcomes.set(i.itemId, { itemId: i.itemId, cause: null, ...judge(fit, i.rawScore!) });
  }
  for (const i of items) {
    const cause = causes.get(i.itemId)!;
    if (cause !== null)
      outcomes.set(i.itemId, { itemId: i.itemId, cause, probability: null, verdict: 'not_verified' });
  }
  return { folds: fits, outcomes: items.map((i) => outcomes.get(i.itemId)!) };
}
