// Every signal the engine knows, one line each. Adding a signal = one folder under
// engine/signals/<id>/, one line here, one page in docs/signals/, one fixture test.

import { blinkSignal } from './blink/index.ts';
import { boundaryFlickerSignal } from './boundary-flicker/index.ts';
import { faceSwapSignal } from './face-swap/index.ts';
import { jitterSignal } from './jitter/index.ts';
import { mouthTextureSignal } from './mouth-texture/index.ts';
import { neckColourSignal } from './neck-colour/index.ts';
import { presentationAttackSignal } from './presentation-attack/index.ts';
import { pulseSignal } from './pulse/index.ts';
import { SignalRegistry } from './registry.ts';
import type { SignalDefinition } from './types.ts';

export const BUILT_IN_SIGNALS: readonly SignalDefinition[] = [
  faceSwapSignal,
  presentationAttackSignal,
  pulseSignal,
  blinkSignal,
  jitterSignal,
  boundaryFlickerSignal,
  mouthTextureSignal,
  neckColourSignal,
];

export function createSignalRegistry(): SignalRegistry {
  return new SignalRegistry(BUILT_IN_SIGNALS);
}

export type {
  SignalDefinition,
  SignalInstance,
  SignalObservation,
  FrameBundle,
  SignalStatus,
  OperatingPoint,
} from './types.ts';
