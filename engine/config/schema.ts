// The one configuration of CallSentinel: every tunable with its default. Layers apply in order
// defaults < profile (bank, police, personal) < user file < command-line flags; unknown keys and
// wrong types are errors, never silently ignored.

import { DEFAULT_FACE_CONFIG, type FaceConfig } from '../face/config.ts';
import { DEFAULT_USABLE_FACE_LIMITS, type UsableFaceLimits } from '../face/quality.ts';
import type { Lang } from '../core/messages.ts';
import { DEFAULT_VERDICT_THRESHOLDS } from '../fusion/verdict.ts';
import {
  DEFAULT_CHALLENGE_SESSION_CONFIG,
  type ChallengeSessionConfig,
} from '../challenges/session-config.ts';

export type ProfileName = 'bank' | 'police' | 'personal';
export const PROFILE_NAMES: readonly ProfileName[] = ['bank', 'police', 'personal'];

export interface VerdictConfig {
  /** Faces whose median size is below this (frame pixels) are too small to judge. */
  minJudgeableFacePx: number;
  /** A video needs at least this much usable face before any verdict (why 2 s: engine/fusion/verdict.ts). */
  minUsableFaceSec: number;
  /**
   * The share of genuine calls the profile accepts being flagged `suspicious` or worse; the
   * calibrated thresholds for this rate are chosen from the model's calibration file.
   */
  targetFalseAlarmRate: number;
}

export interface CallSentinelConfig {
  profile: ProfileName;
  lang: Lang;
  face: FaceConfig;
  usableFace: UsableFaceLimits;
  verdict: VerdictConfig;
  /** Active challenges: how many, which, pacing, identity continuity (engine/challenges/session-config.ts). */
  challenges: ChallengeSessionConfig;
}

export const DEFAULT_CONFIG: Readonly<CallSentinelConfig> = Object.freeze({
  profile: 'personal',
  lang: 'en',
  face: DEFAULT_FACE_CONFIG,
  usableFace: DEFAULT_USABLE_FACE_LIMITS,
  verdict: Object.freeze({
    minJudgeableFacePx: DEFAULT_VERDICT_THRESHOLDS.minJudgeableFacePx,
    minUsableFaceSec: DEFAULT_VERDICT_THRESHOLDS.minUsableFaceSec,
    targetFalseAlarmRate: 0.05,
  }),
  challenges: DEFAULT_CHALLENGE_SESSION_CONFIG,
});

/** Deep-partial form used by profiles, user files and flags. */
export type ConfigLayer = {
  [K in keyof CallSentinelConfig]?: CallSentinelConfig[K] extends object
    ? Partial<CallSentinelConfig[K]>
    : CallSentinelConfig[K];
};

/**
 * What each profile changes. `personal` (the default) keeps false alarms at or under 5 %;
 * `bank` accepts up to 10 % for more sensitivity (a teller can verify through a known channel);
 * `police` keeps 5 % and needs more usable face before judging a recording, and asks for 4–5
 * challenges instead of 3–5.
 */
export const PROFILES: Readonly<Record<ProfileName, ConfigLayer>> = Object.freeze({
  personal: {},
  bank: { verdict: { targetFalseAlarmRate: 0.1 } },
  police: { verdict: { minUsableFaceSec: 5 }, challenges: { minCount: 4 } },
});
