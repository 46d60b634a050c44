// The challenge library: what the operator asks the caller to do, how long the caller gets, and
// the verifier that checks it. Looked up by id through the registry, never by matching strings.

import { DEFAULT_BLINK_CONFIG, verifyBlink, type BlinkConfig } from './verifiers/blink.ts';
import { DEFAULT_CLOSE_UP_CONFIG, verifyCloseUp, type CloseUpConfig } from './verifiers/close-up.ts';
import {
  DEFAULT_HAND_HOLD_CONFIG,
  DEFAULT_HAND_SWEEP_CONFIG,
  verifyCoverEye,
  verifyHandSweep,
  verifyPressCheek,
  type HandHoldConfig,
  type HandSweepConfig,
} from './verifiers/hand.ts';
import { DEFAULT_HEAD_TURN_CONFIG, verifyHeadTurn, type HeadTurnConfig } from './verifiers/head-turn.ts';
import {
  DEFAULT_LOOK_UP_DOWN_CONFIG,
  verifyLookUpDown,
  type LookUpDownConfig,
} from './verifiers/look-up-down.ts';
import { DEFAULT_MOUTH_OPEN_CONFIG, verifyMouthOpen, type MouthOpenConfig } from './verifiers/mouth.ts';
import type { ChallengeDefinition } from './types.ts';

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const turnHead: ChallengeDefinition<HeadTurnConfig> = {
  id: 'turn-head',
  promptKey: 'challenge.turn-head.prompt',
  // Two slow turns to profile and back take 6–10 s.
  timeLimitSec: 15,
  requires: ['mesh', 'body'],
  defaultConfig: DEFAULT_HEAD_TURN_CONFIG,
  verify: (observations, config) => verifyHeadTurn(observations, config),
};

const lookUpDown: ChallengeDefinition<LookUpDownConfig> = {
  id: 'look-up-down',
  promptKey: 'challenge.look-up-down.prompt',
  timeLimitSec: 10,
  requires: ['mesh'],
  defaultConfig: DEFAULT_LOOK_UP_DOWN_CONFIG,
  verify: (observations, config) => verifyLookUpDown(observations, config),
};

const handSweep: ChallengeDefinition<HandSweepConfig> = {
  id: 'hand-sweep',
  promptKey: 'challenge.hand-sweep.prompt',
  timeLimitSec: 8,
  requires: ['mesh', 'hand'],
  defaultConfig: DEFAULT_HAND_SWEEP_CONFIG,
  verify: (observations, config) => verifyHandSweep(observations, config),
};

const coverEye: ChallengeDefinition<HandHoldConfig> = {
  id: 'cover-eye',
  promptKey: 'challenge.cover-eye.prompt',
  timeLimitSec: 8,
  requires: ['mesh', 'body', 'hand'],
  defaultConfig: DEFAULT_HAND_HOLD_CONFIG,
  verify: (observations, config) => verifyCoverEye(observations, config),
};

const pressCheek: ChallengeDefinition<HandHoldConfig> = {
  id: 'press-cheek',
  promptKey: 'challenge.press-cheek.prompt',
  timeLimitSec: 8,
  requires: ['mesh', 'hand'],
  defaultConfig: DEFAULT_HAND_HOLD_CONFIG,
  verify: (observations, config) => verifyPressCheek(observations, config),
};

const closeUp: ChallengeDefinition<CloseUpConfig> = {
  id: 'close-up',
  promptKey: 'challenge.close-up.prompt',
  timeLimitSec: 10,
  requires: ['mesh', 'body'],
  defaultConfig: DEFAULT_CLOSE_UP_CONFIG,
  verify: (observations, config) => verifyCloseUp(observations, config),
};

const blinkTwice: ChallengeDefinition<BlinkConfig> = {
  id: 'blink-twice',
  promptKey: 'challenge.blink-twice.prompt',
  timeLimitSec: 6,
  requires: ['mesh'],
  defaultConfig: DEFAULT_BLINK_CONFIG,
  verify: (observations, config) => verifyBlink(observations, config),
};

const openMouth: ChallengeDefinition<MouthOpenConfig> = {
  id: 'open-mouth',
  promptKey: 'challenge.open-mouth.prompt',
  timeLimitSec: 6,
  requires: ['mesh'],
  defaultConfig: DEFAULT_MOUTH_OPEN_CONFIG,
  verify: (observations, config) => verifyMouthOpen(observations, config),
};

/** Every built-in challenge, in the order an operator would usually pick them. */
export const BUILT_IN_CHALLENGES: readonly ChallengeDefinition[] = [
  turnHead,
  lookUpDown,
  handSweep,
  coverEye,
  pressCheek,
  closeUp,
  blinkTwice,
  openMouth,
];

export class ChallengeRegistry {
  private readonly byId = new Map<string, ChallengeDefinition>();

  constructor(definitions: readonly ChallengeDefinition[] = BUILT_IN_CHALLENGES) {
    for (const d of definitions) this.register(d);
  }

  register(definition: ChallengeDefinition): void {
    if (!KEBAB_CASE.test(definition.id)) throw new Error(`challenge id is not kebab-case: ${definition.id}`);
    if (this.byId.has(definition.id)) throw new Error(`challenge registered twice: ${definition.id}`);
    this.byId.set(definition.id, definition);
  }

  get(id: string): ChallengeDefinition {
    const d = this.byId.get(id);
    if (!d)
      throw new Error(`unknown challenge: ${id} (known: ${[...this.byId.keys()].join(', ') || 'none'})`);
    return d;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  all(): ChallengeDefinition[] {
    return [...this.byId.values()];
  }
}
