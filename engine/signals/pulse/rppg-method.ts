// The one signature every remote-PPG method in this folder has (as in rPPG-Toolbox: each method
// is a pure function from colour traces to a pulse signal), and the table the pulse signal picks
// its method from by config.

import { chromPulse } from './chrom.ts';
import { posPulse } from './pos.ts';

/** Mean skin colour per sample, uniformly sampled; the three arrays have equal length. */
export interface RgbTraces {
  r: Float64Array;
  g: Float64Array;
  b: Float64Array;
}

export interface RppgOptions {
  /** Length of the method's short analysis window, seconds. */
  windowSec: number;
  /** Pulse band, Hz (used by methods that band-limit inside their windows). */
  bandLowHz: number;
  bandHighHz: number;
}

/** RGB traces sampled at `fsHz` → a pulse signal of the same length (arbitrary units). */
export type RppgMethod = (rgb: RgbTraces, fsHz: number, options: RppgOptions) => Float64Array;

export const RPPG_METHODS = {
  pos: (rgb, fsHz, o) => posPulse(rgb, fsHz, o.windowSec),
  chrom: (rgb, fsHz, o) => chromPulse(rgb, fsHz, o.windowSec, o.bandLowHz, o.bandHighHz),
} as const satisfies Record<string, RppgMethod>;

export type RppgMethodId = keyof typeof RPPG_METHODS;

export function isRppgMethodId(id: string): id is RppgMethodId {
  return Object.hasOwn(RPPG_METHODS, id);
}
