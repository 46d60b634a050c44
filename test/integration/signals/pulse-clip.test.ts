// The physiological and temporal signals end to end on a rendered face. Pulse: a 72 bpm colour
// change injected into the skin of a face photo, encoded as H.264 at call bitrate with
// sensor-like noise, read back through the real face pipeline, is recovered within ±3 bpm (the
// negative control is pulse-control.test.ts). The same run checks that the other three signals
// find a steady photo steady (jitter, boundary flicker) and wait for a blink (12 s is too short
// to call a face blinkless), and prints what each signal costs per 640×480 frame.

import { beforeAll, describe, expect, it } from 'vitest';
import { toCallQuality } from '../../../engine/eval/synthetic/call-quality.ts';
import { blinkSignal } from '../../../engine/signals/blink/index.ts';
import { boundaryFlickerSignal } from '../../../engine/signals/boundary-flicker/index.ts';
import { jitterSignal } from '../../../engine/signals/jitter/index.ts';
import { DEFAULT_PULSE_CONFIG } from '../../../engine/signals/pulse/config.ts';
import { pulseSignal } from '../../../engine/signals/pulse/index.ts';
import { makePulseClip } from '../../fixtures/pulse-clip.ts';
import { useModelStore } from '../../support/model-store.ts';
import { runSignalsOnClip, timeSignals, type SignalRun } from './run-signals.ts';

const CALL = { kbps: 450, noise: 8 };
const SIGNALS = [pulseSignal, blinkSignal, jitterSignal, boundaryFlickerSignal];
/** Frames kept for timing the signals on their own (11 s: the pulse window fills and is analysed). */
const TIMED_FRAMES = 330;

describe('signals on a rendered face clip with a 72 bpm pulse, at call quality', () => {
  const models = useModelStore();
  let run: SignalRun;
  beforeAll(async () => {
    const clip = await makePulseClip({
      motion: 'static',
      seconds: 12,
      pulseHz: 1.2,
      greenLevels: 2,
      redLevels: 1,
    });
    run = await runSignalsOnClip(await toCallQuality(clip.path, CALL), models(), SIGNALS, {
      keepFrames: TIMED_FRAMES,
    });
  });

  it('pulse: recovers 1.2 Hz (72 bpm) within ±3 bpm, scores it neutral', () => {
    const windows = run.timeline.pulse!.filter((o) => o.status === 'ok');
    const [final] = run.final.pulse!;
    console.info(
      `pulse clip: ${windows.map((o) => `${o.features!.bpm!.toFixed(1)} bpm / ${o.features!.snrDb!.toFixed(1)} dB`).join(', ')}; ` +
        `final ${final!.features?.bpm?.toFixed(1)} bpm, SNR ${final!.features?.snrDb?.toFixed(1)} dB, coherence ${final!.features?.coherence?.toFixed(2)}`,
    );
    expect(run.framesWithFace).toBe(run.frames);
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

  it('a steady photo: jitter and boundary flicker normal, blink still watching', () => {
    const [jitter] = run.final.jitter!;
    const [flicker] = run.final['boundary-flicker']!;
    const [blink] = run.final.blink!;
    console.info(
      `steady photo: jitter ${(1000 * jitter!.features!.medianJitter!).toFixed(2)} ‰ of face height; ` +
        `seam ratio ${flicker!.features!.seamRatio!.toFixed(2)}; blink ${blink!.status}`,
    );
    expect(jitter!.reasonKey).toBe('reason.jitter-normal');
    expect(flicker!.reasonKey).toBe('reason.boundary-flicker-normal');
    expect(blink!.status).toBe('insufficient-data');
    expect(blink!.reasonKey).toBe('reason.blink-watching');
  });

  it('each signal is cheap per 640×480 frame (together well under 2 ms)', async () => {
    const ms = await timeSignals(run.kept, models(), SIGNALS);
    const total = Object.values(ms).reduce((a, b) => a + b, 0);
    const line = (m: Record<string, number>) =>
      Object.entries(m)
        .map(([id, v]) => `${id} ${v.toFixed(3)}`)
        .join(', ');
    console.info(
      `ms per 640×480 frame, on their own (best of 3 over ${run.kept.length} frames): ${line(ms)}; total ${total.toFixed(3)}\n` +
        `  inside the pipeline (mean, GC pauses of the whole pipeline included): ${line(run.msPerFrame)}`,
    );
    expect(total).toBeLessThan(2);
  });
});
