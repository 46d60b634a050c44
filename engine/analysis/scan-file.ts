// Analyses one recording end to end: frames from ffmpeg → faces → signals → verdict, and
// assembles the scan result. The CLI, the evaluation and the app all call this one function.

import { isCallSentinelError } from '../core/errors.ts';
import { sha256File } from '../core/hash.ts';
import { formatMessage, type Lang, type MessageKey } from '../core/messages.ts';
import { choosePrimaryTrack, createFaceTracker, type FaceConfig, type FrameFaces } from '../face/index.ts';
import type { CallSentinelConfig } from '../config/index.ts';
import { DEFAULT_CONFIG } from '../config/index.ts';
import type { FalseAlarmTargets } from '../fusion/calibration.ts';
import { type VerdictReason, type VerdictResult, type VerdictThresholds } from '../fusion/verdict.ts';
import type { TrackSummary } from '../face/index.ts';
import type { RgbImage } from '../face/image-warp.ts';
import { fuseWindowScores } from '../fusion/window-score.ts';
import { appVersion } from '../core/app-info.ts';
import { configHash } from '../config/index.ts';
import type { EvidenceLogWriter } from '../evidence/log-writer.ts';
import { ScanEvidenceRecorder } from './evidence-recorder.ts';
import { probeMedia, readFrames, resolveFfmpeg } from '../media/index.ts';
import type { ModelStore } from '../runtime/index.ts';
import { BUILT_IN_SIGNALS } from '../signals/index.ts';
import type { SignalDefinition, SignalObservation } from '../signals/types.ts';
import type { ScanFace, ScanResult, ScanSignal, ScanTimelineEntry } from './scan-result.ts';
import { SCAN_RESULT_SCHEMA_VERSION } from './scan-result.ts';
import { SignalRunner, type SignalConfigs, type SignalRunResult } from './signal-runner.ts';
import {
  assessTrack,
  judgingSignalIds,
  trackObservations,
  UsableFaceTally,
  verdictThresholds,
} from './track-assessment.ts';

export interface ScanProgress {
  frames: number;
  timeSec: number;
  durationSec: number | null;
}

export interface ScanOptions {
  models: ModelStore;
  maxSeconds?: number;
  /** Analyse at most this many frames per media second (default: every frame). */
  sampleFps?: number;
  /**
   * The part of each decoded frame to analyse (default: all of it). The evaluation cuts the
   * genuine and swapped halves of a side-by-side clip apart with this.
   */
  region?: (frame: RgbImage) => RgbImage;
  lang?: Lang;
  /** The resolved configuration (profile, face pipeline, quality limits, verdict); default: built-in. */
  config?: CallSentinelConfig;
  /** Overrides `config.face` (tests, benchmark). */
  faceConfig?: Partial<FaceConfig>;
  /** The detector signals to run (default: every built-in signal). */
  signals?: readonly SignalDefinition[];
  /** Partial config per signal id. */
  signalConfig?: SignalConfigs;
  /** False-alarm rates the verdict thresholds are chosen for (default: the profile's rate for suspicious, 1 % likely fake). */
  falseAlarmTargets?: FalseAlarmTargets;
  signal?: AbortSignal;
  /** Write the evidence log of this scan here (hash-chained NDJSON, engine/evidence). */
  evidence?: { writer: EvidenceLogWriter; operator?: string };
  onProgress?: (p: ScanProgress) => void;
  /** Called once at the end with every signal's results and the primary track (the evaluation keeps features). */
  onSignalResults?: (results: readonly SignalRunResult[], primaryTrackId: number | null) => void;
  /** Called with each analysed frame's faces (the benchmark and tests look inside). */
  onFrame?: (faces: FrameFaces) => void;
}

export async function scanFile(path: string, options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const lang = options.lang ?? 'en';
  const ffmpeg = resolveFfmpeg();
  const info = await probeMedia(path);
  const hashing = sha256File(path);
  const config = options.config ?? DEFAULT_CONFIG;
  const tracker = await createFaceTracker(options.models, { ...config.face, ...options.faceConfig });
  const runner = await SignalRunner.start(
    options.signals ?? BUILT_IN_SIGNALS,
    options.models,
    options.signalConfig,
  );
  try {
    return await analyse(path, options, { started, lang, config, ffmpeg, info, hashing, tracker, runner });
  } finally {
    await runner.dispose();
  }
}

