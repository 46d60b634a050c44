// Negative control of the pulse signal (see pulse-clip.test.ts): the same face photo with no
// pulse, panned across the frame and encoded at call quality, gives a low SNR and no confident
// rate, so the signal's score rises instead of reporting a pulse.

import { describe, expect, it } from 'vitest';
import { toCallQuality } from '../../../engine/eval/synthetic/call-quality.ts';
import { DEFAULT_PULSE_CONFIG } from '../../../engine/signals/pulse/config.ts';
import { pulseSignal } from '../../../engine/signals/pulse/index.ts';
import { makePulseClip } from '../../fixtures/pulse-clip.ts';
import { useModelStore } from '../../support/model-store.ts';
import { runSignalsOnClip } from './run-signals.ts';

const CALL = { kbps: 450, noise: 8 };

describe('pulse signal on a rendered face clip without a pulse', () => {
  const models = useModelStore();

  it('negative control: a still photo panned with no pulse gives a low SNR and no confident rate', async () => {
    const clip = await makePulseClip({ motion: 'pan', seconds: 12, pulseHz: null });
    const run = await runSignalsOnClip(await toCallQuality(clip.path, CALL), models(), [pulseSignal]);
    const [final] = run.final.pulse!;
    console.info(
      `panned photo: final ${final!.features?.bpm?.toFixed(1)} bpm, SNR ${final!.features?.snrDb?.toFixed(1)} dB, ` +
        `coherence ${final!.features?.coherence?.toFixed(2)}, score ${final!.score?.toFixed(2)}`,
    );
    expect(final!.status).toBe('ok'); // a gentle pan is steady enough to be judged
    expect(final!.features!.snrDb!).toBeLessThan(DEFAULT_PULSE_CONFIG.snrBadDb);
    expect(final!.features!.pulseQuality!).toBeLessThan(0.5);
    expect(final!.reasonKey).not.toBe('reason.pulse-present');
    expect(final!.score!).toBeGreaterThan(0.6);
  });
});
