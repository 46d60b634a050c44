// What `callsentinel eval` leaves behind: the report as JSON, the ROC plot as SVG, and a table
// for people. Pure formatting of an EvalReport; the numbers all come from metrics.ts.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvalReport } from './run-eval.ts';
import { rocSvg } from './roc-svg.ts';
import { formatMessage, type Lang, type MessageKey, type MessageParams } from '../core/messages.ts';
import { alignLabels } from '../core/text-width.ts';

/** The report as text for people: labels in `lang`; numbers, ids, paths and hashes as they are. */
export function formatEvalReport(r: EvalReport, lang: Lang = 'en'): string {
  const t = (key: MessageKey, params: MessageParams = {}) => formatMessage(key, params, lang);
  const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : t('eval.na'));
  const num = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : t('eval.na'));
  const ci = (low: number, high: number) =>
    Number.isFinite(low) ? `[${num(low)}, ${num(high)}]` : t('eval.no-ci');
  const o = r.overall;
  const header = alignLabels([
    [t('eval.label.scorer'), `${r.scorer.name} — ${r.scorer.description}`],
    r.inSample
      ? [t('eval.label.warning'), t('eval.in-sample')]
      : [
          t('eval.label.held-out'),
          t('eval.held-out', { folds: r.dataset.folds, source: r.dataset.foldSource }),
        ],
    [
      t('eval.label.data'),
      t('eval.data', {
        dir: r.dataset.cacheDir,
        hash: r.dataset.itemsSha256.slice(0, 16),
        genuine: r.dataset.items.genuine,
        swap: r.dataset.items.swap,
        stills: r.dataset.items.stillsSkipped,
        crops: r.dataset.cropsScored,
        unusable: r.dataset.cropsUnusable ? t('eval.unusable', { count: r.dataset.cropsUnusable }) : '',
      }),
    ],
    [
      t('eval.label.models'),
      r.models.length ? r.models.map((m) => `${m.name} ${m.sha256.slice(0, 12)}`).join(', ') : t('eval.none'),
    ],
    [
      t('eval.label.protocol'),
      t('eval.protocol', {
        method: r.protocol.aggregation.method,
        trim: r.protocol.aggregation.trimFraction,
        suspicious: pct(r.protocol.falseAlarmTargets.suspicious),
        likelyFake: pct(r.protocol.falseAlarmTargets.likelyFake),
        minPx: r.protocol.minJudgeableFacePx,
        minSec: r.protocol.minUsableFaceSec,
        minFrames: r.protocol.minScoredFrames,
      }),
    ],
  ]);
  const lines = [
    ...header,
    '',
    t('eval.header-overall'),
    '|---|---|---|---|---|---|---|---|',
    `| ${t('eval.row-all')} | ${o.verified.genuine} / ${o.verified.swap} | ${num(o.auc)} ${ci(o.ci.low, o.ci.high)} | ${pct(o.eer)} | ` +
      `${pct(o.falseAlarmRate)} | ${pct(o.missRate)} | ${pct(o.notVerifiedGenuine)} / ${pct(o.notVerifiedSwap)} | ${r.speed.cropsPerSec} |`,
    '',
    t('eval.header-method'),
    '|---|---|---|',
    ...r.perMethod.map((m) => `| ${m.group} | ${m.positives} | ${num(m.auc)} ${ci(m.ci.low, m.ci.high)} |`),
    '',
    ...(r.pairedRegions
      ? [
          t('eval.paired-regions', {
            higher: r.pairedRegions.swapHigher,
            pairs: r.pairedRegions.pairs,
            share: pct(r.pairedRegions.share),
            ci: `[${pct(r.pairedRegions.ci.low)}, ${pct(r.pairedRegions.ci.high)}]`,
          }),
          t('eval.twin-look', { auc: num(r.pairedRegions.twinsVsOtherGenuineAuc) }),
          '',
        ]
      : []),
    t('eval.header-fold'),
    '|---|---|---|---|---|---|',
    ...r.perFold.map(
      (f) =>
        `| ${f.fold} | ${f.test.genuine} / ${f.test.swap} | ${num(f.auc)} | ${num(f.platt.slope, 2)}, ${num(f.platt.intercept, 2)}` +
        `${f.platt.slopeClamped ? t('eval.clamped') : ''} | ${num(f.suspiciousThreshold)} | ${num(f.likelyFakeThreshold)} |`,
    ),
    '',
  ];
  for (const b of r.beautyFilter)
    lines.push(
      t('eval.beauty-filter', {
        level: t(`eval.beauty-level.${b.level}` as const),
        genuine: b.genuine,
        before: pct(b.falseAlarmRate),
        after: pct(b.falseAlarmRateFiltered),
        shift: num(b.meanProbabilityShift),
      }),
    );
  lines.push('');
  if (r.afterFaceTime.length)
    lines.push(
      t('eval.face-time'),
      t('eval.header-face-time'),
      '|---|---|---|---|---|---|',
      ...r.afterFaceTime.map(
        (f) =>
          `| ${f.seconds} s | ${f.verified.genuine} / ${f.verified.swap} | ${num(f.auc)} ${ci(f.ci.low, f.ci.high)} | ` +
          `${pct(f.falseAlarmRate)} | ${pct(f.missRate)} | ${pct(f.notVerifiedGenuine)} / ${pct(f.notVerifiedSwap)} |`,
      ),
      '',
    );
  if (r.trainerAgreement)
    lines.push(
      t('eval.trainer-agreement', {
        crops: r.trainerAgreement.crops,
        mean: r.trainerAgreement.meanAbsDiff,
        max: r.trainerAgreement.maxAbsDiff,
      }),
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