interface ScanSetup {
  started: number;
  lang: Lang;
  config: CallSentinelConfig;
  ffmpeg: ReturnType<typeof resolveFfmpeg>;
  info: Awaited<ReturnType<typeof probeMedia>>;
  hashing: Promise<string>;
  tracker: Awaited<ReturnType<typeof createFaceTracker>>;
  runner: SignalRunner;
}

async function analyse(path: string, options: ScanOptions, setup: ScanSetup): Promise<ScanResult> {
  const { started, lang, config, ffmpeg, info, hashing, tracker, runner } = setup;
  // Only calibrated judging signals decide; the others are shown with their reasons (docs/fusion.md).
  const judgingSignals = judgingSignalIds(options.signals ?? BUILT_IN_SIGNALS);
  const thresholds = verdictThresholds(runner.results(), judgingSignals, config, options.falseAlarmTargets);
  const recorder = options.evidence
    ? await openRecorder(path, options, setup, thresholds, judgingSignals)
    : null;
  const tally = new UsableFaceTally(config.usableFace);
  const facesPerSecond = new Map<number, number>();
  let primarySecond = -1;
  let currentPrimary: number | null = null;
  for await (const decoded of readFrames(path, {
    maxSeconds: options.maxSeconds,
    sampleFps: options.sampleFps,
    signal: options.signal,
  })) {
    const frame = options.region ? { ...decoded, ...options.region(decoded) } : decoded;
    const result = await tracker.process(frame);
    await runner.update({
      frameIndex: frame.index,
      timeSec: frame.timeSec,
      width: frame.width,
      height: frame.height,
      data: frame.data,
      faces: result.faces,
    });
    tally.add(result);
    if (recorder) {
      // The current primary face, re-chosen once per media second (summaries sort every size seen).
      const second = Math.floor(frame.timeSec);
      if (second !== primarySecond) {
        primarySecond = second;
        currentPrimary = choosePrimaryTrack(tracker.summaries());
      }
      await recorder.frame(frame, result, runner.results(), currentPrimary);
    }
    const second = Math.floor(frame.timeSec);
    facesPerSecond.set(second, Math.max(facesPerSecond.get(second) ?? 0, result.faces.length));
    options.onFrame?.(result);
    options.onProgress?.({ frames: tally.frames, timeSec: frame.timeSec, durationSec: info.durationSec });
  }
  const framesAnalyzed = tally.frames;
  if (framesAnalyzed === 0) throw new Error(`no frames were decoded from ${path}`);
  await runner.flush();
  const signalResults = runner.results();

  const summaries = tracker.summaries();
  const primaryTrackId = choosePrimaryTrack(summaries);
  options.onSignalResults?.(signalResults, primaryTrackId);
  const frameIntervalSec = tally.frameIntervalSec();
  // Every face is assessed on its own, so none is ignored silently; the primary face's is the verdict.
  const context = { tally, signalResults, thresholds, judgingSignals, isStillImage: info.isStillImage };
  const assess = (s: TrackSummary | null): VerdictResult => assessTrack(s, context);
  const perTrack = new Map(summaries.map((s) => [s.trackId, assess(s)]));
  const verdict = (primaryTrackId !== null ? perTrack.get(primaryTrackId) : undefined) ?? assess(null);

  const lastTime = tally.lastTimeSec;
  const durationSec = info.isStillImage ? 0 : Math.max(lastTime + frameIntervalSec, 0);
  const faces: ScanFace[] = summaries.map((s) => ({
    id: s.trackId,
    primary: s.trackId === primaryTrackId,
    firstSec: round(s.firstSec, 3),
    lastSec: round(s.lastSec, 3),
    frames: s.frames,
    medianFaceSizePx: round(s.medianFaceSizePx, 1),
    yawMinDeg: round(s.yawMinDeg, 1),
    yawMaxDeg: round(s.yawMaxDeg, 1),
    verdict: perTrack.get(s.trackId)!.verdict,
    score: roundOrNull(perTrack.get(s.trackId)!.score),
  }));
  const timelineScores = slidingScores(signalResults, primaryTrackId, judgingSignals);
  const timeline: ScanTimelineEntry[] = [];
  for (let t = 0; t <= Math.floor(lastTime); t++)
    timeline.push({ t, score: timelineScores.get(t) ?? null, faces: facesPerSecond.get(t) ?? 0 });

  const sha256 = await hashing;
  const wallSec = (performance.now() - started) / 1000;
  const result: ScanResult = {
    schemaVersion: SCAN_RESULT_SCHEMA_VERSION,
    file: path,
    sha256,
    durationSec: round(durationSec, 3),
    framesAnalyzed,
    analysisFps: round(framesAnalyzed / wallSec, 2),
    verdict: verdict.verdict,
    score: verdict.score,
    confidence: verdict.confidence,
    primaryTrackId,
    reasons: verdict.reasons.map((r) => localizeReason(r, lang)),
    signals: Object.fromEntries(signalResults.map((r) => [r.id, scanSignal(r, primaryTrackId, lang)])),
    faces,
    timeline,
    media: {
      width: info.width,
      height: info.height,
      fpsHz: info.fpsHz,
      isStillImage: info.isStillImage,
      sampleFps: options.sampleFps ?? null,
    },
    ffmpeg: { path: ffmpeg.path, source: ffmpeg.source },
  };
  await recorder?.finish(result);
  return result;
}

