// The challenges' config helpers live in engine/core/partial-config.ts (shared with the signals).

export { resolvePartialConfig as resolveChallengeConfig, ramp } from '../core/partial-config.ts';
