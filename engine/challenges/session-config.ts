// The `challenges` section of the one configuration (engine/config/schema.ts): how many challenges
// a session asks for, which ones, how it paces them, and the identity-continuity settings. Every
// field has its default here; profiles override some (engine/config/schema.ts PROFILES).

import { BUILT_IN_CHALLENGES } from './definitions.ts';
import { DEFAULT_IDENTITY_CONFIG, resolveIdentityConfig, type IdentityConfig } from './identity.ts';

export interface ChallengeSessionConfig {
  /** A session asks for between `minCount` and `maxCount` challenges (drawn at random, no repeats). */
  minCount: number;
  maxCount: number;
  /** Challenge ids a session may draw from (engine/challenges/definitions.ts). */
  allowed: string[];
  /** After each result, calm seconds before the next challenge is issued (and after the last, before the session ends). */
  pauseBetweenSec: number;
  /** `challenge-progress` events at most this often, media seconds (and only when progress moved). */
  progressEverySec: number;
  /** Identity continuity (engine/challenges/identity.ts). */
  identity: IdentityConfig;
}

export const DEFAULT_CHALLENGE_SESSION_CONFIG: Readonly<ChallengeSessionConfig> = Object.freeze({
  minCount: 3,
  maxCount: 5,
  allowed: BUILT_IN_CHALLENGES.map((c) => c.id),
  pauseBetweenSec: 2,
  progressEverySec: 0.5,
  identity: DEFAULT_IDENTITY_CONFIG,
});

/**
 * Checks a resolved section (the strict config checks keys and types; this checks the values):
 * known ids, no repeats, 1 ≤ minCount ≤ maxCount ≤ number allowed. Returns the problem or null.
 */
export function challengeSessionConfigProblem(
  config: ChallengeSessionConfig,
  knownIds: readonly string[] = BUILT_IN_CHALLENGES.map((c) => c.id),
): string | null {
  const unknown = config.allowed.filter((id) => typeof id !== 'string' || !knownIds.includes(id));
  if (unknown.length > 0)
    return `challenges.allowed has unknown ids: ${unknown.join(', ')} (known: ${knownIds.join(', ')})`;
  if (new Set(config.allowed).size !== config.allowed.length) return 'challenges.allowed repeats an id';
  if (!Number.isInteger(config.minCount) || !Number.isInteger(config.maxCount))
    return 'challenges.minCount and maxCount must be integers';
  if (!(
    config.minCount >= 1 &&
    config.minCount <= config.maxCount &&
    config.maxCount <= config.allowed.length
  ))
    return `need 1 ≤ challenges.minCount ≤ maxCount ≤ ${config.allowed.length} (the allowed challenges)`;
  if (!(config.pauseBetweenSec >= 0) || !(config.progressEverySec >= 0))
    return 'challenges.pauseBetweenSec and progressEverySec must be ≥ 0';
  try {
    resolveIdentityConfig(config.identity);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}
