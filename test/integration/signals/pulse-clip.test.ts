// The pulse signal end to end on a rendered face: a 72 bpm colour change injected into the skin
// of a face photo, encoded as H.264 at call bitrate with sensor-like noise, read back through the
// real face pipeline, is recovered within ±3 bpm. The negative control is pulse-control.test.ts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCallQuality } from '../../../engine/eval/synthetic/call-quality.ts';
import { ModelStore } from '../../../engine/runtime/index.ts';
import { DEFAULT_PULSE_CONFIG } from '../../../engine/signals/pulse/config.ts';
import { pulseSignal } from '../../../engine/signals/pulse/index.ts';
import { makePulseClip } from '../../fixtures/pulse-clip.ts';
import { runSignalsOnClip } from './run-signals.ts';

const CALL = { kbps: 450, noise: 8 };

describe('pulse signal on rendered face clips at call quality', () => {
  let models: ModelStore;
  beforeAll(() => {
    models = new ModelStore();
  });
  afterAll(async () => {
    await models.dispose();
  });

  it('recovers a 1.2 Hz (72 bpm) skin-colour pulse within ±3 bpm', async () => {
    const clip = await makePulseClip({
      motion: 'static',
      seconds: 12,
      pulseHz: 1.2,
      greenLevels: 2,
      redLevels: 1,
    });
    const run = await runSignalsOnClip(await toCallQuality(clip.path, CALL), models, [pulseSignal]);
    const windows = run.timeline.pulse!.filter((o) => o.status === 'ok');
    const [final] = run.final.pulse!;
    console.info(
      `pulse clip: ${windows.map((o) => `${o.features!.bpm!.toFixed(1)} bpm / ${o.features!.snrDb!.toFixed(1)} dB`).join(', ')}; ` +
        `final ${final!.features?.bpm?.toFixed(1)} bpm, SNR ${final!.features?.snrDb?.toFixed(1)} dB, coherence ${final!.features?.coherence?.toFixed(2)}`,
    );
    expect(windows.length).toBeGreaterThanOrEqual(2);
    for (const o of windows) expect(Math.abs(o.features!.bpm! - 72)).toBeLessThanOrEqual(3);
    expect(final!.status).toBe('ok');
    expect(Math.abs(final!.features!.bpm! - 72)).toBeLessThanOrEqual(3);
    expect(final!.reasonKey).toBe('reason.pulse-present');
    // One-sided: a clear pulse lands on the neutral value, never below it.
    expect(final!.score!).toBeGreaterThanOrEqual(DEFAULT_PULSE_CONFIG.neutralScore);
    expect(final!.score!).toBeLessThan(0.45);
    // Before the window is full the signal says so instead of guessing.
    const early = run.timeline.pulse!.filter((o) => o.endSec < DEFAULT_PULSE_CONFIG.windowSec - 0.5);
    expect(early.length).toBeGreaterThan(0);
    for (const o of early) {
      expect(o.status).toBe('insufficient-data');
      expect(o.score).toBeNull();
    }
  });
});
