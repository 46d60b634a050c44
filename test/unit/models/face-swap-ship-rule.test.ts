// The face-swap shipping rule's judge: every criterion must pass, and missing evidence fails.

import { describe, expect, it } from 'vitest';
import {
  judgeCandidate,
  readShipRule,
  type CandidateEvidence,
} from '../../../scripts/models/face-swap-ship-rule.ts';

const rule = readShipRule();

/** The shipped model v2's own figures (session 13's check of its run): it must pass its own rule. */
const v2: CandidateEvidence = {
  auc: 0.7190040650406504,
  falseAlarmRate: 8 / 164,
  notVerifiedGenuine: 15 / 179,
  strongBeautyFalseAlarmRate: 15 / 164,
  parameters: 1_075_409,
  engineTests: rule.engineTests.map((file) => ({ file, passed: true, failed: [] })),
};

describe('face-swap shipping rule', () => {
  it('passes the shipped model on its own figures', () => {
    const criteria = judgeCandidate(rule, v2);
    expect(criteria.map((c) => c.pass)).toEqual(criteria.map(() => true));
    expect(criteria).toHaveLength(5 + rule.engineTests.length);
  });

  it('fails a candidate one false alarm over, or one beauty false alarm over the shipped model', () => {
    const fa = judgeCandidate(rule, { ...v2, falseAlarmRate: 9 / 164 });
    expect(fa.filter((c) => !c.pass).map((c) => c.name)).toEqual(['held-out false alarms']);
    const beauty = judgeCandidate(rule, { ...v2, strongBeautyFalseAlarmRate: 16 / 164 });
    expect(beauty.filter((c) => !c.pass).map((c) => c.name)).toEqual([
      'false alarms under the strong beauty filter',
    ]);
  });

  it('fails what was not measured: no beauty figure, no parameter count, an engine check that did not run', () => {
    const failed = judgeCandidate(rule, {
      ...v2,
      strongBeautyFalseAlarmRate: null,
      parameters: null,
      engineTests: [{ file: rule.engineTests[0]!, passed: false, failed: ['is suspicious or worse'] }],
    }).filter((c) => !c.pass);
    expect(failed.map((c) => c.measured)).toEqual([
      'not measured',
      'card does not say',
      'failed: is suspicious or worse',
      ...rule.engineTests.slice(1).map(() => 'did not run'),
    ]);
  });
});
