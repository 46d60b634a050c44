// Writes the evidence log of a scan as it goes: the session's configuration, models and input
// hash first; then, for every second of media, the primary face's fused score and each signal's
// state, and a verdict record whenever the (stabilised) verdict changes; keyframe pictures of
// the face; and at the end the final verdict and the session-ended record. A crash loses at most
// the last second; the report is rendered from this log alone.

import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { formatMessage, type Lang } from '../core/messages.ts';
import type { FrameFaces, TrackedFace } from '../face/index.ts';
import type { VerdictThresholds, Verdict } from '../fusion/verdict.ts';
import { VerdictStabilizer } from '../fusion/verdict-stabilizer.ts';
import { fuseWindowScores } from '../fusion/window-score.ts';
import type { EvidenceLogWriter } from '../evidence/log-writer.ts';
import type { VideoFrame } from '../media/index.ts';
import type { SignalObservation } from '../signals/types.ts';
import type { SignalRunResult } from './signal-runner.ts';
import type { ScanResult } from './scan-result.ts';

/** Longest side of a keyframe picture, in pixels: small enough to keep the log light. */
const KEYFRAME_MAX_PX = 320;
const KEYFRAME_JPEG_QUALITY = 70;

interface SecondState {
  second: number;
  maxFaces: number;
  /** The last frame of this second that showed the tracked face, for a keyframe. */
  frame: VideoFrame | null;
  face: TrackedFace | null;
}

/** The verdict shown after the last closed second (what a live view displays). */
export interface ShownVerdict {
  verdict: Verdict;
  /** Media time since which it is shown. */
  sinceSec: number;
  /** The fused judging score of that second, null when none. */
  score: number | null;
  /** Did the subject's face appear in that second? */
  faceSeen: boolean;
  /** Counts verdict changes, so a live caller can tell that one happened since it last looked. */
  changeCount: number;
}

/** What the recorder's final records need of an analysis' result (a file scan or a live session). */
export type FinalResult = Pick<
  ScanResult,
  | 'verdict'
  | 'score'
  | 'confidence'
  | 'reasons'
  | 'primaryTrackId'
  | 'framesAnalyzed'
  | 'durationSec'
  | 'faces'
>;

export class ScanEvidenceRecorder {
  private readonly cursors = new Map<string, number>();
  private readonly latest = new Map<string, SignalObservation>();
  /** Signals that failed, so the log shows them as degraded rather than leaving them out. */
  private readonly failed = new Set<string>();
  private readonly stabilizer = new VerdictStabilizer();
  private current: SecondState | null = null;
  private best: { score: number; state: SecondState } | null = null;
  private firstFaceWritten = false;
  private shownVerdict: ShownVerdict = {
    verdict: 'not_verified',
    sinceSec: 0,
    score: null,
    faceSeen: false,
    changeCount: 0,
  };

  constructor(
    private readonly log: EvidenceLogWriter,
    private readonly thresholds: VerdictThresholds,
    private readonly judgingSignals: ReadonlySet<string>,
    private readonly lang: Lang,
  ) {}

  /** One analysed frame: its faces, and the signals' results so far. */
  async frame(
    frame: VideoFrame,
    faces: FrameFaces,
    signals: readonly SignalRunResult[],
    trackId: number | null,
  ): Promise<void> {
    const second = Math.floor(frame.timeSec);
    if (this.current && second !== this.current.second) await this.closeSecond(trackId);
    if (!this.current) this.current = { second, maxFaces: 0, frame: null, face: null };
    this.current.maxFaces = Math.max(this.current.maxFaces, faces.faces.length);
    const face = faces.faces.find((f) => f.trackId === trackId) ?? null;
    if (face) {
      this.current.frame = frame;
      this.current.face = face;
      if (!this.firstFaceWritten) {
        this.firstFaceWritten = true;
        await this.keyframe(frame, face, 'keyframe.first-face');
      }
    }
    for (const r of signals) {
      if (r.error !== null) this.failed.add(r.id);
      const from = this.cursors.get(r.id) ?? 0;
      for (const o of r.windows.slice(from)) if (o.trackId === trackId) this.latest.set(r.id, o);
      this.cursors.set(r.id, r.windows.length);
    }
  }

