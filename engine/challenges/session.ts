// A challenge session: a random sequence of challenges the operator reads out one after another,
// each checked by its verifier on the frames that follow the prompt, with identity continuity
// (identity.ts) watched before, during and after. Driven by media time (each frame's timeSec), so
// the same frames always give the same session; the clock never comes from the wall.
//
//   const session = new ChallengeSession({ models, config, onEvent: (e) => log.append(e) });
//   await session.prepare();                        // optional: load the models before the first frame
//   for each analysed frame: await session.update({ frame, faces });   // faces: the tracker's FrameFaces
//   session.start(); … session.next(); … session.abort();             // operator buttons
//   session.state()                                  // plain JSON for the UI
//
// Life cycle: idle (calm frames build the identity baseline) → start() → active (step i: the
// verifier runs on every frame; `performed` ends the step at once, the time limit ends it as
// timed-out, next() ends it as failed) → between (a calm pause of `pauseBetweenSec`, then the next
// step is issued by itself; next() issues it at once) → … → ended. abort() ends the session at any
// point; the step in progress is `aborted` and the rest are never issued.
//
// Per-frame cost: the face tracker is the caller's (no second tracker runs); MoveNet and the hand
// model run only while a challenge that needs them is active; the face embedding runs
// `identity.sampleHz` times a second.

import type { MessageKey } from '../core/messages.ts';
import type { ChallengeRuleInput } from '../fusion/challenge-rules.ts';
import type { FrameFaces, TrackedFace, TrackerFrame } from '../face/index.ts';
import type { ModelStore } from '../runtime/index.ts';
import { ChallengeRegistry } from './definitions.ts';
import { FaceEmbedder } from './face-embedding.ts';
import {
  IdentityMonitor,
  resolveIdentityConfig,
  type IdentityPhase,
  type IdentitySummary,
} from './identity.ts';
import { ChallengeObserver } from './observer.ts';
import {
  challengeSessionConfigProblem,
  DEFAULT_CHALLENGE_SESSION_CONFIG,
  type ChallengeSessionConfig,
} from './session-config.ts';
import type { ChallengeDefinition, ChallengeObservation, VerifierResult } from './types.ts';

export type ChallengeOutcome = 'performed' | 'failed' | 'timed-out' | 'aborted';
export type ChallengeSessionStatus = 'idle' | 'active' | 'between' | 'ended';

/** A frame as the live pipeline has it: the decoded image and its face tracker's result. */
export interface ChallengeFrameInput {
  readonly frame: TrackerFrame;
  /** The main tracker's faces of this frame (FrameFaces or its `faces`). */
  readonly faces: FrameFaces | readonly TrackedFace[];
  /** The face the verdict is about (choosePrimaryTrack); default: the largest, then the same track. */
  readonly primaryTrackId?: number | null;
}

/** A frame already observed (tests, recordings analysed elsewhere), with the subject's embedding if one was taken. */
export interface ObservedFrameInput {
  readonly observation: ChallengeObservation;
  readonly embedding?: ArrayLike<number> | null;
}

export interface ChallengeIssuedDetail {
  step: number;
  stepCount: number;
  promptKey: MessageKey;
  timeLimitSec: number;
}

export interface ChallengeProgressDetail {
  step: number;
  progress: number;
  timeLeftSec: number;
}

export interface ChallengeStepIdentity {
  comparedSamples: number;
  minSimilarity: number | null;
  /** An identity switch overlapped this step. */
  switched: boolean;
}

export interface ChallengeResultDetail {
  step: number;
  outcome: ChallengeOutcome;
  /** outcome === 'performed' (the report reads this). */
  passed: boolean;
  durationSec: number;
  progress: number;
  peaks: Record<string, number>;
  evidence: VerifierResult['evidence'] | null;
  /** Frames of the step in which the subject's face was not found (mesh lost or gone). */
  framesWithoutFace: number;
  identity: ChallengeStepIdentity;
}

export interface ChallengeSessionEndedDetail {
  outcome: 'completed' | 'aborted';
  steps: Array<{ challengeId: string; outcome: ChallengeOutcome | null }>;
  identity: IdentitySummary;
}

/** The session's events: plain JSON, ready for EvidenceLogWriter.append (engine/evidence/events.ts). */
export type ChallengeSessionEvent =
  | { type: 'challenge-issued'; mediaTimeSec: number; challengeId: string; detail: ChallengeIssuedDetail }
  | { type: 'challenge-progress'; mediaTimeSec: number; challengeId: string; detail: ChallengeProgressDetail }
  | { type: 'challenge-result'; mediaTimeSec: number; challengeId: string; detail: ChallengeResultDetail }
  | { type: 'challenge-session-ended'; mediaTimeSec: number; detail: ChallengeSessionEndedDetail };

