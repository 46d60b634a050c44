// `callsentinel eval` end to end on a tiny synthetic crop cache (test/support/synthetic-crop-cache.ts)
// with stand-in per-fold models: it runs for every scorer, writes JSON + SVG, labels in-sample
// numbers, refuses without fold models, and --write-calibration's file is one the signal loads.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../engine/cli/cli-io.ts';
import { main } from '../../../engine/cli/main.ts';
import { formatEvalReport } from '../../../engine/eval/eval-report.ts';
import { pairedRegionComparison } from '../../../engine/eval/paired-regions.ts';
import { runEvaluation, writeSignalCalibration } from '../../../engine/eval/run-eval.ts';
import { createScorerRegistry } from '../../../engine/eval/scorers/index.ts';
import { ModelStore } from '../../../engine/runtime/index.ts';
import { faceSwapSignal } from '../../../engine/signals/face-swap/index.ts';
import { DEFAULT_FACE_SWAP_CONFIG } from '../../../engine/signals/face-swap/config.ts';
import { writeStandInModelsDir } from '../../support/stand-in-face-swap.ts';
import {
  writeStandInFoldModels,
  writeSyntheticCropCache,
  type SyntheticCache,
} from '../../support/synthetic-crop-cache.ts';

async function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...process.env, CALLSENTINEL_DATA: undefined, CALLSENTINEL_CACHE: undefined },
    stderrIsTty: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('callsentinel eval', () => {
  let tmp: string;
  let cache: SyntheticCache;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'cs-eval-'));
    cache = await writeSyntheticCropCache(path.join(tmp, 'cache'));
  });

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('refuses without per-fold models, naming them', async () => {
    const r = await runCli(['eval', '--cache', cache.root, '--out', path.join(tmp, 'out0')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('E_EVAL_NO_FOLD_MODELS');
    expect(r.stderr).toContain('fold-0.onnx, fold-1.onnx, fold-2.onnx');
  });

  it('scores the held-out folds with the face-swap scorer and writes JSON and SVG', async () => {
    writeStandInFoldModels(cache);
    const out = path.join(tmp, 'out');
    const r = await runCli(['eval', '--cache', cache.root, '--out', out, '--resamples', '1000']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('| all |');
    expect(r.stdout).toContain('method-A');
    const report = JSON.parse(readFileSync(path.join(out, 'face-swap.json'), 'utf8'));
    expect(report.inSample).toBe(false);
    expect(report.dataset.itemsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.dataset.items).toEqual({ genuine: 10, swap: 6, stillsSkipped: 0, unlabelledSkipped: 1 });
    expect(report.models.map((m: { fold: number }) => m.fold)).toEqual([0, 1, 2]);
    expect(report.models[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    // Brightened "swaps" against darkened genuine crops: the stand-in separates them.
    expect(report.overall.auc).toBe(1);
    expect(report.overall.ci.resamples).toBe(1000);
    expect(report.overall.verified).toEqual({ genuine: 9, swap: 6 });
    expect(report.overall.notVerifiedGenuine).toBeCloseTo(1 / 10, 12);
    expect(report.overall.falseAlarmRate).toBeLessThanOrEqual(0.2);
    expect(report.perMethod.map((m: { group: string }) => m.group)).toEqual(['method-A', 'method-B']);
    expect(report.perFold).toHaveLength(3);
    // Every synthetic item is a file of its own: no same-clip pairs, and no line about them.
    expect(report.pairedRegions).toBeNull();
    expect(r.stdout).not.toContain('same clip');
    // With pairs, the table says how many and how the genuine halves rank, in both languages.
    const paired = {
      ...report,
      pairedRegions: pairedRegionComparison([
        { file: 'sbs.mp4', label: 0, score: -1 },
        { file: 'sbs.mp4', label: 1, score: 0.5 },
        { file: 'other.mp4', label: 0, score: -2 },
      ]),
    };
    expect(formatEvalReport(paired)).toContain('the swap scored higher in 1 of 1 (100.0 %');
    expect(formatEvalReport(paired)).toContain('every other genuine item: AUC 1.000');
    expect(formatEvalReport(paired, 'zh-CN')).toContain('换脸一半得分更高的有 1 / 1 对');
    expect(report.trainerAgreement.crops).toBe(96);
    expect(report.speed.cropsPerSec).toBeGreaterThan(0);
    // The beauty-filter rescoring: every verified genuine item, once per strength, rates in [0, 1].
    expect(report.beautyFilter.map((b: { level: string }) => b.level)).toEqual(['light', 'strong']);
    for (const b of report.beautyFilter) {
      expect(b.genuine).toBe(9);
      expect(b.falseAlarmRate).toBe(report.overall.falseAlarmRate);
      expect(b.falseAlarmRateFiltered).toBeGreaterThanOrEqual(0);
      expect(b.falseAlarmRateFiltered).toBeLessThanOrEqual(1);
    }
    expect(r.stdout).toContain('strong beauty filter');
    // The verdict after the first T seconds of face: one row per T; longer evidence never
    // verifies more items (a window holds only what the whole item holds).
    const times = report.afterFaceTime.map((f: { seconds: number }) => f.seconds);
    expect(times).toEqual([1, 1.5, 2, 3, 5]);
    const verifiedAt = report.afterFaceTime.map(
      (f: { verified: { genuine: number; swap: number } }) => f.verified.genuine + f.verified.swap,
    );
    for (let k = 1; k < verifiedAt.length; k++) expect(verifiedAt[k]).toBeLessThanOrEqual(verifiedAt[k - 1]);
    expect(verifiedAt[0]).toBeGreaterThan(0);
    expect(r.stdout).toContain('verdict after the first T seconds of face');
    const unverified = report.items.find(
      (i: { notVerifiedCause: string | null }) => i.notVerifiedCause !== null,
    );
    expect(unverified).toMatchObject({ verdict: 'not_verified', notVerifiedCause: 'too-little-face' });
    const svg = readFileSync(path.join(out, 'face-swap-roc.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('all methods, 6 swap items (AUC 1.000)');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it("checks the cache's folds against the trainer's record of its split", async () => {
    const oofFile = path.join(cache.trainDir, 'oof-scores.jsonl');
    const original = readFileSync(oofFile, 'utf8');
    try {
      const first = JSON.parse(original.split('\n')[0]!);
      writeFileSync(oofFile, original + JSON.stringify({ ...first, fold: (first.fold + 1) % 3 }) + '\n');
      const moved = await runCli(['eval', '--cache', cache.root, '--out', path.join(tmp, 'out-x')]);
      expect(moved.code).toBe(2);
      expect(moved.stderr).toMatch(/trained on another split/);
      rmSync(oofFile);
      const none = await runCli(['eval', '--cache', cache.root, '--out', path.join(tmp, 'out-x')]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('--folds-from-cache');
      const trusted = await runCli([
        'eval',
        '--cache',
        cache.root,
        '--out',
        path.join(tmp, 'out-x'),
        '--folds-from-cache',
        '--resamples',
        '100',
      ]);
      expect(trusted.code, trusted.stderr).toBe(0);
    } finally {
      writeFileSync(oofFile, original);
    }
  });

  it('runs the antispoof and face-blur baselines through the same protocol', async () => {
    for (const scorer of ['antispoof', 'face-blur']) {
      const out = path.join(tmp, `out-${scorer}`);
      const r = await runCli([
        'eval',
        '--scorer',
        scorer,
        '--cache',
        cache.root,
        '--out',
        out,
        '--resamples',
        '200',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(readFileSync(path.join(out, `${scorer}.json`), 'utf8'));
      expect(report.scorer.name).toBe(scorer);
      expect(report.dataset.cropsScored).toBe(96);
      expect(report.overall.auc).toBeGreaterThanOrEqual(0);
      expect(existsSync(path.join(out, `${scorer}-roc.svg`))).toBe(true);
    }
    // The fusion protocol scans the media itself, so it needs the data folder and says so.
    const fusion = await runCli(['eval', '--protocol', 'fusion', '--cache', cache.root]);
    expect(fusion.code).toBe(2);
    expect(fusion.stderr).toMatch(/CALLSENTINEL_DATA.*\[E_DATA_MISSING\]/);
    const unknown = await runCli(['eval', '--scorer', 'nope', '--cache', cache.root]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('known: face-swap, antispoof, face-blur');
  });

  it('labels in-sample numbers, and writes a calibration only from out-of-fold scores', async () => {
    const trained = path.join(tmp, 'models');
    writeStandInModelsDir(trained, { calibration: false });
    const models = new ModelStore({ trainedModelsDir: trained });
    try {
      const scorer = createScorerRegistry().get('face-swap');
      const inSample = await runEvaluation({
        cacheDir: cache.dir,
        scorer,
        models,
        foldModelsDir: path.join(tmp, 'no-fold-models'),
        foldsFromCache: true,
        allowInSample: true,
        bootstrap: { resamples: 200 },
      });
      expect(inSample.inSample).toBe(true);
      await expect(writeSignalCalibration(inSample, scorer.calibrates!, models, 'test')).rejects.toThrow(
        /out-of-fold/,
      );

      const heldOut = await runEvaluation({
        cacheDir: cache.dir,
        scorer,
        models,
        foldModelsDir: cache.trainDir,
        foldsFromCache: false,
        allowInSample: false,
        bootstrap: { resamples: 200 },
      });
      const file = await writeSignalCalibration(heldOut, scorer.calibrates!, models, 'test');
      expect(file).toBe(path.join(trained, 'face-swap.calibration.json'));
      const written = JSON.parse(readFileSync(file, 'utf8'));
      expect(written.fit).toMatchObject({
        items: 15,
        genuine: 9,
        swap: 6,
        datasetSha256: heldOut.dataset.itemsSha256,
      });
      expect(written.platt.slope).toBeGreaterThan(0);
      // The signal accepts it: same model, same aggregation.
      const instance = await faceSwapSignal.create({ models }, { ...DEFAULT_FACE_SWAP_CONFIG });
      expect(instance.operatingPoints).toHaveLength(5);
      await instance.dispose();
    } finally {
      await models.dispose();
    }
  });
});
