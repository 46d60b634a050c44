// A live call: frames arrive one at a time from the app's window (a face-centred crop of the call
// window, screen or camera picture), each goes through the same face pipeline, signals and evidence
// recorder as a file scan, and the window gets back, per frame, the faces in source pixels, the
// signals' states and the stabilised verdict. An alert goes out when the shown verdict turns
// suspicious or likely fake. Everything is written to the session's hash-chained evidence log.

import { appVersion } from '../core/app-info.ts';
import { errorText } from '../core/errors.ts';
import { formatMessage, formatText, type Lang, type MessageKey } from '../core/messages.ts';
import { configHash, type CallSentinelConfig } from '../config/index.ts';
import {
  choosePrimaryTrack,
  createFaceDetector,
  createFaceTracker,
  type FaceTracker,
  type FrameFaces,
} from '../face/index.ts';
import type { FaceDetector } from '../face/face-detector.ts';
import { unusableCause } from '../face/quality.ts';
import type { VerdictThresholds } from '../fusion/verdict.ts';
import type { EvidenceLogWriter } from '../evidence/log-writer.ts';
import type { VideoFrame } from '../media/index.ts';
import type { ModelStore } from '../runtime/index.ts';
import { BUILT_IN_SIGNALS } from '../signals/index.ts';
import type { SignalDefinition } from '../signals/types.ts';
import { ScanEvidenceRecorder } from '../analysis/evidence-recorder.ts';
import { ChallengeSession, type ChallengeSessionState } from '../challenges/session.ts';
import { applyChallengeRules } from '../fusion/challenge-rules.ts';
import type { Verdict } from '../fusion/verdict.ts';
import { SignalRunner } from '../analysis/signal-runner.ts';
import {
  assessTrack,
  judgingSignalIds,
  UsableFaceTally,
  verdictThresholds,
} from '../analysis/track-assessment.ts';
import type {
  AlertEvent,
  ContextResult,
  FrameHeader,
  LiveChallengeState,
  FrameResult,
  LiveSignalState,
  LiveVerdict,
  LocalText,
  ProfileId,
  RectPx,
  SessionStopped,
  SourceKind,
} from './protocol.ts';

/** How many next-step lines each profile's alert carries (keys `alert.next.<profile>.<n>`). */
const NEXT_STEP_COUNT = 3;
/** The primary face is re-chosen at most this often, seconds (summaries sort every size seen). */
const PRIMARY_RECHOOSE_SEC = 1;

export interface LiveSessionOptions {
  models: ModelStore;
  config: CallSentinelConfig;
  profile: ProfileId;
  lang: Lang;
  writer: EvidenceLogWriter;
  source: { kind: SourceKind; label: string };
  operator?: string;
  /** The detector signals to run (default: every built-in signal). */
  signals?: readonly SignalDefinition[];
  onAlert?: (alert: AlertEvent) => void;
  /** Draws the challenge sequence (tests pass a seeded one); default Math.random. */
  challengeRng?: () => number;
}

const SEVERITY: Record<Verdict, number> = { not_verified: 0, likely_real: 1, suspicious: 2, likely_fake: 3 };

export class LiveSession {
  private readonly tally: UsableFaceTally;
  private lastCrop: { cropPx: RectPx; scale: number } | null = null;
  private primary: number | null = null;
  private primaryChosenAt = -Infinity;
  /** The verdict last shown after the challenge rules (alerts fire when it becomes more alarming). */
  private shownEffective: Verdict = 'not_verified';
  /** The latest fused score (a second without a judging window keeps the one before). */
  private lastScore: number | null = null;
  /** The current challenge session: built at the start so calm frames form the identity baseline. */
  private challenges: ChallengeSession;
  /** Challenge sessions that ended earlier in this call: their outcomes still count. */
  private readonly pastChallenges: ChallengeSession[] = [];
  private lastTimeSec = 0;
  private stopped: SessionStopped | null = null;

