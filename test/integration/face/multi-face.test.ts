// Several faces at once, as in a call window: the big remote face is the primary face, the small
// self-view is tracked and listed too, and faces down to 40 px are found even in large frames.

import { describe, expect, it } from 'vitest';
import { choosePrimaryTrack } from '../../../engine/face/index.ts';
import { intersectionOverUnion, applyAffine, type BoxPx } from '../../../engine/face/geometry.ts';
import { makeMultiFaceClip, type MultiFaceClip } from '../../../engine/eval/synthetic/bench-clips.ts';
import { useModelStore } from '../../support/model-store.ts';
import { trackClip } from './track-clip.ts';

const models = useModelStore();

/** Where the self-view face is in frame i: its approximate face box mapped through the known transform. */
function selfViewBox(clip: MultiFaceClip, i: number): BoxPx {
  const b = clip.selfView.photo.approx.faceBox;
  const t = clip.selfView.transforms[i]!;
  const [x0, y0] = applyAffine(t, [b.x, b.y]);
  const [x1, y1] = applyAffine(t, [b.x + b.width, b.y + b.height]);
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

describe('several faces in a call window', () => {
  it('tracks the self-view too, and picks the big remote face as primary', async () => {
    const clip = await makeMultiFaceClip({ seconds: 3 });
    const { frames, summaries } = await trackClip(clip.path, models());
    expect(summaries.length).toBe(2);
    const primary = summaries.find((s) => s.trackId === choosePrimaryTrack(summaries))!;
    const other = summaries.find((s) => s !== primary)!;
    expect(primary.medianFaceSizePx).toBeGreaterThan(150);
    expect(other.medianFaceSizePx).toBeLessThan(110);
    const bothSeen = frames.filter((f) => f.faces.length === 2).length / frames.length;
    expect(bothSeen).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    [640, 480],
    [1280, 720],
  ])('finds and keeps a 40 px face in a %d×%d frame', async (width, height) => {
    const clip = await makeMultiFaceClip({ seconds: 3, width, height, selfViewFaceHeight: 40 });
    const { frames } = await trackClip(clip.path, models());
    const found = frames.filter((f) =>
      f.faces.some((face) => intersectionOverUnion(face.boxPx, selfViewBox(clip, f.index)) > 0.3),
    ).length;
    expect(found / frames.length).toBeGreaterThanOrEqual(0.9);
  });
});
