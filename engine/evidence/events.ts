// The evidence events a session writes, one JSON object per line. Plain versioned JSON, so the
// same records cross IPC, reach disk unchanged and feed the report.

export const EVIDENCE_SCHEMA_VERSION = 1;

interface EventBase {
  schemaVersion: number;
  sessionId: string;
  /** 0, 1, 2, … in write order. */
  seq: number;
  /** Wall-clock time of writing, ISO 8601. */
  wallTime: string;
  /** Media time the event refers to, in seconds (null for events outside media time). */
  mediaTimeSec: number | null;
  /** sha256 (hex) of the previous line's exact UTF-8 bytes without its newline; 64 zeros first. */
  prevHash: string;
}

export interface SessionStarted extends EventBase {
  type: 'session-started';
  appVersion: string;
  /** sha256 of the resolved configuration (JSON with sorted keys). */
  configHash: string;
  config: unknown;
  models: Array<{ name: string; sha256: string }>;
  input: { kind: 'file' | 'live'; path?: string; sha256?: string; description?: string };
  operator?: string;
  lang: string;
}

export interface ScoreSample extends EventBase {
  type: 'score';
  trackId: number | null;
  /** Sliding-window score of the primary face (null while no detector judges it). */
  score: number | null;
  faces: number;
  signals: Record<string, { score: number | null; confidence: number; status: string }>;
}

export interface VerdictUpdated extends EventBase {
  type: 'verdict-updated';
  verdict: string;
  score: number | null;
  confidence: number | null;
  reasons: Array<{ code: string; message: string }>;
}

export interface Keyframe extends EventBase {
  type: 'keyframe';
  trackId: number | null;
  /** Why this picture was kept: a catalogue key (`keyframe.highest-score`, …) or the bare suffix of one (`highest-score`). */
  why: string;
  /** The judged face in the JPEG's own pixels (top-left origin), drawn over the picture in the report. */
  boxPx: { x: number; y: number; width: number; height: number } | null;
  /** Small JPEG, base64, so the log alone can rebuild the report. */
  jpegBase64: string;
  jpegSha256: string;
}

/**
 * One challenge of an active-challenge session (engine/challenges/session.ts): issued (prompt key,
 * time limit), progress (throttled), result (performed / failed / timed-out / aborted, with the
 * verifier's evidence and identity continuity). `detail` shapes: ChallengeIssuedDetail,
 * ChallengeProgressDetail, ChallengeResultDetail there.
 */
export interface ChallengeEvent extends EventBase {
  type: 'challenge-issued' | 'challenge-progress' | 'challenge-result';
  challengeId: string;
  detail: unknown;
}

/** The end of a challenge session: every step's outcome and the identity summary (ChallengeSessionEndedDetail). */
export interface ChallengeSessionEndedEvent extends EventBase {
  type: 'challenge-session-ended';
  detail: unknown;
}

export interface OperatorEvent extends EventBase {
  type: 'operator-mark' | 'operator-note';
  text: string;
}

export interface ProblemEvent extends EventBase {
  type: 'warning' | 'error';
  code: string;
  message: string;
}

export interface SessionEnded extends EventBase {
  type: 'session-ended';
  /** Records in the log including this one. */
  recordCount: number;
  summary: unknown;
}

export type EvidenceEvent =
  | SessionStarted
  | ScoreSample
  | VerdictUpdated
  | Keyframe
  | ChallengeEvent
  | ChallengeSessionEndedEvent
  | OperatorEvent
  | ProblemEvent
  | SessionEnded;

/** What a caller supplies: the writer fills the chain fields. */
export type EvidenceInput = EvidenceEvent extends infer E
  ? E extends EvidenceEvent
    ? Omit<E, 'schemaVersion' | 'sessionId' | 'seq' | 'wallTime' | 'prevHash'>
    : never
  : never;

export const GENESIS_HASH = '0'.repeat(64);