  private constructor(
    private readonly options: LiveSessionOptions,
    private readonly tracker: FaceTracker,
    private readonly contextDetector: FaceDetector,
    private readonly runner: SignalRunner,
    private readonly recorder: ScanEvidenceRecorder,
    readonly thresholds: VerdictThresholds,
    private readonly judgingSignals: ReadonlySet<string>,
    private readonly roles: ReadonlyMap<string, 'judge' | 'advisory'>,
  ) {
    this.tally = new UsableFaceTally(options.config.usableFace);
    this.challenges = this.newChallengeSession();
  }

  private newChallengeSession(): ChallengeSession {
    return new ChallengeSession({
      models: this.options.models,
      config: this.options.config,
      ...(this.options.challengeRng ? { rng: this.options.challengeRng } : {}),
      onEvent: (event) => this.options.writer.append(event),
    });
  }

  static async start(options: LiveSessionOptions): Promise<LiveSession> {
    const definitions = options.signals ?? BUILT_IN_SIGNALS;
    const tracker = await createFaceTracker(options.models, options.config.face);
    const contextDetector = await createFaceDetector(options.models, options.config.face);
    const runner = await SignalRunner.start(definitions, options.models);
    const judging = judgingSignalIds(definitions);
    const thresholds = verdictThresholds(runner.results(), judging, options.config);
    options.writer.append({
      type: 'session-started',
      mediaTimeSec: 0,
      appVersion: appVersion(),
      configHash: configHash(options.config),
      config: {
        ...options.config,
        thresholds: {
          suspiciousScore: thresholds.suspiciousScore,
          likelyFakeScore: thresholds.likelyFakeScore,
        },
      },
      models: await options.models.loadedModels(),
      input: { kind: 'live', description: `${options.source.kind}: ${options.source.label}` },
      ...(options.operator ? { operator: options.operator } : {}),
      lang: options.lang,
    });
    const recorder = new ScanEvidenceRecorder(options.writer, thresholds, judging, options.lang);
    return new LiveSession(
      options,
      tracker,
      contextDetector,
      runner,
      recorder,
      thresholds,
      judging,
      new Map(definitions.map((d) => [d.id, d.role])),
    );
  }

  get sessionId(): string {
    return this.options.writer.sessionId;
  }

  get logPath(): string {
    return this.options.writer.path;
  }

  get signalRoles(): ReadonlyMap<string, 'judge' | 'advisory'> {
    return this.roles;
  }

  /** One captured frame (RGBA, as the window sends it) → what the window shows for it. */
  async processFrame(header: FrameHeader, rgba: Uint8Array): Promise<FrameResult> {
    if (this.stopped) throw new Error('live session is stopped');
    const t0 = performance.now();
    // Frames must move forward in media time; a late or repeated one is analysed as "now".
    const timeSec = Math.max(header.mediaTimeSec, this.lastTimeSec);
    this.lastTimeSec = timeSec;
    this.followCrop(header);
    const frame: VideoFrame = {
      index: header.seq,
      timeSec,
      width: header.width,
      height: header.height,
      data: rgbaToRgb(rgba),
    };
    const faces = await this.tracker.process(frame);
    await this.runner.update({
      frameIndex: frame.index,
      timeSec,
      width: frame.width,
      height: frame.height,
      data: frame.data,
      faces: faces.faces,
    });
    this.tally.add(faces);
    if (timeSec - this.primaryChosenAt >= PRIMARY_RECHOOSE_SEC || this.primary === null) {
      this.primary = choosePrimaryTrack(this.tracker.summaries());
      this.primaryChosenAt = timeSec;
    }
    await this.recorder.frame(frame, faces, this.runner.results(), this.primary);
    await this.challenges.update({ frame, faces, primaryTrackId: this.primary });
    if (this.recorder.shown.score !== null) this.lastScore = this.recorder.shown.score;
    const verdict = this.liveVerdict();
    this.maybeAlert(verdict, timeSec);
    return {
      type: 'frame.result',
      seq: header.seq,
      captureTimeMs: header.captureTimeMs,
      mediaTimeSec: timeSec,
      engineMs: Math.round((performance.now() - t0) * 10) / 10,
      faces: this.liveFaces(faces, header),
      signals: this.signalStates(),
      verdict,
      challenge: this.challengeState(),
    };
  }