export interface ChallengeStepState {
  challengeId: string;
  promptKey: MessageKey;
  outcome: ChallengeOutcome | null;
  progress: number;
  startSec: number | null;
  endSec: number | null;
}

/** What the UI shows; plain JSON. */
export interface ChallengeSessionState {
  status: ChallengeSessionStatus;
  mediaTimeSec: number | null;
  /** The step in progress (active), the last finished (between, ended), or null (idle). */
  stepIndex: number | null;
  stepCount: number;
  challengeId: string | null;
  promptKey: MessageKey | null;
  /** 0..1 of the step in progress (the last step's final progress between steps). */
  progress: number;
  /** Seconds left for the step in progress; null unless active. */
  timeLeftSec: number | null;
  steps: ChallengeStepState[];
  identity: { baselineReady: boolean; lastSimilarity: number | null; switchDetected: boolean };
}

/** What fusion needs from a session (engine/fusion/challenge-rules.ts). */
export interface ChallengeSessionSummary {
  outcome: 'completed' | 'aborted' | 'running';
  steps: Array<{ challengeId: string; outcome: ChallengeOutcome | null }>;
  identity: IdentitySummary;
}

export interface ChallengeSessionOptions {
  /** Needed for frame input (MoveNet, the hand model, faceres); not for observed input. */
  readonly models?: ModelStore;
  /** The resolved configuration (its `challenges` section); default: built-in. */
  readonly config?: { readonly challenges: ChallengeSessionConfig };
  /** Uniform [0, 1) source for drawing the sequence (tests pass a seeded one). */
  readonly rng?: () => number;
  readonly onEvent?: (event: ChallengeSessionEvent) => void;
  readonly registry?: ChallengeRegistry;
  /** Bring your own observer / embedder (else made from `models` on first use). */
  readonly observer?: ChallengeObserver;
  readonly embedder?: FaceEmbedder;
}

interface Step {
  readonly definition: ChallengeDefinition;
  outcome: ChallengeOutcome | null;
  startSec: number | null;
  endSec: number | null;
  observations: ChallengeObservation[];
  last: VerifierResult | null;
  lastProgressEvent: { timeSec: number; progress: number } | null;
}

export class ChallengeSession {
  readonly config: ChallengeSessionConfig;
  private readonly steps: Step[];
  private readonly identity: IdentityMonitor;
  private readonly onEvent: (event: ChallengeSessionEvent) => void;
  private readonly models: ModelStore | null;
  private observer: ChallengeObserver | null;
  private embedder: FaceEmbedder | null;
  private status: ChallengeSessionStatus = 'idle';
  private current = -1;
  private pauseFromSec = 0;
  private now: number | null = null;
  private lastSimilarity: number | null = null;
  private endedAs: 'completed' | 'aborted' | null = null;

  constructor(options: ChallengeSessionOptions = {}) {
    this.config = options.config?.challenges ?? DEFAULT_CHALLENGE_SESSION_CONFIG;
    const registry = options.registry ?? new ChallengeRegistry();
    const problem = challengeSessionConfigProblem(this.config, registry.ids());
    if (problem) throw new Error(problem);
    this.identity = new IdentityMonitor(resolveIdentityConfig(this.config.identity));
    this.onEvent = options.onEvent ?? (() => {});
    this.models = options.models ?? null;
    this.observer = options.observer ?? null;
    this.embedder = options.embedder ?? null;
    this.steps = drawSequence(this.config, options.rng ?? Math.random).map((id) => ({
      definition: registry.get(id),
      outcome: null,
      startSec: null,
      endSec: null,
      observations: [],
      last: null,
      lastProgressEvent: null,
    }));
  }

  /** The drawn sequence of challenge ids. */
  get plan(): string[] {
    return this.steps.map((s) => s.definition.id);
  }

  /** Loads the models frame input needs (else the first frame does). */
  async prepare(): Promise<void> {
    if (!this.models)
      throw new Error('ChallengeSession: frame input needs `models` (or an observer and embedder)');
    const needs = new Set(this.steps.flatMap((s) => s.definition.requires));
    this.observer ??= await ChallengeObserver.forFaces(this.models, {
      body: needs.has('body'),
      hand: needs.has('hand'),
    });
    this.embedder ??= await FaceEmbedder.load(this.models);
  }

  /** Issues the first challenge. */
  start(atSec?: number): ChallengeSessionState {
    if (this.status !== 'idle') throw new Error(`challenge session already ${this.status}`);
    this.issue(0, atSec ?? this.now ?? 0);
    return this.state();
  }

