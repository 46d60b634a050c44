// The document `callsentinel scan --json` prints (contract in docs/cli.md). Plain JSON only,
// so it crosses IPC and reaches disk unchanged.

import type { SignalStatus } from '../signals/types.ts';
import type { Verdict } from '../fusion/verdict.ts';

export const SCAN_RESULT_SCHEMA_VERSION = 1;

export interface ScanReason {
  /** Stable message key, e.g. `reason.no-face`. */
  code: string;
  /** The reason in the requested language. */
  message: string;
}

export interface ScanSignal {
  score: number | null;
  confidence: number;
  status: SignalStatus;
  reason: string;
  /** Only when the detector failed: what went wrong, in the requested language (e.g. a model and calibration that do not match). */
  error?: string;
}

export interface ScanFace {
  id: number;
  primary: boolean;
  firstSec: number;
  lastSec: number;
  frames: number;
  medianFaceSizePx: number;
  /** Yaw range (2nd–98th percentile) in degrees; > 0 is the subject turning to their left. */
  yawMinDeg: number;
  yawMaxDeg: number;
  /** This face's own verdict and score (every face is assessed; the primary face's is `verdict`). */
  verdict: Verdict;
  score: number | null;
}

export interface ScanTimelineEntry {
  /** Start of this one-second slot, in media seconds. */
  t: number;
  /** Sliding-window score of the primary face; null while no detector judges it. */
  score: number | null;
  /** Most faces seen in one frame of this second. */
  faces: number;
}

export interface ScanResult {
  schemaVersion: number;
  file: string;
  sha256: string;
  durationSec: number;
  framesAnalyzed: number;
  analysisFps: number;
  verdict: Verdict;
  score: number | null;
  confidence: number | null;
  primaryTrackId: number | null;
  reasons: ScanReason[];
  signals: Record<string, ScanSignal>;
  faces: ScanFace[];
  timeline: ScanTimelineEntry[];
  media: {
    width: number;
    height: number;
    fpsHz: number | null;
    isStillImage: boolean;
    sampleFps: number | null;
  };
  ffmpeg: { path: string; source: string };
}