  /** The operator's challenge buttons. A new sequence is drawn when the last one has ended. */
  challengeStart(): LiveChallengeState {
    if (this.challenges.state().status === 'ended') {
      this.pastChallenges.push(this.challenges);
      this.challenges = this.newChallengeSession();
    }
    if (this.challenges.state().status === 'idle') this.challenges.start(this.lastTimeSec);
    return this.challengeState();
  }

  challengeNext(): LiveChallengeState {
    this.challenges.next(this.lastTimeSec);
    return this.challengeState();
  }

  challengeAbort(): LiveChallengeState {
    this.challenges.abort(this.lastTimeSec);
    return this.challengeState();
  }

  challengeState(): LiveChallengeState {
    return toLiveChallengeState(this.challenges.state());
  }

  /**
   * A context frame: the whole source, small. Faces found there (in source pixels) tell the window
   * about faces outside the crop or a second person; they are not tracked or judged.
   */
  async processContext(header: FrameHeader, rgba: Uint8Array): Promise<ContextResult> {
    if (this.stopped) throw new Error('live session is stopped');
    const frame = { width: header.width, height: header.height, data: rgbaToRgb(rgba) };
    const scaleX = header.cropPx.width / header.width;
    const scaleY = header.cropPx.height / header.height;
    const faces = (await this.contextDetector.detect(frame)).map((d) => ({
      x: round1(header.cropPx.x + d.boxPx.x * scaleX),
      y: round1(header.cropPx.y + d.boxPx.y * scaleY),
      width: round1(d.boxPx.width * scaleX),
      height: round1(d.boxPx.height * scaleY),
    }));
    return {
      type: 'context.result',
      seq: header.seq,
      captureTimeMs: header.captureTimeMs,
      mediaTimeSec: header.mediaTimeSec,
      faces,
    };
  }

  /** An operator's mark of "this moment", with an optional label. */
  mark(label: string | undefined): void {
    this.options.writer.append({ type: 'operator-mark', mediaTimeSec: this.lastTimeSec, text: label ?? '' });
  }

  note(text: string): void {
    this.options.writer.append({ type: 'operator-note', mediaTimeSec: this.lastTimeSec, text });
  }

  /** The stabilised verdict as shown now, with its reasons, after the challenge rules (docs/fusion.md §6). */
  liveVerdict(): LiveVerdict {
    const shown = this.recorder.shown;
    const reasons: LocalText[] = [];
    if (shown.verdict === 'not_verified') {
      reasons.push({
        key: shown.faceSeen || this.primary !== null ? 'reason.live-collecting' : 'reason.live-no-face',
      });
    } else {
      // Said of the verdict shown (not of the last window, which may already lean the other way).
      const threshold =
        shown.verdict === 'likely_fake' ? this.thresholds.likelyFakeScore : this.thresholds.suspiciousScore;
      reasons.push({
        key: `reason.live.${shown.verdict}`,
        params: { score: (this.lastScore ?? 0).toFixed(2), threshold: threshold.toFixed(2) },
      });
    }
    const ruled = applyChallengeRules(
      { verdict: shown.verdict, score: this.lastScore, confidence: null, reasons: [] },
      this.challengeRuleInput(),
    );
    // Reasons from the challenges come first: they are what changed the verdict.
    const challengeReasons = ruled.reasons.map((r) => ({
      key: r.key,
      ...(r.params ? { params: r.params } : {}),
    }));
    return {
      verdict: ruled.verdict,
      score: this.lastScore,
      sinceSec: ruled.verdict === shown.verdict ? shown.sinceSec : this.lastTimeSec,
      reasons: [...challengeReasons, ...reasons],
    };
  }

  /** Every challenge asked in this call so far, and the identity switches found. */
  private challengeRuleInput(): Parameters<typeof applyChallengeRules>[1] {
    const inputs = [...this.pastChallenges, this.challenges].map((c) => c.ruleInput());
    return {
      steps: inputs.flatMap((r) => r.steps),
      identitySwitches: inputs.flatMap((r) => r.identitySwitches),
    };
  }

