// The shipped presentation-attack model through the whole face pipeline (ffmpeg decode, BlazeFace,
// FaceMesh, alignment) on a clip the test makes from a sample photo of @vladmandic/human
// (engine/eval/synthetic/motion-clips.ts): the signal must produce a calibrated, bounded score
// with evidence behind it, and a timeline of windows.

import { describe, expect, it } from 'vitest';
import { makeMotionClip } from '../../../engine/eval/synthetic/motion-clips.ts';
import { presentationAttackSignal } from '../../../engine/signals/presentation-attack/index.ts';
import { useModelStore } from '../../support/model-store.ts';
import { runSignalsOnClip } from './run-signals.ts';

describe('presentation-attack signal on a generated face clip', () => {
  const models = useModelStore();

  it('scores the clip: status ok, score and confidence in [0, 1], enough frames scored', async () => {
    const clip = await makeMotionClip({ motion: 'pan', seconds: 3 });
    const run = await runSignalsOnClip(clip.path, models(), [presentationAttackSignal]);
    const [final] = run.final['presentation-attack']!;
    console.info(
      `generated clip: presentation-attack score ${final!.score?.toFixed(3)}, raw ${final!.features?.rawScore?.toFixed(2)}, ` +
        `${final!.features?.framesScored} frames scored, ${run.msPerFrame['presentation-attack']!.toFixed(2)} ms/frame`,
    );
    expect(final!.status).toBe('ok');
    expect(final!.score!).toBeGreaterThanOrEqual(0);
    expect(final!.score!).toBeLessThanOrEqual(1);
    expect(final!.confidence).toBeGreaterThan(0);
    expect(final!.confidence).toBeLessThanOrEqual(1);
    expect(final!.features!.framesScored!).toBeGreaterThanOrEqual(20); // 3 s at 30 fps, every 3rd frame
    expect(run.timeline['presentation-attack']!.some((o) => o.status === 'ok')).toBe(true);
  });
});
