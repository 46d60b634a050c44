export { resolveConfig, configHash, canonicalJson, type ConfigSources } from './resolve-config.ts';
export {
  DEFAULT_CONFIG,
  PROFILES,
  PROFILE_NAMES,
  type CallSentinelConfig,
  type ConfigLayer,
  type ProfileName,
  type VerdictConfig,
} from './schema.ts';