  /** Ends the session: the final verdict over everything seen, then the log's last record. */
  async stop(): Promise<SessionStopped> {
    if (this.stopped) return this.stopped;
    try {
      await this.runner.flush();
      const signalResults = this.runner.results();
      const summaries = this.tracker.summaries();
      const primaryTrackId = choosePrimaryTrack(summaries);
      const context = {
        tally: this.tally,
        signalResults,
        thresholds: this.thresholds,
        judgingSignals: this.judgingSignals,
        isStillImage: false,
      };
      const primary = summaries.find((s) => s.trackId === primaryTrackId) ?? null;
      if (this.challenges.state().status === 'active' || this.challenges.state().status === 'between')
        this.challenges.abort(this.lastTimeSec);
      const final = applyChallengeRules(assessTrack(primary, context), this.challengeRuleInput());
      const durationSec = Math.round(this.lastTimeSec * 1000) / 1000;
      const reasons = final.reasons.map((r) => ({
        code: r.key,
        message: formatText(r, this.options.lang),
      }));
      const { recordCount, finalHash } = await this.recorder.finish({
        verdict: final.verdict,
        score: final.score,
        confidence: final.confidence,
        reasons,
        primaryTrackId,
        framesAnalyzed: this.tally.frames,
        durationSec,
        faces: summaries.map((s) => {
          const v = assessTrack(s, context);
          return {
            id: s.trackId,
            primary: s.trackId === primaryTrackId,
            firstSec: s.firstSec,
            lastSec: s.lastSec,
            frames: s.frames,
            medianFaceSizePx: s.medianFaceSizePx,
            yawMinDeg: s.yawMinDeg,
            yawMaxDeg: s.yawMaxDeg,
            verdict: v.verdict,
            score: v.score,
          };
        }),
      });
      this.stopped = {
        verdict: {
          verdict: final.verdict,
          score: final.score,
          sinceSec: durationSec,
          reasons: final.reasons.map((r) => ({ key: r.key, params: r.params })),
        },
        logPath: this.logPath,
        recordCount,
        finalHash,
        framesAnalyzed: this.tally.frames,
      };
      return this.stopped;
    } finally {
      await this.runner.dispose();
    }
  }

  /** The window re-centred or rescaled its crop: carry the tracks into the new crop's pixels. */
  private followCrop(header: FrameHeader): void {
    const scale = header.width / header.cropPx.width;
    const previous = this.lastCrop;
    this.lastCrop = { cropPx: header.cropPx, scale };
    if (!previous) return;
    const p = previous.cropPx;
    const c = header.cropPx;
    if (p.x === c.x && p.y === c.y && Math.abs(previous.scale - scale) < 1e-6) return;
    // old crop pixel q → source (p + q / s_old) → new crop pixel ((source − c) · s_new)
    const k = scale / previous.scale;
    this.tracker.reframe({ x: (p.x - c.x) * scale, y: (p.y - c.y) * scale }, k);
  }

  private liveFaces(faces: FrameFaces, header: FrameHeader): FrameResult['faces'] {
    const scale = header.cropPx.width / header.width;
    return faces.faces.map((f) => ({
      trackId: f.trackId,
      primary: f.trackId === this.primary,
      boxPx: {
        x: round1(header.cropPx.x + f.boxPx.x * scale),
        y: round1(header.cropPx.y + f.boxPx.y * scale),
        width: round1(f.boxPx.width * scale),
        height: round1(f.boxPx.height * scale),
      },
      yawDeg: round1(f.pose.yawDeg),
      usable: unusableCause(f.quality, this.options.config.usableFace) === null,
    }));
  }

