import { describe, expect, it } from 'vitest';
import { DEFAULT_FALSE_ALARM_TARGETS } from '../../../engine/fusion/calibration.ts';
import { FUSION_FEATURES } from '../../../engine/fusion/fusion-features.ts';
import {
  crossFoldFusion,
  pairedRegionsBySignal,
  perTaskDecisions,
  signalDecisions,
  type FusionItem,
} from '../../../engine/eval/fusion-eval.ts';
import { seededRandom } from '../../support/seeded-random.ts';

/**
 * Items where face-swap separates swaps, blink separates talking heads, and the other signals are
 * noise (jitter missing on half the items): fusion must keep blink and nothing else.
 */
function items(seed: number): FusionItem[] {
  const next = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const out: FusionItem[] = [];
  const add = (category: FusionItem['category'], n: number) => {
    for (let i = 0; i < n; i++) {
      const values = FUSION_FEATURES.map((f) => {
        if (f.signalId === 'face-swap') return gauss() + (category === 'swap' ? 5 : 0);
        if (f.signalId === 'blink') return gauss() + (category === 'talking_head' ? 2.5 : 0);
        if (f.signalId === 'jitter' && next() < 0.5) return null;
        return gauss();
      });
      out.push({
        itemId: `${category}-${i}`,
        file: `${category}-${i}.mp4`,
        region: 'full',
        category,
        label: category === 'genuine' ? 0 : 1,
        fold: i % 5,
        cause: i % 17 === 0 ? 'too-little-face' : null,
        values,
      });
    }
  };
  add('genuine', 400);
  add('swap', 60);
  add('talking_head', 60);
  return out;
}

describe('cross-fold fusion', () => {
  const all = items(11);
  const verified = all.filter((i) => i.cause === null);
  const others = FUSION_FEATURES.map((f) => f.signalId).filter((id) => id !== 'face-swap');
  const sets = [['face-swap'], ...others.map((id) => ['face-swap', id]), ['face-swap', ...others]].map((s) =>
    crossFoldFusion(s, all, verified, DEFAULT_FALSE_ALARM_TARGETS, 300),
  );
  const byName = new Map(sets.map((s) => [s.name, s]));

  it('measures each task on held-out folds: face-swap alone finds swaps, not talking heads', () => {
    const base = byName.get('face-swap')!;
    const [swap, talking] = base.tasks;
    expect(swap!.auc).toBeGreaterThan(0.95);
    expect(talking!.auc).toBeLessThan(0.7);
    expect(swap!.ci.low).toBeLessThan(swap!.auc);
    expect(base.notVerifiedGenuine).toBeGreaterThan(0);
    // Thresholds fitted for 5 % on the training folds hold roughly on the held-out ones.
    expect(base.falseAlarmRate).toBeLessThan(0.1);
  });

  it('adding the signal that carries information raises talking-head AUC; the rule keeps only it', () => {
    const withBlink = byName.get('face-swap + blink')!;
    expect(withBlink.tasks[1]!.auc).toBeGreaterThan(byName.get('face-swap')!.tasks[1]!.auc + 0.2);
    expect(withBlink.fittedOnAll[0]!.weights[1]).toBeGreaterThan(0.5);
    const decisions = signalDecisions(sets, all, 300);
    expect(decisions.filter((d) => d.kept).map((d) => d.signalId)).toEqual(['blink']);
    const pulse = decisions.find((d) => d.signalId === 'pulse')!;
    expect(pulse.why).toMatch(/^left out/);
    expect(pulse.lossGain.ci.low).toBeLessThanOrEqual(0);
    const blink = decisions.find((d) => d.signalId === 'blink')!;
    expect(blink.lossGain.ci.low).toBeGreaterThan(0);
    // A stricter rule on what another task may lose leaves it out, and says why.
    const strict = signalDecisions(sets, all, 300, { ciLevel: 0.95, maxAucLoss: 0, maxFalseAlarmRise: 0.02 });
    expect(strict.find((d) => d.signalId === 'blink')!.why).toMatch(/costs another task/);
    expect(byName.get('face-swap + all')).toBeDefined();
  });

  it('per task: face-swap for swaps OR a talking-head fusion; it passes the rule only with the informative signal', () => {
    const perTask = ['blink', 'pulse'].map((id) =>
      crossFoldFusion(['face-swap'], all, verified, DEFAULT_FALSE_ALARM_TARGETS, 300, ['face-swap', id]),
    );
    const [blink, pulse] = perTask as [(typeof perTask)[0], (typeof perTask)[0]];
    expect(blink.name).toBe('per task: + blink');
    expect(blink.fittedOnAll).toHaveLength(2);
    // the swap fusion saw no talking heads and the talking-head fusion no swaps
    expect(blink.fittedOnAll[1]!.signals).toEqual(['face-swap', 'blink']);
    expect(blink.tasks[0]!.auc).toBeGreaterThan(0.95);
    expect(blink.tasks[1]!.auc).toBeGreaterThan(byName.get('face-swap')!.tasks[1]!.auc + 0.2);
    const decisions = perTaskDecisions([sets[0]!, blink, pulse], all, 300);
    expect(decisions.map((d) => [d.signalId, d.kept])).toEqual([
      ['per task: + blink', true],
      ['per task: + pulse', false],
    ]);
    // per-task sets are not single added signals
    expect(signalDecisions([sets[0]!, blink, pulse], all, 300)).toEqual([]);
  });
});

describe('same-clip pairs per signal', () => {
  // Ten side-by-side clips: face-swap scores each swapped half above its genuine half, blink is
  // equal within a clip (so no evidence); jitter could not judge any swap half.
  const clipItems: FusionItem[] = Array.from({ length: 10 }, (_, k) =>
    (['genuine', 'swap'] as const).map((category): FusionItem => ({
      itemId: `clip${k}-${category}`,
      file: `clip${k}.mp4`,
      region: category === 'genuine' ? 'left' : 'right',
      category,
      label: category === 'genuine' ? 0 : 1,
      fold: k % 5,
      cause: null,
      values: FUSION_FEATURES.map((f) => {
        if (f.signalId === 'face-swap') return k + (category === 'swap' ? 0.5 : 0);
        if (f.signalId === 'jitter') return category === 'swap' ? null : 1;
        return k;
      }),
    })),
  ).flat();

  it('counts, per signal, the clips whose swapped half scores higher; a signal with no pair says so', () => {
    const pairs = new Map(pairedRegionsBySignal(clipItems).map((p) => [p.signalId, p.comparison]));
    expect([...pairs.keys()]).toEqual(FUSION_FEATURES.map((f) => f.signalId));
    expect(pairs.get('face-swap')).toMatchObject({ pairs: 10, swapHigher: 10, share: 1 });
    expect(pairs.get('blink')).toMatchObject({ pairs: 10, swapHigher: 5, share: 0.5 }); // ties count half
    expect(pairs.get('jitter')).toBeNull();
    // A region that was not verified is left out of its clip's pair.
    const unverified = clipItems.map((i) =>
      i.itemId === 'clip0-swap' ? { ...i, cause: 'too-little-face' as const } : i,
    );
    expect(pairedRegionsBySignal(unverified)[0]!.comparison!.pairs).toBe(9);
  });
});
