// What the challenge verifiers read and return. One ChallengeObservation per analysed frame of the
// subject's face (the observer in observer.ts makes them from the models; tests script them), a
// verifier turns a stream of them into a VerifierResult. All plain data.

import type { MessageKey } from '../core/messages.ts';
import type { BoxPx } from '../face/geometry.ts';
import type { HeadPose } from '../face/head-pose.ts';
import type { BodyKeypoints } from './body-keypoints.ts';
import type { HandObservation } from './hand-presence.ts';

/** The subject's face mesh in one frame. */
export interface FaceObservation {
  readonly trackId: number;
  /** From the mesh (engine/face/head-pose.ts conventions). */
  readonly pose: HeadPose;
  /** 468 × (x, y, z), frame pixels. */
  readonly landmarks: Float32Array;
  readonly boxPx: BoxPx;
}

export interface ChallengeObservation {
  readonly timeSec: number;
  readonly frameWidth: number;
  readonly frameHeight: number;
  /** The subject's mesh; null when the mesh lost the face (full profile, hand over it, too close). */
  readonly face: FaceObservation | null;
  /** MoveNet keypoints around the head and shoulders; null when not run for this frame. */
  readonly body: BodyKeypoints | null;
  /** Hand model around the face; null when not run for this frame. */
  readonly hand: HandObservation | null;
}

/** A stretch of the stream a verifier points at (when the target was reached, the hand seen, …). */
export interface EvidenceSpan {
  readonly label: string;
  readonly startSec: number;
  readonly endSec: number;
}

export interface VerifierEvidence {
  /** Frames in the stream, and how many had the mesh / the body keypoints. */
  readonly frames: number;
  readonly framesWithFace: number;
  readonly framesWithBody: number;
  readonly spans: readonly EvidenceSpan[];
  /** Verifier-specific numbers and flags (baselines, counts, sources), named with their units. */
  readonly values: Readonly<Record<string, number | boolean | string>>;
}

export interface VerifierResult {
  /** The caller did what was asked, within the stream given. */
  readonly performed: boolean;
  /** 0..1, how far along the request the caller got (for the operator's progress bar). */
  readonly progress: number;
  /** The extreme values reached, named with their units (e.g. yawPositiveDeg, sizeRatio). */
  readonly peaks: Readonly<Record<string, number>>;
  readonly evidence: VerifierEvidence;
}

/** A pure function from a stream of observations to its result. */
export type Verifier<C extends object> = (
  observations: readonly ChallengeObservation[],
  config: Readonly<C>,
) => VerifierResult;

export type ChallengeInput = 'mesh' | 'body' | 'hand';

/** One active challenge: what the operator reads out, how long it may take, how it is checked. */
export interface ChallengeDefinition<C extends object = object> {
  /** Stable kebab-case id. */
  readonly id: string;
  /** Message key of the instruction the operator reads to the caller (en and zh-CN). */
  readonly promptKey: MessageKey;
  /** Time the caller gets after the prompt, seconds. */
  readonly timeLimitSec: number;
  /** What the observer must run for the verifier to see anything. */
  readonly requires: readonly ChallengeInput[];
  readonly defaultConfig: Readonly<C>;
  verify(observations: readonly ChallengeObservation[], config: Readonly<C>): VerifierResult;
}
