// `scan FILE --challenges auto`: a recorded call in which the caller was asked to turn the head,
// pass a hand over the face or come close (or did so on their own). The moments are found
// (moments.ts) and each is scored like a live challenge: the face-swap detector's score over the
// moment's frames against the same face's calm frames, and identity continuity (identity.ts)
// against the calm face. Rules (docs/fusion.md §6): an identity switch makes the verdict
// `likely_fake`; a moment whose face-swap score rises above the calm score by more than genuine
// clips' moments do (`maxGenuineRise`, measured, docs/challenges.md) makes it at least `suspicious`.
//
// Cost: one more decode of the file with its own face tracker (scan-file's pass is left alone),
// MoveNet and the hand model on every analysed frame (a recording's moments are not announced),
// faceres `identity.sampleHz` times a second, and the face-swap model on every usable frame.

import path from 'node:path';
import type { CallSentinelConfig } from '../config/index.ts';
import { DEFAULT_CONFIG } from '../config/index.ts';
import { formatMessage, type Lang, type MessageKey } from '../core/messages.ts';
import { choosePrimaryTrack, createFaceTracker } from '../face/index.ts';
import { isUsableFace } from '../face/quality.ts';
import {
  DEFAULT_FALSE_ALARM_TARGETS,
  plattProbability,
  readSignalCalibration,
} from '../fusion/calibration.ts';
import { applyChallengeRules } from '../fusion/challenge-rules.ts';
import { thresholdsFromCalibration, type Verdict, type VerdictReason } from '../fusion/verdict.ts';
import { readFrames } from '../media/index.ts';
import type { ModelStore } from '../runtime/index.ts';
import { trimmedMean } from '../signals/common/aggregate.ts';
import { DEFAULT_FACE_SWAP_CONFIG } from '../signals/face-swap/config.ts';
import { FACE_SWAP_MODEL, FACE_SWAP_SIGNAL_ID, faceSwapSignal } from '../signals/face-swap/index.ts';
import { FaceEmbedder } from './face-embedding.ts';
import { IdentityMonitor, resolveIdentityConfig, type IdentitySummary } from './identity.ts';
import { findChallengeMoments, type MomentKind } from './moments.ts';
import { ChallengeObserver } from './observer.ts';
import type { ChallengeObservation } from './types.ts';

export interface RecordingChallengeConfig {
  /**
   * How far a moment's face-swap score may rise above the calm frames' before it counts against
   * the face. Measured on genuine clips' moments (docs/challenges.md): see the README table.
   */
  maxGenuineRise: number;
  /** A moment's score needs this many scored frames (else it is not used). */
  minScoredFrames: number;
  /** Frames this close to a moment are neither the moment nor calm, seconds. */
  marginSec: number;
}

export const DEFAULT_RECORDING_CHALLENGE_CONFIG: Readonly<RecordingChallengeConfig> = Object.freeze({
  maxGenuineRise: 0.25,
  minScoredFrames: 3,
  marginSec: 0.5,
});

export interface RecordingChallengeOptions {
  readonly models: ModelStore;
  readonly config?: CallSentinelConfig;
  readonly sampleFps?: number;
  readonly maxSeconds?: number;
  readonly signal?: AbortSignal;
  readonly lang?: Lang;
  readonly recording?: Partial<RecordingChallengeConfig>;
}

export interface MomentAssessment {
  kind: MomentKind;
  startSec: number;
  endSec: number;
  peak: number;
  /** Face-swap score (calibrated, trimmed mean over the moment's scored frames); null if too few. */
  score: number | null;
  scoredFrames: number;
  /** score − the calm frames' score. */
  rise: number | null;
  framesWithoutFace: number;
  identity: { comparedSamples: number; minSimilarity: number | null; switched: boolean };
}

export interface RecordingChallengeResult {
  primaryTrackId: number | null;
  framesAnalyzed: number;
  /** The calm reference: frames outside every moment, or the whole recording when there are none. */
  calm: { score: number | null; scoredFrames: number; source: 'calm-frames' | 'whole-recording' };
  moments: MomentAssessment[];
  identity: IdentitySummary;
  /** The passive verdict given in, and the verdict with the challenge rules applied. */
  passive: { verdict: Verdict; score: number | null };
  withChallenges: {
    verdict: Verdict;
    /** The passive score, or the highest moment score if that is higher (the hardest moment). */
    score: number | null;
    reasons: Array<{ code: string; message: string }>;
  };
  thresholds: { suspiciousScore: number; likelyFakeScore: number };
  maxGenuineRise: number;
}

