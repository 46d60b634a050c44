// Public API of engine/challenges: the active-challenge library (definitions, verifiers), the
// observer that feeds it from frames, the model runners it uses, the auto-challenge moments, the
// challenge session with identity continuity, and the recorded-call analysis.

export { BUILT_IN_CHALLENGES, ChallengeRegistry } from './definitions.ts';
export type {
  ChallengeDefinition,
  ChallengeInput,
  ChallengeObservation,
  EvidenceSpan,
  FaceObservation,
  Verifier,
  VerifierEvidence,
  VerifierResult,
} from './types.ts';
export {
  ChallengeObserver,
  DEFAULT_OBSERVER_CONFIG,
  resolveObserverConfig,
  type ObserverConfig,
  type ObserverOptions,
} from './observer.ts';
export {
  DEFAULT_MEASURE_CONFIG,
  bodyYawDeg,
  eyeAspectRatio,
  fuseYaw,
  measureStream,
  mouthOpenRatio,
  resolveMeasureConfig,
  type FrameMeasures,
  type MeasureConfig,
  type YawSource,
} from './measures.ts';
export {
  DEFAULT_MOMENT_CONFIG,
  findChallengeMoments,
  resolveMomentConfig,
  type ChallengeMoment,
  type MomentConfig,
  type MomentKind,
} from './moments.ts';
export {
  BODY_KEYPOINT_NAMES,
  BodyKeypointModel,
  MOVENET_INPUT_PX,
  MOVENET_MODEL,
  type BodyKeypoint,
  type BodyKeypointName,
  type BodyKeypoints,
} from './body-keypoints.ts';
export { HAND_INPUT_PX, HAND_MODEL, HandPresenceModel, type HandObservation } from './hand-presence.ts';
export { regionAroundFace, wholeFrameRegion, type RegionSettings } from './regions.ts';
export * from './verifiers/head-turn.ts';
export * from './verifiers/look-up-down.ts';
export * from './verifiers/hand.ts';
export * from './verifiers/close-up.ts';
export * from './verifiers/blink.ts';
export * from './verifiers/mouth.ts';
export {
  ChallengeSession,
  drawSequence,
  type ChallengeFrameInput,
  type ChallengeIssuedDetail,
  type ChallengeOutcome,
  type ChallengeProgressDetail,
  type ChallengeResultDetail,
  type ChallengeSessionEndedDetail,
  type ChallengeSessionEvent,
  type ChallengeSessionOptions,
  type ChallengeSessionState,
  type ChallengeSessionStatus,
  type ChallengeSessionSummary,
  type ChallengeStepState,
  type ObservedFrameInput,
} from './session.ts';
export {
  DEFAULT_CHALLENGE_SESSION_CONFIG,
  challengeSessionConfigProblem,
  type ChallengeSessionConfig,
} from './session-config.ts';
export {
  DEFAULT_IDENTITY_CONFIG,
  IdentityMonitor,
  resolveIdentityConfig,
  type IdentityConfig,
  type IdentityPhase,
  type IdentitySample,
  type IdentitySummary,
  type IdentitySwitch,
} from './identity.ts';
export { FACE_EMBEDDING_MODEL, FaceEmbedder, cosineSimilarity } from './face-embedding.ts';
export {
  DEFAULT_RECORDING_CHALLENGE_CONFIG,
  analyseRecordingChallenges,
  type MomentAssessment,
  type RecordingChallengeConfig,
  type RecordingChallengeResult,
} from './recording.ts';