  /**
   * The operator moves on: an active challenge not yet performed ends as `failed` (refused or
   * not done), and the next one is issued at once (or the session ends after the last).
   */
  next(atSec?: number): ChallengeSessionState {
    const t = atSec ?? this.now ?? 0;
    if (this.status === 'idle') return this.start(t);
    if (this.status === 'ended') return this.state();
    if (this.status === 'active')
      this.finish(this.steps[this.current]!.last?.performed ? 'performed' : 'failed', t);
    this.advanceFromPause(t, true);
    return this.state();
  }

  /** Ends the session now; the step in progress is `aborted`, later ones are never issued. */
  abort(atSec?: number): ChallengeSessionState {
    const t = atSec ?? this.now ?? 0;
    if (this.status === 'ended') return this.state();
    if (this.status === 'active') this.finish('aborted', t);
    this.end('aborted', t);
    return this.state();
  }

  /** Feeds one analysed frame (in media-time order). */
  async update(input: ChallengeFrameInput | ObservedFrameInput): Promise<ChallengeSessionState> {
    if ('observation' in input) {
      const o = input.observation;
      // Embeddings count at the same rate as live (identity.sampleHz), whatever the caller passes.
      if (input.embedding && o.face && this.identity.due(o.timeSec))
        this.addIdentitySample(o.timeSec, input.embedding);
      this.advance(o);
      return this.state();
    }
    if (!this.observer || !this.embedder) await this.prepare();
    const { frame } = input;
    const faces = Array.isArray(input.faces)
      ? (input.faces as readonly TrackedFace[])
      : (input.faces as FrameFaces).faces;
    const requires = this.status === 'active' ? this.steps[this.current]!.definition.requires : [];
    const observation = await this.observer!.observeFaces(frame, faces, {
      body: requires.includes('body'),
      hand: requires.includes('hand'),
      ...(input.primaryTrackId !== undefined ? { subjectTrackId: input.primaryTrackId } : {}),
    });
    const subject = observation.face ? faces.find((f) => f.trackId === observation.face!.trackId) : undefined;
    if (
      subject &&
      this.identity.due(frame.timeSec) &&
      this.identity.usable(Math.max(subject.boxPx.width, subject.boxPx.height), subject.pose.yawDeg)
    ) {
      this.addIdentitySample(
        frame.timeSec,
        await this.embedder!.embed(frame, subject.landmarks, subject.boxPx),
      );
    }
    this.advance(observation);
    return this.state();
  }

  state(): ChallengeSessionState {
    const index = this.current >= 0 ? this.current : null;
    const step = index !== null ? this.steps[index]! : null;
    const active = this.status === 'active' && step !== null;
    return {
      status: this.status,
      mediaTimeSec: this.now,
      stepIndex: index,
      stepCount: this.steps.length,
      challengeId: step ? step.definition.id : null,
      promptKey: step ? step.definition.promptKey : null,
      progress: step ? round(step.last?.progress ?? 0) : 0,
      timeLeftSec: active
        ? round(Math.max(0, step.definition.timeLimitSec - ((this.now ?? step.startSec!) - step.startSec!)))
        : null,
      steps: this.steps.map((s) => ({
        challengeId: s.definition.id,
        promptKey: s.definition.promptKey,
        outcome: s.outcome,
        progress: round(s.last?.progress ?? 0),
        startSec: s.startSec,
        endSec: s.endSec,
      })),
      identity: {
        baselineReady: this.identity.baselineReady,
        lastSimilarity: this.lastSimilarity === null ? null : round(this.lastSimilarity),
        switchDetected: this.identity.currentSwitches().length > 0,
      },
    };
  }

  /** What fusion reads (engine/fusion/challenge-rules.ts). */
  summary(): ChallengeSessionSummary {
    return {
      outcome: this.endedAs ?? 'running',
      steps: this.steps.map((s) => ({ challengeId: s.definition.id, outcome: s.outcome })),
      identity: this.identity.summary(),
    };
  }

  /** The input of engine/fusion/challenge-rules.ts applyChallengeRules (the verdict floors). */
  ruleInput(): ChallengeRuleInput {
    // What summary() gives for these two, without its pass over every identity sample: the live
    // session asks on every frame.
    return {
      steps: this.steps.map((s) => ({ challengeId: s.definition.id, outcome: s.outcome })),
      identitySwitches: this.identity.currentSwitches(),
    };
  }