interface FrameRecord {
  timeSec: number;
  observation: ChallengeObservation;
  /** Face-swap frame logits by track id. */
  logits: Map<number, number>;
}

export async function analyseRecordingChallenges(
  file: string,
  passive: { verdict: Verdict; score: number | null; confidence?: number | null; reasons?: VerdictReason[] },
  options: RecordingChallengeOptions,
): Promise<RecordingChallengeResult> {
  const config = options.config ?? DEFAULT_CONFIG;
  const rc = { ...DEFAULT_RECORDING_CHALLENGE_CONFIG, ...options.recording };
  const identityConfig = resolveIdentityConfig(config.challenges.identity);
  const lang = options.lang ?? 'en';
  const { models } = options;
  // The face-swap signal with one-frame windows gives each frame's logit (features.rawScore);
  // segments are aggregated below exactly as the signal aggregates a track.
  const swapConfig = { ...DEFAULT_FACE_SWAP_CONFIG, windowSec: 1e-6, minScoredFrames: 1 };
  const [tracker, observer, embedder, swap] = await Promise.all([
    createFaceTracker(models, config.face),
    ChallengeObserver.forFaces(models),
    FaceEmbedder.load(models),
    faceSwapSignal.create({ models }, swapConfig),
  ]);
  const model = await models.load(FACE_SWAP_MODEL);
  const entry = await models.trainedModel(FACE_SWAP_MODEL);
  const calibration = await readSignalCalibration(
    path.join(models.trainedModelsDir, entry.calibration ?? `${FACE_SWAP_MODEL}.calibration.json`),
    {
      signalId: FACE_SWAP_SIGNAL_ID,
      modelName: FACE_SWAP_MODEL,
      modelSha256: model.sha256,
      trimFraction: swapConfig.trimFraction,
    },
  );
  const verdictThresholds = thresholdsFromCalibration([swap.operatingPoints ?? null], {
    ...DEFAULT_FALSE_ALARM_TARGETS,
    suspicious: config.verdict.targetFalseAlarmRate,
  });

  const frames: FrameRecord[] = [];
  const embeddings: Array<{ timeSec: number; trackId: number; vector: Float32Array }> = [];
  const sampler = new IdentityMonitor(identityConfig);
  let primary: number | null = null;
  let second = -1;
  try {
    for await (const frame of readFrames(file, {
      maxSeconds: options.maxSeconds,
      sampleFps: options.sampleFps,
      signal: options.signal,
    })) {
      const result = await tracker.process(frame);
      if (Math.floor(frame.timeSec) !== second) {
        second = Math.floor(frame.timeSec);
        primary = choosePrimaryTrack(tracker.summaries());
      }
      const observation = await observer.observeFaces(frame, result.faces, { subjectTrackId: primary });
      const logits = new Map<number, number>();
      for (const o of await swap.update({ ...frame, frameIndex: frame.index, faces: result.faces })) {
        const raw = o.features?.rawScore;
        if (o.status === 'ok' && typeof raw === 'number') logits.set(o.trackId, raw);
      }
      frames.push({ timeSec: frame.timeSec, observation, logits });
      const subject = observation.face
        ? result.faces.find((f) => f.trackId === observation.face!.trackId)
        : undefined;
      if (
        subject &&
        isUsableFace(subject.quality) &&
        sampler.due(frame.timeSec) &&
        sampler.usable(Math.max(subject.boxPx.width, subject.boxPx.height), subject.pose.yawDeg)
      ) {
        // The sampler only paces the embeddings here; the samples are judged once the moments are known.
        sampler.add(frame.timeSec, [1], 'before', null);
        embeddings.push({
          timeSec: frame.timeSec,
          trackId: subject.trackId,
          vector: await embedder.embed(frame, subject.landmarks, subject.boxPx),
        });
      }
    }
  } finally {
    await swap.dispose();
  }

  const primaryTrackId = choosePrimaryTrack(tracker.summaries());
  const mine = (o: ChallengeObservation) => o.face === null || o.face.trackId === primaryTrackId;
  const moments = findChallengeMoments(frames.map((f) => f.observation).filter(mine));
  const inMoment = (t: number, margin: number) =>
    moments.findIndex((m) => t >= m.startSec - margin && t <= m.endSec + margin);

  const segmentScore = (records: readonly FrameRecord[]) => {
    const logits = records
      .map((r) => (primaryTrackId === null ? undefined : r.logits.get(primaryTrackId)))
      .filter((x): x is number => x !== undefined);
    if (logits.length < rc.minScoredFrames) return { score: null, scoredFrames: logits.length };
    return {
      score: round(plattProbability(calibration.platt, trimmedMean(logits, swapConfig.trimFraction))),
      scoredFrames: logits.length,
    };
  };
  // A caller who sits turned ≥ 15° all along makes the whole recording one moment: then the calm
  // reference is the whole recording's passive score.
  const calmFrames = segmentScore(frames.filter((f) => inMoment(f.timeSec, rc.marginSec) < 0));
  const calm =
    calmFrames.score !== null
      ? { ...calmFrames, source: 'calm-frames' as const }
      : {
          score: passive.score === null ? null : round(passive.score),
          scoredFrames: 0,
          source: 'whole-recording' as const,
        };

  // Identity: replay the samples with their phase now that the moments are known.
  const identity = new IdentityMonitor(identityConfig);
  const firstMomentSec = moments.length > 0 ? moments[0]!.startSec : Infinity;
  const subjectSamples = embeddings.filter((e) => e.trackId === primaryTrackId);
  // Too few calm samples (the whole recording is a moment): the first samples are the baseline.
  const calmSamples = subjectSamples.filter((e) => inMoment(e.timeSec, 0) < 0).length;
  subjectSamples.forEach((e, i) => {
    const during = inMoment(e.timeSec, 0);
    const asBaseline = calmSamples < identityConfig.minBaselineSamples && i < identityConfig.baselineSamples;
    identity.add(
      e.timeSec,
      e.vector,
      during >= 0 && !asBaseline ? 'during' : e.timeSec < firstMomentSec ? 'before' : 'after',
      during >= 0 ? during : null,
    );
  });

  const assessed: MomentAssessment[] = moments.map((m, i) => {
    const records = frames.filter((f) => f.timeSec >= m.startSec && f.timeSec <= m.endSec);
    const s = segmentScore(records);
    const id = identity.summary(m.startSec, m.endSec);
    return {
      kind: m.kind,
      startSec: round(m.startSec),
      endSec: round(m.endSec),
      peak: round(m.peak),
      score: s.score,
      scoredFrames: s.scoredFrames,
      rise: s.score !== null && calm.score !== null ? round(s.score - calm.score) : null,
      framesWithoutFace: records.filter((r) => r.observation.face === null).length,
      identity: {
        comparedSamples: id.comparedSamples,
        minSimilarity: id.minSimilarity,
        switched: id.switches.some((w) => w.steps.includes(i)),
      },
    };
  });

  const identitySummary = identity.summary();
  const ruled = applyChallengeRules(
    { verdict: passive.verdict, score: passive.score, confidence: passive.confidence ?? null, reasons: [] },
    { steps: [], identitySwitches: identitySummary.switches },
  );
  let verdict = ruled.verdict;
  const reasons: VerdictReason[] = [...ruled.reasons];
  const risen = assessed.filter((m) => m.rise !== null && m.rise > rc.maxGenuineRise);
  if (risen.length > 0) {
    if (verdict === 'likely_real' || verdict === 'not_verified') verdict = 'suspicious';
    const top = risen.reduce((a, b) => (b.rise! > a.rise! ? b : a));
    reasons.push({
      key: 'reason.moment-score-rise',
      params: {
        kind: formatMessage(`moment.${top.kind}` as MessageKey, {}, lang),
        time: top.startSec.toFixed(1),
        score: top.score!.toFixed(2),
        calm: calm.score!.toFixed(2),
      },
    });
  }
  const momentScores = assessed.map((m) => m.score).filter((s): s is number => s !== null);
  const withScore =
    passive.score === null && momentScores.length === 0
      ? null
      : Math.max(passive.score ?? 0, ...momentScores);
  return {
    primaryTrackId,
    framesAnalyzed: frames.length,
    calm,
    moments: assessed,
    identity: identitySummary,
    passive: { verdict: passive.verdict, score: passive.score },
    withChallenges: {
      verdict,
      score: withScore === null ? null : round(withScore),
      reasons: reasons.map((r) => ({
        code: r.key,
        message: formatMessage(r.key as MessageKey, r.params, lang),
      })),
    },
    thresholds: {
      suspiciousScore: round(verdictThresholds.suspiciousScore),
      likelyFakeScore: round(verdictThresholds.likelyFakeScore),
    },
    maxGenuineRise: rc.maxGenuineRise,
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