/** Opens the evidence log with its session record: app, configuration, models and input hash. */
async function openRecorder(
  path: string,
  options: ScanOptions,
  setup: ScanSetup,
  thresholds: VerdictThresholds,
  judgingSignals: ReadonlySet<string>,
): Promise<ScanEvidenceRecorder> {
  const { writer, operator } = options.evidence!;
  // The thresholds in force are part of the session's configuration (the report draws its bands from them).
  const config = {
    ...setup.config,
    thresholds: { suspiciousScore: thresholds.suspiciousScore, likelyFakeScore: thresholds.likelyFakeScore },
  };
  writer.append({
    type: 'session-started',
    mediaTimeSec: null,
    appVersion: appVersion(),
    configHash: configHash(setup.config),
    config,
    models: await options.models.loadedModels(),
    input: { kind: 'file', path, sha256: await setup.hashing },
    ...(operator ? { operator } : {}),
    lang: setup.lang,
  });
  return new ScanEvidenceRecorder(writer, thresholds, judgingSignals, setup.lang);
}

/**
 * `signals[id]` of the scan result: what the signal concluded about the primary face; a failed
 * signal also says why (`error`), so a broken install is not just "a detector could not run".
 */
function scanSignal(r: SignalRunResult, trackId: number | null, lang: Lang): ScanSignal {
  const error =
    r.error === null ? {} : { error: isCallSentinelError(r.failure) ? r.failure.localized(lang) : r.error };
  const o = trackObservations(r, trackId)[0];
  if (o)
    return {
      score: roundOrNull(o.score),
      confidence: round(o.confidence, 3),
      status: o.status,
      reason: o.reasonKey,
      ...error,
    };
  if (r.error !== null)
    return { score: null, confidence: 0, status: 'degraded', reason: 'reason.signal-failed', ...error };
  return {
    score: null,
    confidence: 0,
    status: 'insufficient-data',
    reason: trackId === null ? 'reason.no-face' : 'reason.signal-too-little-data',
  };
}

/** Timeline score per second: the judging signals' latest windows of the track ending in that second, fused. */
function slidingScores(
  results: readonly SignalRunResult[],
  trackId: number | null,
  judgingSignals: ReadonlySet<string>,
): Map<number, number> {
  const perSecond = new Map<number, Map<string, SignalObservation>>();
  if (trackId === null) return new Map();
  for (const r of results) {
    for (const o of r.windows) {
      if (o.trackId !== trackId) continue;
      const second = Math.floor(o.endSec);
      const slot = perSecond.get(second) ?? new Map<string, SignalObservation>();
      slot.set(o.signalId, o);
      perSecond.set(second, slot);
    }
  }
  const scores = new Map<number, number>();
  for (const [second, slot] of perSecond) {
    const score = fuseWindowScores(slot.values(), judgingSignals);
    if (score !== null) scores.set(second, round(score, 3));
  }
  return scores;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value, 4);
}

function localizeReason(reason: VerdictReason, lang: Lang): { code: string; message: string } {
  return { code: reason.key, message: formatMessage(reason.key as MessageKey, reason.params, lang) };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
