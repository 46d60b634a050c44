// The shipping rule for a retrained face-swap model, as data (face-swap-ship-rule.json) and one
// pure judge, so the decision "does this candidate replace the shipped model?" is a command with a
// recorded answer rather than a reading of numbers after the fact.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FaceSwapShipRule {
  why: string;
  reference: string;
  maxFalseAlarmRate: number;
  maxNotVerifiedGenuine: number;
  minAuc: number;
  maxStrongBeautyFalseAlarmRate: number;
  maxParameters: number;
  engineTests: string[];
}

/** What a candidate showed: `callsentinel eval`'s held-out figures, its card, the engine tests. */
export interface CandidateEvidence {
  auc: number;
  falseAlarmRate: number;
  notVerifiedGenuine: number;
  /** False-alarm rate on the held-out genuine items under the eval's strong beauty filter. */
  strongBeautyFalseAlarmRate: number | null;
  /** From the candidate's card; null when the card does not say. */
  parameters: number | null;
  /** Per engine test file: passed, and the names of failed tests. */
  engineTests: Array<{ file: string; passed: boolean; failed: string[] }>;
}

export interface Criterion {
  name: string;
  measured: string;
  required: string;
  pass: boolean;
}

export const RULE_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'face-swap-ship-rule.json');

export function readShipRule(file = RULE_FILE): FaceSwapShipRule {
  return JSON.parse(readFileSync(file, 'utf8')) as FaceSwapShipRule;
}

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

/** Every criterion of the rule, measured against the evidence; missing evidence fails. */
export function judgeCandidate(rule: FaceSwapShipRule, e: CandidateEvidence): Criterion[] {
  const criteria: Criterion[] = [
    {
      name: 'held-out false alarms',
      measured: pct(e.falseAlarmRate),
      required: `≤ ${pct(rule.maxFalseAlarmRate)}`,
      pass: e.falseAlarmRate <= rule.maxFalseAlarmRate,
    },
    {
      name: 'not_verified genuine',
      measured: pct(e.notVerifiedGenuine),
      required: `≤ ${pct(rule.maxNotVerifiedGenuine)}`,
      pass: e.notVerifiedGenuine <= rule.maxNotVerifiedGenuine,
    },
    {
      name: 'video AUC',
      measured: e.auc.toFixed(3),
      required: `≥ ${rule.minAuc.toFixed(3)} (shipped model)`,
      pass: e.auc >= rule.minAuc,
    },
    {
      name: 'false alarms under the strong beauty filter',
      measured: e.strongBeautyFalseAlarmRate === null ? 'not measured' : pct(e.strongBeautyFalseAlarmRate),
      required: `≤ ${pct(rule.maxStrongBeautyFalseAlarmRate)} (shipped model)`,
      pass:
        e.strongBeautyFalseAlarmRate !== null &&
        e.strongBeautyFalseAlarmRate <= rule.maxStrongBeautyFalseAlarmRate,
    },
    {
      name: 'parameters',
      measured: e.parameters === null ? 'card does not say' : String(e.parameters),
      required: `≤ ${rule.maxParameters}`,
      pass: e.parameters !== null && e.parameters <= rule.maxParameters,
    },
  ];
  for (const file of rule.engineTests) {
    const result = e.engineTests.find((t) => t.file === file);
    criteria.push({
      name: `engine check ${path.basename(file, '.test.ts')}`,
      measured: !result ? 'did not run' : result.passed ? 'passed' : `failed: ${result.failed.join('; ')}`,
      required: 'passes',
      pass: result?.passed ?? false,
    });
  }
  return criteria;
}
