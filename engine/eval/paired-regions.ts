// Same clip, genuine half against swapped half. A side-by-side clip (or a multi-panel one) holds
// the genuine face and its swap with the same motion, lighting and codec, so whether the detector
// scores the swapped region above the genuine one is a check of swap evidence alone. The pooled
// AUC also rewards anything that sets a whole source apart (a demo's compression, its look): a
// detector that lifts both halves of a tool's demo clips gains AUC without seeing the swap; the
// AUC of those genuine halves against the other genuine items measures how much it does.

import { rocAuc, wilsonInterval, type Label, type RateInterval } from './metrics.ts';

export interface RegionScore {
  file: string;
  label: Label;
  /** The region's aggregated out-of-fold score (null: not verified, left out). */
  score: number | null;
}

export interface PairedRegionComparison {
  /** Files with at least one verified genuine and one verified swap region. */
  pairs: number;
  /** Pairs whose swap regions scored above their genuine ones (a tie counts half). */
  swapHigher: number;
  /** swapHigher / pairs: 0.5 is chance. */
  share: number;
  /** Wilson 95 % interval of that share. */
  ci: RateInterval;
  /**
   * AUC of the genuine halves of those clips (the swaps' twins) against every other genuine item:
   * above 0.5, the detector takes something about the clips' source — not the swap — for evidence.
   */
  twinsVsOtherGenuineAuc: number;
}

/**
 * Per file, the mean score of its swap regions against the mean of its genuine regions; null when
 * no file holds both.
 */
export function pairedRegionComparison(items: readonly RegionScore[]): PairedRegionComparison | null {
  const byFile = new Map<string, { genuine: number[]; swap: number[] }>();
  for (const i of items) {
    if (i.score === null) continue;
    const f = byFile.get(i.file) ?? { genuine: [], swap: [] };
    (i.label === 1 ? f.swap : f.genuine).push(i.score);
    byFile.set(i.file, f);
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  let pairs = 0;
  let swapHigher = 0;
  const twins: number[] = [];
  const otherGenuine: number[] = [];
  for (const { genuine, swap } of byFile.values()) {
    if (genuine.length === 0 || swap.length === 0) {
      otherGenuine.push(...genuine);
      continue;
    }
    pairs++;
    twins.push(...genuine);
    const d = mean(swap) - mean(genuine);
    swapHigher += d > 0 ? 1 : d === 0 ? 0.5 : 0;
  }
  if (pairs === 0) return null;
  return {
    pairs,
    swapHigher,
    share: swapHigher / pairs,
    ci: wilsonInterval(swapHigher, pairs),
    twinsVsOtherGenuineAuc:
      otherGenuine.length === 0
        ? Number.NaN
        : rocAuc(
            [...twins, ...otherGenuine],
            [...twins.map((): Label => 1), ...otherGenuine.map((): Label => 0)],
          ),
  };
}
