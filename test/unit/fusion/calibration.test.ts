// Calibration: Platt scaling is monotonic and sensible, thresholds meet their false-alarm
// targets on the items they were fitted on, the calibration file is checked before use.

import { describe, expect, it } from 'vitest';
import {
  falseAlarmThreshold,
  fitCalibration,
  fitPlatt,
  parseSignalCalibration,
  plattProbability,
  thresholdAt,
} from '../../../engine/fusion/calibration.ts';
import { seededRandom } from '../../../engine/eval/metrics.ts';
import { decideVerdict, thresholdsFromCalibration } from '../../../engine/fusion/verdict.ts';
import type { SignalObservation } from '../../../engine/signals/types.ts';

function overlapping(n: number, seed: number) {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const scores: number[] = [];
  const labels: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const y = (i % 3 === 0 ? 1 : 0) as 0 | 1;
    scores.push(gauss() + (y ? 2 : 0));
    labels.push(y);
  }
  return { scores, labels };
}

describe('Platt calibration', () => {
  it('is monotonic: a higher raw score never gets a lower probability', () => {
    const { scores, labels } = overlapping(300, 1);
    const p = fitPlatt(scores, labels);
    expect(p.slope).toBeGreaterThan(0);
    let previous = -1;
    for (let z = -6; z <= 6; z += 0.25) {
      const q = plattProbability(p, z);
      expect(q).toBeGreaterThanOrEqual(previous);
      previous = q;
    }
    // Two unit-variance classes 2 apart: the log-odds slope is 2 (plus the base rate).
    expect(p.slope).toBeGreaterThan(1.4);
    expect(p.slope).toBeLessThan(2.6);
  });

  it('stays finite on separable data and clamps a backwards detector to slope 0', () => {
    const sep = fitPlatt([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(sep.slope)).toBe(true);
    expect(plattProbability(sep, 3)).toBeGreaterThan(0.7);
    const backwards = fitPlatt([3, 2, 1, -1, -2, -3], [0, 0, 0, 1, 1, 1]);
    expect(backwards).toMatchObject({ slope: 0, slopeClamped: true });
  });

  it('sets operating points that keep training false alarms at or under their rates', () => {
    const { scores, labels } = overlapping(600, 2);
    const items = scores.map((score, i) => ({ score, label: labels[i]! }));
    const fit = fitCalibration(items);
    const genuine = items.filter((i) => i.label === 0).map((i) => plattProbability(fit.platt, i.score));
    const rate = (t: number) => genuine.filter((p) => p >= t).length / genuine.length;
    expect(fit.operatingPoints.map((p) => p.falseAlarmRate)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2]);
    for (const p of fit.operatingPoints) {
      expect(rate(p.threshold)).toBeLessThanOrEqual(p.falseAlarmRate);
      // … and not needlessly strict: a little lower would pass more than the rate allows.
      expect(rate(p.threshold - 0.02)).toBeGreaterThan(p.falseAlarmRate - 0.02);
    }
    expect(thresholdAt(fit.operatingPoints, 0.05)).toBe(fit.operatingPoints[2]!.threshold);
    expect(thresholdAt(fit.operatingPoints, 0.07)).toBe(fit.operatingPoints[2]!.threshold);
    expect(thresholdAt(fit.operatingPoints, 0.001)).toBe(fit.operatingPoints[0]!.threshold);
  });

  it('places a threshold halfway to the next training score', () => {
    // 20 genuine 0.00..0.19; 5 % may alarm: only 0.19, so the threshold lies above 0.18.
    const genuine = Array.from({ length: 20 }, (_, i) => i / 100);
    expect(falseAlarmThreshold(genuine, [...genuine, 0.5], 0.05)).toBeCloseTo(0.185, 12);
    expect(falseAlarmThreshold(genuine, [...genuine, 0.5], 0)).toBeCloseTo(0.345, 12);
  });

  it('checks the calibration document', () => {
    expect(parseSignalCalibration('{')).toMatch(/not JSON/);
    expect(parseSignalCalibration('{"schemaVersion": 1, "signalId": "x"}')).toMatch(/sha256/);
  });
});

describe('verdict with calibrated thresholds', () => {
  const obs = (score: number | null, status: SignalObservation['status'] = 'ok'): SignalObservation => ({
    signalId: 'face-swap',
    trackId: 1,
    startSec: 0,
    endSec: 5,
    score,
    confidence: 1,
    status,
    reasonKey: status === 'ok' ? 'reason.face-swap-clean' : 'reason.face-swap-too-few-frames',
  });
  const primary = { trackId: 1, medianFaceSizePx: 150, usableFaceSec: 5 };
  const thresholds = thresholdsFromCalibration([
    [
      { falseAlarmRate: 0.01, threshold: 0.7 },
      { falseAlarmRate: 0.05, threshold: 0.3 },
    ],
    null,
  ]);

  it('takes its thresholds from the calibration', () => {
    expect(thresholds).toMatchObject({ suspiciousScore: 0.3, likelyFakeScore: 0.7, minUsableFaceSec: 2 });
    const v = (s: number) =>
      decideVerdict({ primary, isStillImage: false, observations: [obs(s)] }, thresholds).verdict;
    expect([v(0.1), v(0.35), v(0.8)]).toEqual(['likely_real', 'suspicious', 'likely_fake']);
    expect(thresholdsFromCalibration([null]).suspiciousScore).toBe(0.5);
    // A profile that accepts 10 % false alarms takes the highest point not above it.
    const bank = thresholdsFromCalibration(
      [
        [
          { falseAlarmRate: 0.01, threshold: 0.7 },
          { falseAlarmRate: 0.05, threshold: 0.3 },
          { falseAlarmRate: 0.1, threshold: 0.2 },
        ],
      ],
      { suspicious: 0.1, likelyFake: 0.01 },
    );
    expect(bank).toMatchObject({ suspiciousScore: 0.2, likelyFakeScore: 0.7 });
  });

  it('keeps its not_verified causes and says why no signal judged', () => {
    const r = decideVerdict(
      { primary, isStillImage: false, observations: [obs(null, 'insufficient-data')] },
      thresholds,
    );
    expect(r.verdict).toBe('not_verified');
    expect(r.reasons.map((x) => x.key)).toEqual(['reason.no-detector', 'reason.face-swap-too-few-frames']);
    const degraded = decideVerdict(
      { primary, isStillImage: false, observations: [obs(0.9, 'degraded')] },
      thresholds,
    );
    expect(degraded.verdict).toBe('not_verified');
    const short = decideVerdict(
      { primary: { ...primary, usableFaceSec: 1.5 }, isStillImage: false, observations: [obs(0.9)] },
      thresholds,
    );
    expect(short.reasons[0]!.key).toBe('reason.too-little-face');
  });
});