  get shown(): ShownVerdict {
    return this.shownVerdict;
  }

  /** End of input: the last second, the strongest-evidence keyframe, the final verdict, session-ended. */
  async finish(result: FinalResult): Promise<{ recordCount: number; finalHash: string }> {
    await this.closeSecond(result.primaryTrackId);
    if (this.best?.state.frame && this.best.state.face) {
      await this.keyframe(this.best.state.frame, this.best.state.face, 'keyframe.highest-score');
    }
    this.log.append({
      type: 'verdict-updated',
      mediaTimeSec: result.durationSec,
      verdict: result.verdict,
      score: result.score,
      confidence: result.confidence,
      reasons: result.reasons,
    });
    return this.log.end(
      {
        verdict: result.verdict,
        score: result.score,
        confidence: result.confidence,
        primaryTrackId: result.primaryTrackId,
        framesAnalyzed: result.framesAnalyzed,
        durationSec: result.durationSec,
        faces: result.faces,
      },
      result.durationSec,
    );
  }

  private async closeSecond(trackId: number | null): Promise<void> {
    const state = this.current;
    if (!state) return;
    this.current = null;
    const inSecond = [...this.latest.values()].filter((o) => Math.floor(o.endSec) <= state.second);
    const score = trackId === null ? null : fuseWindowScores(inSecond, this.judgingSignals);
    this.log.append({
      type: 'score',
      mediaTimeSec: state.second,
      trackId,
      score,
      faces: state.maxFaces,
      signals: Object.fromEntries([
        ...[...this.failed].map((id) => [id, { score: null, confidence: 0, status: 'degraded' }] as const),
        ...inSecond.map(
          (o) => [o.signalId, { score: o.score, confidence: o.confidence, status: o.status }] as const,
        ),
      ]),
    });
    if (score !== null && state.face && (!this.best || score > this.best.score)) this.best = { score, state };
    const raw: Verdict =
      score === null
        ? 'not_verified'
        : score >= this.thresholds.likelyFakeScore
          ? 'likely_fake'
          : score >= this.thresholds.suspiciousScore
            ? 'suspicious'
            : 'likely_real';
    const shown = this.stabilizer.update(raw, state.second + 1);
    this.shownVerdict = {
      verdict: shown.verdict,
      sinceSec: shown.sinceSec,
      score,
      faceSeen: state.face !== null,
      changeCount: this.shownVerdict.changeCount + (shown.changed ? 1 : 0),
    };
    if (shown.changed) {
      this.log.append({
        type: 'verdict-updated',
        mediaTimeSec: state.second + 1,
        verdict: shown.verdict,
        score,
        confidence: null,
        reasons: [
          { code: 'reason.live-window', message: formatMessage('reason.live-window', {}, this.lang) },
        ],
      });
    }
  }

  private async keyframe(frame: VideoFrame, face: TrackedFace, why: string): Promise<void> {
    // The face with some context around it, scaled down.
    const b = face.boxPx;
    const side = Math.max(b.width, b.height) * 2;
    const left = Math.max(0, Math.round(b.x + b.width / 2 - side / 2));
    const top = Math.max(0, Math.round(b.y + b.height / 2 - side / 2));
    const width = Math.min(frame.width - left, Math.round(side));
    const height = Math.min(frame.height - top, Math.round(side));
    if (width < 8 || height < 8) return;
    const scale = Math.min(1, KEYFRAME_MAX_PX / Math.max(width, height));
    const jpeg = await sharp(Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), {
      raw: { width: frame.width, height: frame.height, channels: 3 },
    })
      .extract({ left, top, width, height })
      .resize(Math.round(width * scale), Math.round(height * scale))
      .jpeg({ quality: KEYFRAME_JPEG_QUALITY })
      .toBuffer();
    this.log.append({
      type: 'keyframe',
      mediaTimeSec: frame.timeSec,
      trackId: face.trackId,
      why,
      boxPx: {
        x: (b.x - left) * scale,
        y: (b.y - top) * scale,
        width: b.width * scale,
        height: b.height * scale,
      },
      jpegBase64: jpeg.toString('base64'),
      jpegSha256: createHash('sha256').update(jpeg).digest('hex'),
    });
  }
}