  private phase(): { phase: IdentityPhase; step: number | null } {
    if (this.status === 'active') return { phase: 'during', step: this.current };
    return { phase: this.current < 0 ? 'before' : 'after', step: null };
  }

  private addIdentitySample(timeSec: number, embedding: ArrayLike<number>): void {
    const { phase, step } = this.phase();
    const sample = this.identity.add(timeSec, embedding, phase, step);
    if (sample.similarity !== null) this.lastSimilarity = sample.similarity;
  }

  private advance(o: ChallengeObservation): void {
    this.now = o.timeSec;
    if (this.status === 'between') this.advanceFromPause(o.timeSec, false);
    if (this.status !== 'active') return;
    const step = this.steps[this.current]!;
    step.observations.push(o);
    const result = step.definition.verify(step.observations, step.definition.defaultConfig);
    step.last = result;
    const elapsed = o.timeSec - step.startSec!;
    if (result.performed) return this.finish('performed', o.timeSec);
    if (elapsed >= step.definition.timeLimitSec) return this.finish('timed-out', o.timeSec);
    const sent = step.lastProgressEvent;
    const progress = round(result.progress);
    if (
      (sent === null && progress > 0) ||
      (sent !== null &&
        progress !== sent.progress &&
        o.timeSec - sent.timeSec >= this.config.progressEverySec)
    ) {
      step.lastProgressEvent = { timeSec: o.timeSec, progress };
      this.onEvent({
        type: 'challenge-progress',
        mediaTimeSec: o.timeSec,
        challengeId: step.definition.id,
        detail: {
          step: this.current,
          progress,
          timeLeftSec: round(Math.max(0, step.definition.timeLimitSec - elapsed)),
        },
      });
    }
  }

  /** Between steps: issue the next one once the pause is over (or now), or end after the last. */
  private advanceFromPause(t: number, now: boolean): void {
    if (this.status !== 'between') return;
    if (!now && t - this.pauseFromSec < this.config.pauseBetweenSec) return;
    if (this.current + 1 < this.steps.length) this.issue(this.current + 1, t);
    else this.end('completed', t);
  }

  private issue(index: number, t: number): void {
    const step = this.steps[index]!;
    this.current = index;
    this.status = 'active';
    step.startSec = t;
    this.now = Math.max(this.now ?? t, t);
    this.onEvent({
      type: 'challenge-issued',
      mediaTimeSec: t,
      challengeId: step.definition.id,
      detail: {
        step: index,
        stepCount: this.steps.length,
        promptKey: step.definition.promptKey,
        timeLimitSec: step.definition.timeLimitSec,
      },
    });
  }

  private finish(outcome: ChallengeOutcome, t: number): void {
    const step = this.steps[this.current]!;
    step.outcome = outcome;
    step.endSec = t;
    this.status = 'between';
    this.pauseFromSec = t;
    const result = step.last;
    const identity = this.identity.summary(step.startSec!, t);
    this.onEvent({
      type: 'challenge-result',
      mediaTimeSec: t,
      challengeId: step.definition.id,
      detail: {
        step: this.current,
        outcome,
        passed: outcome === 'performed',
        durationSec: round(t - step.startSec!),
        progress: round(result?.progress ?? 0),
        peaks: { ...(result?.peaks ?? {}) },
        evidence: result ? structuredClone(result.evidence) : null,
        framesWithoutFace: step.observations.filter((o) => o.face === null).length,
        identity: {
          comparedSamples: identity.comparedSamples,
          minSimilarity: identity.minSimilarity,
          switched: identity.switches.length > 0,
        },
      },
    });
    // The verifier's frames are no longer needed once the result is out.
    step.observations = [];
  }

  private end(outcome: 'completed' | 'aborted', t: number): void {
    this.status = 'ended';
    this.endedAs = outcome;
    this.onEvent({
      type: 'challenge-session-ended',
      mediaTimeSec: t,
      detail: {
        outcome,
        steps: this.steps.map((s) => ({ challengeId: s.definition.id, outcome: s.outcome })),
        identity: this.identity.summary(),
      },
    });
  }
}

/**
 * The session's challenge ids: a count uniform in [minCount, maxCount], then that many distinct
 * ids from `allowed` (a partial Fisher–Yates shuffle), all from `rng`.
 */
export function drawSequence(config: ChallengeSessionConfig, rng: () => number): string[] {
  const span = config.maxCount - config.minCount + 1;
  const count = config.minCount + Math.min(span - 1, Math.floor(rng() * span));
  const pool = [...config.allowed];
  for (let i = 0; i < count; i++) {
    const j = i + Math.min(pool.length - i - 1, Math.floor(rng() * (pool.length - i)));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
