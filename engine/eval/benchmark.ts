// `callsentinel bench`: how fast the face pipeline and the detector signals run on this machine.
// It decodes and analyses generated call-like clips (640×480, 30 fps; one face and four faces)
// and reports milliseconds per frame for each stage (each signal is a stage of its own) and
// end-to-end frames per second; then each signal model alone on one crop-sized input, since the
// per-frame numbers are amortised over the frames a signal skips.

import os from 'node:os';
import { createFaceTracker, type FaceConfig } from '../face/index.ts';
import { readFrames, resolveFfmpeg } from '../media/index.ts';
import type { ModelStore, OnnxModel } from '../runtime/index.ts';
import { FACE_PIPELINE_MODELS } from '../face/index.ts';
import { median } from '../core/stats.ts';
import { SignalRunner } from '../analysis/signal-runner.ts';
import { BUILT_IN_SIGNALS } from '../signals/index.ts';
import type { SignalDefinition } from '../signals/types.ts';
import { formatMessage, type Lang, type MessageKey, type MessageParams } from '../core/messages.ts';
import { alignLabels } from '../core/text-width.ts';

export interface BenchCase {
  label: string;
  clipPath: string;
  expectedFaces: number;
}

export interface StageStats {
  /** Median milliseconds per frame (stages that did not run in a frame count as 0 there). */
  medianMs: number;
  meanMs: number;
}

export interface BenchCaseResult {
  label: string;
  frames: number;
  decodeOnlyFps: number;
  endToEndFps: number;
  meanFacesPerFrame: number;
  stages: Record<'decode' | 'detect' | 'mesh' | 'crop' | 'total', StageStats>;
  /** One stage per signal, by id (its update() time per frame; amortised over skipped frames). */
  signals: Record<string, SignalStageStats>;
}

export interface SignalStageStats extends StageStats {
  /** Null when the signal ran; why it did not (e.g. its model is not installed). */
  error: string | null;
}

export interface BenchReport {
  machine: { cpu: string; cores: number; node: string; platform: string };
  ffmpeg: { path: string; source: string };
  models: Array<{ name: string; sha256: string }>;
  cases: BenchCaseResult[];
  /** Each signal model's inference on one input (its own dims), with the store's thread count. */
  modelInference: ModelInferenceStats[];
}

export interface ModelInferenceStats {
  name: string;
  threads: number;
  runs: number;
  medianMs: number;
}

/** Runs timed per model after WARM_UP_RUNS untimed ones (the first runs allocate). */
const TIMED_RUNS = 200;
const WARM_UP_RUNS = 20;

export async function runBenchmark(
  cases: readonly BenchCase[],
  models: ModelStore,
  faceConfig: Partial<FaceConfig> = {},
  signals: readonly SignalDefinition[] = BUILT_IN_SIGNALS,
): Promise<BenchReport> {
  const results: BenchCaseResult[] = [];
  for (const c of cases) results.push(await benchCase(c, models, faceConfig, signals));
  const names = [...FACE_PIPELINE_MODELS, ...signals.flatMap((s) => s.models)];
  const loaded = (await Promise.allSettled(names.map((name) => models.load(name))))
    .filter((r) => r.status === 'fulfilled')
    .map((r) => r.value);
  const signalModels = new Set(signals.flatMap((s) => s.models));
  const modelInference: ModelInferenceStats[] = [];
  for (const model of loaded.filter((m) => signalModels.has(m.name))) {
    modelInference.push(await timeModel(model, models.threads));
  }
  const ffmpeg = resolveFfmpeg();
  return {
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
    },
    ffmpeg: { path: ffmpeg.path, source: ffmpeg.source },
    models: loaded.map((m) => ({ name: m.name, sha256: m.sha256 })),
    cases: results,
    modelInference,
  };
}

/** Median time of one inference on a smooth ramp input of the model's own dims. */
async function timeModel(model: OnnxModel, threads: number): Promise<ModelInferenceStats> {
  const size = model.inputDims.reduce((a, b) => a * b, 1);
  const input = Float32Array.from({ length: size }, (_, i) => (i % 251) / 250);
  const times: number[] = [];
  for (let i = 0; i < WARM_UP_RUNS + TIMED_RUNS; i++) {
    const t0 = performance.now();
    await model.run(input, model.inputDims);
    if (i >= WARM_UP_RUNS) times.push(performance.now() - t0);
  }
  return { name: model.name, threads, runs: TIMED_RUNS, medianMs: round(median(times)) };
}