  /** Each signal's latest sliding-window observation of the primary face. */
  private signalStates(): Record<string, LiveSignalState> {
    const states: Record<string, LiveSignalState> = {};
    for (const r of this.runner.results()) {
      const role = this.roles.get(r.id) ?? 'advisory';
      if (r.error !== null) {
        const { key, params } = errorText(r.failure); // worded by the window, in its language
        states[r.id] = {
          score: null,
          confidence: 0,
          status: 'degraded',
          reason: 'reason.signal-failed',
          role,
          error: { key, params },
        };
        continue;
      }
      let latest = null;
      for (let i = r.windows.length - 1; i >= 0; i--) {
        if (r.windows[i]!.trackId === this.primary) {
          latest = r.windows[i]!;
          break;
        }
      }
      states[r.id] = latest
        ? {
            score: latest.score,
            confidence: latest.confidence,
            status: latest.status,
            reason: latest.reasonKey,
            role,
          }
        : {
            score: null,
            confidence: 0,
            status: 'insufficient-data',
            reason: 'reason.signal-too-little-data',
            role,
          };
    }
    return states;
  }

  /**
   * Alerts when the verdict shown becomes more alarming and is suspicious or worse; a verdict the
   * challenge rules raised is written to the log here (the recorder logs the detectors' own changes).
   */
  private maybeAlert(verdict: LiveVerdict, timeSec: number): void {
    const previous = this.shownEffective;
    if (verdict.verdict === previous) return;
    this.shownEffective = verdict.verdict;
    if (verdict.verdict !== this.recorder.shown.verdict) {
      this.options.writer.append({
        type: 'verdict-updated',
        mediaTimeSec: timeSec,
        verdict: verdict.verdict,
        score: verdict.score,
        confidence: null,
        reasons: verdict.reasons.map((r) => ({
          code: r.key,
          message: formatText(r, this.options.lang),
        })),
      });
    }
    if (verdict.verdict !== 'suspicious' && verdict.verdict !== 'likely_fake') return;
    if (SEVERITY[verdict.verdict] <= SEVERITY[previous]) return;
    const profile = this.options.profile;
    const alert: AlertEvent = {
      type: 'alert',
      verdict: verdict.verdict,
      profile,
      mediaTimeSec: timeSec,
      reasons: verdict.reasons,
      nextSteps: Array.from({ length: NEXT_STEP_COUNT }, (_, i) => ({
        key: `alert.next.${profile}.${i + 1}`,
      })),
    };
    this.options.writer.append({
      type: 'warning',
      mediaTimeSec: timeSec,
      code: `alert.${verdict.verdict}`,
      message: formatMessage(`alert.title.${verdict.verdict}` as MessageKey, {}, this.options.lang),
    });
    this.options.onAlert?.(alert);
  }
}

/** The challenge session's state as the window shows it. */
function toLiveChallengeState(state: ChallengeSessionState): LiveChallengeState {
  const active = state.status === 'active' && state.challengeId !== null && state.promptKey !== null;
  return {
    active: state.status === 'active' || state.status === 'between',
    stepIndex: state.stepIndex ?? 0,
    stepCount: state.stepCount,
    current: active
      ? {
          challengeId: state.challengeId!,
          prompt: { key: state.promptKey! },
          progress: state.progress,
          timeLeftSec: state.timeLeftSec ?? 0,
        }
      : null,
    steps: state.steps
      .filter((s) => s.startSec !== null)
      .map((s) => ({ challengeId: s.challengeId, prompt: { key: s.promptKey }, outcome: s.outcome })),
  };
}

/** The window sends RGBA (what a canvas gives); the engine works on RGB24. */
export function rgbaToRgb(rgba: Uint8Array): Uint8Array {
  const pixels = rgba.length >> 2;
  const rgb = new Uint8Array(pixels * 3);
  // Whole pixels as 32-bit words (R in the low byte on little-endian machines) when aligned.
  if (rgba.byteOffset % 4 === 0 && LITTLE_ENDIAN) {
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, pixels);
    for (let i = 0, j = 0; i < pixels; i++, j += 3) {
      const v = words[i]!;
      rgb[j] = v & 0xff;
      rgb[j + 1] = (v >>> 8) & 0xff;
      rgb[j + 2] = (v >>> 16) & 0xff;
    }
    return rgb;
  }
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    const k = i << 2;
    rgb[j] = rgba[k]!;
    rgb[j + 1] = rgba[k + 1]!;
    rgb[j + 2] = rgba[k + 2]!;
  }
  return rgb;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
