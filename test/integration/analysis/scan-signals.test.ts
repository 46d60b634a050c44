// scanFile runs every registered signal through one wrapper: with the stand-in face-swap model
// the scan fills `signals`, `timeline[].score` and a verdict from the calibration's operating
// points; a signal that throws is marked degraded and the scan still finishes.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFile } from '../../../engine/analysis/scan-file.ts';
import { makeMotionClip } from '../../../engine/eval/synthetic/motion-clips.ts';
import { ModelStore } from '../../../engine/runtime/index.ts';
import { faceSwapSignal } from '../../../engine/signals/face-swap/index.ts';
import type { SignalDefinition } from '../../../engine/signals/types.ts';
import { useModelStore } from '../../support/model-store.ts';
import { writeStandInModelsDir } from '../../support/stand-in-face-swap.ts';

const failing: SignalDefinition = {
  id: 'always-fails',
  title: 'test',
  citation: 'test',
  requires: ['frames'],
  models: [],
  defaultConfig: {},
  role: 'advisory',
  async create() {
    let frames = 0;
    return {
      async update() {
        if (++frames === 10) throw new Error('boom');
        return [];
      },
      async flush() {
        return [];
      },
      reset() {},
      async dispose() {},
    };
  },
};

describe('scanFile with signals', () => {
  let dir: string;
  let clip: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cs-scan-signals-'));
    writeStandInModelsDir(dir);
    clip = (await makeMotionClip({ motion: 'static', seconds: 4 })).path;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  // Made after the folder exists, disposed before it is removed (afterAll hooks run last-first).
  const models = useModelStore(() => ({ trainedModelsDir: dir }));

  it('fills signals, the timeline and the verdict, and survives a failing signal', async () => {
    const r = await scanFile(clip, { models: models(), signals: [faceSwapSignal, failing] });
    const fs = r.signals['face-swap']!;
    expect(fs.status).toBe('ok');
    expect(fs.score).toBeGreaterThan(0);
    expect(fs.score).toBeLessThan(1);
    expect(fs.confidence).toBeGreaterThan(0.9);
    expect(r.signals['always-fails']).toEqual({
      score: null,
      confidence: 0,
      status: 'degraded',
      reason: 'reason.signal-failed',
      error: 'boom',
    });
    // The stand-in's calibrated score against its operating points (0.6 at 5 %, 0.9 at 1 %).
    const expected = fs.score! >= 0.9 ? 'likely_fake' : fs.score! >= 0.6 ? 'suspicious' : 'likely_real';
    expect(r.verdict).toBe(expected);
    expect(r.score).toBeCloseTo(fs.score!, 3);
    expect(r.reasons.map((x) => x.code)).toEqual([fs.reason]);
    // Timeline: the 2 s sliding window needs 5 scored frames (every 2nd frame at 30 fps).
    expect(r.timeline).toHaveLength(4);
    expect(r.timeline.slice(1).every((e) => e.score !== null && e.score > 0 && e.score < 1)).toBe(true);
    expect(r.framesAnalyzed).toBe(120);
  });

  it('reports a signal whose model is missing as degraded and gives no verdict', async () => {
    const bare = new ModelStore({ trainedModelsDir: path.join(dir, 'nothing') });
    try {
      const r = await scanFile(clip, { models: bare, signals: [faceSwapSignal] });
      expect(r.signals['face-swap']).toMatchObject({ status: 'degraded', score: null });
      expect(r.signals['face-swap']!.error).toMatch(/face-swap/);
      expect(r.verdict).toBe('not_verified');
      expect(r.reasons.map((x) => x.code)).toEqual(['reason.no-detector', 'reason.signal-failed']);
      expect(r.timeline.every((e) => e.score === null)).toBe(true);
    } finally {
      await bare.dispose();
    }
  });

  it("says why a detector failed, in the user's language: a calibration fitted for another model", async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'cs-scan-mismatch-'));
    writeStandInModelsDir(other, { calibration: { model: { name: 'face-swap', sha256: 'ab'.repeat(32) } } });
    const store = new ModelStore({ trainedModelsDir: other });
    try {
      const en = await scanFile(clip, { models: store, signals: [faceSwapSignal], maxSeconds: 1 });
      expect(en.signals['face-swap']).toMatchObject({ status: 'degraded', reason: 'reason.signal-failed' });
      expect(en.signals['face-swap']!.error).toMatch(
        /fitted for the model with sha256 abababababab, this model has/,
      );
      const zh = await scanFile(clip, {
        models: store,
        signals: [faceSwapSignal],
        maxSeconds: 1,
        lang: 'zh-CN',
      });
      expect(zh.signals['face-swap']!.error).toMatch(
        /^校准文件 .* 不能用于模型 face-swap：它是为 sha256 为 abababababab 的模型拟合的/,
      );
      // A working signal carries no error field at all (the JSON contract stays as it was).
      const ok = await scanFile(clip, { models: models(), signals: [faceSwapSignal], maxSeconds: 1 });
      expect(ok.signals['face-swap']).not.toHaveProperty('error');
    } finally {
      await store.dispose();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
