// The signals' config helpers live in engine/core/partial-config.ts (shared with the challenges).

export { resolvePartialConfig as resolveSignalConfig, ramp, clamp01 } from '../../core/partial-config.ts';
