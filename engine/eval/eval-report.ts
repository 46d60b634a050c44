// What `callsentinel eval` leaves behind: the report as JSON, the ROC plot as SVG, and a table
// for people. Pure formatting of an EvalReport; the numbers all come from metrics.ts.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvalReport } from './run-eval.ts';
import { rocSvg } from './roc-svg.ts';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : 'n/a');
const num = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
const ci = (low: number, high: number) =>
  Number.isFinite(low) ? `[${num(low)}, ${num(high)}]` : '(no CI: < 3 items)';

export function formatEvalReport(r: EvalReport): string {
  const o = r.overall;
  const lines = [
    `scorer:   ${r.scorer.name} — ${r.scorer.description}`,
    r.inSample
      ? 'WARNING:  IN-SAMPLE — the model scored items it was trained on; these numbers overstate it.'
      : `held out: every item scored by a model and calibrated by parameters fitted without its fold (${r.dataset.folds} folds, ${r.dataset.foldSource})`,
    `data:     ${r.dataset.cacheDir} (items.jsonl sha256 ${r.dataset.itemsSha256.slice(0, 16)}…), ` +
      `${r.dataset.items.genuine} genuine + ${r.dataset.items.swap} swap video items ` +
      `(${r.dataset.items.stillsSkipped} still images left out), ${r.dataset.cropsScored} crops scored` +
      (r.dataset.cropsUnusable ? `, ${r.dataset.cropsUnusable} unusable crops skipped` : ''),
    `models:   ${r.models.length ? r.models.map((m) => `${m.name} ${m.sha256.slice(0, 12)}`).join(', ') : 'none'}`,
    `protocol: item (video) level; score = ${r.protocol.aggregation.method} (trim ${r.protocol.aggregation.trimFraction}) of frame scores; ` +
      'AUC and EER on the out-of-fold item scores of verified items; ' +
      `verdict thresholds for ≤ ${pct(r.protocol.falseAlarmTargets.suspicious)} / ${pct(r.protocol.falseAlarmTargets.likelyFake)} false alarms on the training folds; ` +
      `not_verified under ${r.protocol.minJudgeableFacePx} px, < ${r.protocol.minUsableFaceSec} s usable face or < ${r.protocol.minScoredFrames} usable frames`,
    '',
    '| items | verified (genuine / swap) | AUC [95 % CI] | EER | false-alarm rate | miss rate | not_verified genuine / swap | crops/s |',
    '|---|---|---|---|---|---|---|---|',
    `| all | ${o.verified.genuine} / ${o.verified.swap} | ${num(o.auc)} ${ci(o.ci.low, o.ci.high)} | ${pct(o.eer)} | ` +
      `${pct(o.falseAlarmRate)} | ${pct(o.missRate)} | ${pct(o.notVerifiedGenuine)} / ${pct(o.notVerifiedSwap)} | ${r.speed.cropsPerSec} |`,
    '',
    '| method (its swaps vs all genuine) | swap items | AUC [95 % CI] |',
    '|---|---|---|',
    ...r.perMethod.map((m) => `| ${m.group} | ${m.positives} | ${num(m.auc)} ${ci(m.ci.low, m.ci.high)} |`),
    '',
    '| fold | test genuine / swap | AUC | Platt slope, intercept | suspicious ≥ | likely fake ≥ |',
    '|---|---|---|---|---|---|',
    ...r.perFold.map(
      (f) =>
        `| ${f.fold} | ${f.test.genuine} / ${f.test.swap} | ${num(f.auc)} | ${num(f.platt.slope, 2)}, ${num(f.platt.intercept, 2)}` +
        `${f.platt.slopeClamped ? ' (clamped)' : ''} | ${num(f.suspiciousThreshold)} | ${num(f.likelyFakeThreshold)} |`,
    ),
    '',
  ];
  if (r.trainerAgreement)
    lines.push(
      `trainer agreement: ${r.trainerAgreement.crops} crops, |ours − trainer OOF| mean ${r.trainerAgreement.meanAbsDiff}, max ${r.trainerAgreement.maxAbsDiff}`,
      '',
    );
  return lines.join('\n');
}

export interface EvalOutputs {
  json: string;
  svg: string;
}

/** Write `<scorer>.json` and `<scorer>-roc.svg` into `outDir`. */
export async function writeEvalOutputs(r: EvalReport, outDir: string): Promise<EvalOutputs> {
  await mkdir(outDir, { recursive: true });
  const json = path.join(outDir, `${r.scorer.name}.json`);
  const svg = path.join(outDir, `${r.scorer.name}-roc.svg`);
  await writeFile(json, `${JSON.stringify(r, null, 2)}\n`);
  const series = [
    {
      label: `all methods, ${r.overall.verified.swap} swap items`,
      points: r.roc.overall,
      auc: r.overall.auc,
      emphasis: true,
    },
    ...r.perMethod.map((m) => ({
      label: `${m.group}, ${m.positives} swap item${m.positives === 1 ? '' : 's'}`,
      points: r.roc.perMethod[m.group] ?? [],
      auc: m.auc,
    })),
  ];
  const subtitle =
    `${r.overall.verified.genuine} genuine / ${r.overall.verified.swap} swap items, video level, ` +
    `${r.inSample ? 'IN-SAMPLE' : 'held-out folds'}; items.jsonl ${r.dataset.itemsSha256.slice(0, 12)}`;
  await writeFile(svg, rocSvg(series, `ROC — ${r.scorer.name}`, subtitle));
  return { json, svg };
}
