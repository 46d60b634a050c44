import { describe, expect, it } from 'vitest';
import { FUSION_FEATURES, fusionFeature, fusionValue } from '../../../engine/fusion/fusion-features.ts';
import { fitLogisticFusion, fusedLogit } from '../../../engine/fusion/logistic-fusion.ts';
import { BUILT_IN_SIGNALS } from '../../../engine/signals/index.ts';
import { seededRandom } from '../../support/seeded-random.ts';

/** Two features: `useful` shifts with the label, `noise` does not; some values missing. */
function sample(n: number, seed: number) {
  const next = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const rows: Array<Array<number | null>> = [];
  const labels: Array<0 | 1> = [];
  for (let i = 0; i < n; i++) {
    const y = (i % 3 === 0 ? 1 : 0) as 0 | 1;
    rows.push([10 + 3 * (gauss() + 1.5 * y), next() < 0.2 ? null : 100 + 20 * gauss()]);
    labels.push(y);
  }
  return { rows, labels };
}

describe('fitLogisticFusion', () => {
  const { rows, labels } = sample(600, 3);
  const model = fitLogisticFusion(['useful', 'noise'], rows, labels);

  it('weighs the informative feature and leaves the noise near zero', () => {
    expect(model.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(model.weights[1]!)).toBeLessThan(0.3);
    expect(model.means[0]).toBeGreaterThan(10);
    expect(model.scales[1]).toBeGreaterThan(10);
  });

  it('ranks held-out items by the informative feature and is monotone in it', () => {
    const held = sample(300, 4);
    const logits = held.rows.map((r) => fusedLogit(model, r));
    const pos = logits.filter((_, i) => held.labels[i] === 1);
    const neg = logits.filter((_, i) => held.labels[i] === 0);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(pos) - mean(neg)).toBeGreaterThan(1.5);
    expect(fusedLogit(model, [20, 100])).toBeGreaterThan(fusedLogit(model, [10, 100]));
  });

  it('treats a missing value as the training mean (it pulls neither way)', () => {
    expect(fusedLogit(model, [12, null])).toBeCloseTo(fusedLogit(model, [12, model.means[1]!]), 9);
  });

  it('matches a one-feature logistic fit of the log-odds (no penalty, well-separated means)', () => {
    // Equal-variance classes: the true log-odds slope is Δμ/σ² = 1.5·3/9 per unit.
    const big = sample(6000, 5);
    const one = fitLogisticFusion(
      ['useful'],
      big.rows.map((r) => [r[0]!]),
      big.labels,
      0,
    );
    expect(one.weights[0]! / one.scales[0]!).toBeCloseTo(0.5, 1);
  });

  it('refuses one class only or mismatched lengths', () => {
    expect(() => fitLogisticFusion(['a'], [[1], [2]], [0, 0])).toThrow(/both classes/);
    expect(() => fitLogisticFusion(['a'], [[1]], [0, 1])).toThrow(/length/);
  });
});

describe('fusion features', () => {
  it('names one feature per built-in signal', () => {
    expect(FUSION_FEATURES.map((f) => f.signalId).sort()).toEqual(BUILT_IN_SIGNALS.map((s) => s.id).sort());
  });

  it('reads the feature of an ok observation, logs ratios, and gives null otherwise', () => {
    const jitter = fusionFeature('jitter');
    expect(fusionValue(jitter, { status: 'ok', score: 0.3, features: { medianJitter: Math.E } })).toBeCloseTo(
      1,
      9,
    );
    expect(
      fusionValue(jitter, { status: 'insufficient-data', score: null, features: { medianJitter: 1 } }),
    ).toBeNull();
    expect(fusionValue(jitter, { status: 'ok', score: 0.3, features: {} })).toBeNull();
    expect(fusionValue(jitter, undefined)).toBeNull();
    expect(
      fusionValue(fusionFeature('pulse'), { status: 'ok', score: 0.5, features: { pulseQuality: 0.4 } }),
    ).toBe(0.4);
    expect(() => fusionFeature('nope')).toThrow();
  });
});