async function benchCase(
  c: BenchCase,
  models: ModelStore,
  faceConfig: Partial<FaceConfig>,
  signals: readonly SignalDefinition[],
): Promise<BenchCaseResult> {
  // Decode alone first: what ffmpeg plus the pipe into Node can deliver.
  let decoded = 0;
  const d0 = performance.now();
  for await (const frame of readFrames(c.clipPath)) decoded = frame.index + 1;
  const decodeOnlyFps = decoded / ((performance.now() - d0) / 1000);

  const tracker = await createFaceTracker(models, faceConfig);
  const runner = await SignalRunner.start(signals, models);
  const perSignal = new Map<string, number[]>(signals.map((s) => [s.id, []]));
  const per = {
    decode: [] as number[],
    detect: [] as number[],
    mesh: [] as number[],
    crop: [] as number[],
    total: [] as number[],
  };
  let faces = 0;
  const t0 = performance.now();
  let waitStart = performance.now();
  for await (const frame of readFrames(c.clipPath)) {
    const gotFrame = performance.now();
    const result = await tracker.process(frame);
    const spent = await runner.update({
      frameIndex: frame.index,
      timeSec: frame.timeSec,
      width: frame.width,
      height: frame.height,
      data: frame.data,
      faces: result.faces,
    });
    for (const [id, list] of perSignal) list.push(spent[id] ?? 0);
    const done = performance.now();
    per.decode.push(gotFrame - waitStart);
    per.detect.push(result.timingsMs.detect);
    per.mesh.push(result.timingsMs.mesh);
    per.crop.push(result.timingsMs.crop);
    per.total.push(done - waitStart);
    faces += result.faces.length;
    waitStart = performance.now();
  }
  const frames = per.total.length;
  const wallSec = (performance.now() - t0) / 1000;
  await runner.flush();
  const runs = runner.results();
  await runner.dispose();
  const stats = (v: number[]): StageStats => ({
    medianMs: round(median(v)),
    meanMs: round(v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)),
  });
  return {
    label: c.label,
    frames,
    decodeOnlyFps: round(decodeOnlyFps),
    endToEndFps: round(frames / wallSec),
    meanFacesPerFrame: round(faces / Math.max(1, frames)),
    stages: {
      decode: stats(per.decode),
      detect: stats(per.detect),
      mesh: stats(per.mesh),
      crop: stats(per.crop),
      total: stats(per.total),
    },
    signals: Object.fromEntries(
      runs.map((r) => [r.id, { ...stats(perSignal.get(r.id) ?? []), error: r.error }]),
    ),
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The report as text for people: labels in `lang`; numbers, ids, paths and hashes as they are. */
export function formatBenchReport(r: BenchReport, lang: Lang = 'en'): string {
  const t = (key: MessageKey, params: MessageParams = {}) => formatMessage(key, params, lang);
  const signalIds = [...new Set(r.cases.flatMap((c) => Object.keys(c.signals)))];
  const failures = [
    ...new Set(
      r.cases.flatMap((c) =>
        Object.entries(c.signals)
          .filter(([, s]) => s.error)
          .map(([id, s]) => t('bench.did-not-run', { id, error: s.error! })),
      ),
    ),
  ];
  const lines = [
    ...alignLabels([
      [t('bench.label.machine'), t('bench.machine', { ...r.machine })],
      [t('bench.label.ffmpeg'), `${r.ffmpeg.path} (${r.ffmpeg.source})`],
      [t('bench.label.models'), r.models.map((m) => `${m.name} ${m.sha256.slice(0, 12)}`).join(', ')],
    ]),
    '',
    t('bench.header', { signals: signalIds.map((id) => `${id} ms | `).join('') }),
    `|---|---|---|---|---|---|---|${signalIds.map(() => '---|').join('')}---|---|---|`,
    ...r.cases.map(
      (c) =>
        `| ${c.label} | ${c.frames} | ${c.meanFacesPerFrame} | ${c.stages.decode.meanMs} | ${c.stages.detect.meanMs} | ` +
        `${c.stages.mesh.meanMs} | ${c.stages.crop.meanMs} | ` +
        signalIds
          .map((id) => `${c.signals[id]?.error ? t('bench.not-run') : c.signals[id]?.meanMs} | `)
          .join('') +
        `${c.stages.total.meanMs} | ${c.endToEndFps} | ${c.decodeOnlyFps} |`,
    ),
    '',
    t('bench.note'),
    ...r.modelInference.map((m) => t('bench.model-inference', { ...m })),
    ...failures,
    '',
  ];
  return lines.join('\n');
}
