// Verdict thresholds come from the judging signals' calibrations only: a calibrated advisory
// signal (presentation-attack) must not move them.

import { describe, expect, it } from 'vitest';
import { verdictThresholds } from '../../../engine/analysis/track-assessment.ts';
import type { SignalRunResult } from '../../../engine/analysis/signal-runner.ts';
import { DEFAULT_CONFIG } from '../../../engine/config/index.ts';

const run = (id: string, points: Array<[number, number]> | null): SignalRunResult => ({
  id,
  error: null,
  failure: null,
  timeMs: 0,
  windows: [],
  tracks: [],
  operatingPoints: points && points.map(([falseAlarmRate, threshold]) => ({ falseAlarmRate, threshold })),
});

describe('verdictThresholds', () => {
  const judge = run('face-swap', [
    [0.01, 0.6],
    [0.05, 0.26],
    [0.1, 0.22],
  ]);
  const advisory = run('presentation-attack', [
    [0.01, 0.95],
    [0.05, 0.9],
    [0.1, 0.85],
  ]);

  it('ignores the calibration of a signal that does not judge', () => {
    const t = verdictThresholds([judge, advisory], new Set(['face-swap']), DEFAULT_CONFIG);
    expect(t.suspiciousScore).toBeCloseTo(
      DEFAULT_CONFIG.verdict.targetFalseAlarmRate === 0.05 ? 0.26 : 0.22,
      6,
    );
    expect(t.likelyFakeScore).toBeCloseTo(0.6, 6);
  });

  it('takes the strictest judge when several judge', () => {
    const t = verdictThresholds(
      [judge, advisory],
      new Set(['face-swap', 'presentation-attack']),
      DEFAULT_CONFIG,
    );
    expect(t.likelyFakeScore).toBeCloseTo(0.95, 6);
  });

  it('keeps the config limits', () => {
    const t = verdictThresholds([judge], new Set(['face-swap']), DEFAULT_CONFIG);
    expect(t.minUsableFaceSec).toBe(DEFAULT_CONFIG.verdict.minUsableFaceSec);
    expect(t.minJudgeableFacePx).toBe(DEFAULT_CONFIG.verdict.minJudgeableFacePx);
  });
});
