import { describe, expect, it } from 'vitest';
import { oneSidedScore } from '../../../engine/signals/common/one-sided-score.ts';
import { TrackClock, trackFor } from '../../../engine/signals/common/track-clock.ts';

describe('TrackClock', () => {
  it('says a window is due at the first frame, then once per hop (frame times as they come)', () => {
    const clock = new TrackClock(3, 0.5);
    const due = [0.5, 0.6, 1.0, 1.5, 1.52, 2.49, 2.5].filter((t) => clock.windowDue(t, 1));
    expect(due).toEqual([0.5, 1.5, 2.5]);
    expect(clock.lastWindowAtSec).toBe(2.5);
  });

  it('averages the size factor over measured frames, capped at full confidence', () => {
    const clock = new TrackClock(1, 0);
    expect(clock.sizeFactor).toBe(0);
    clock.addFaceSize(60, 120);
    clock.addFaceSize(240, 120);
    expect(clock.sizeFactor).toBeCloseTo(0.75, 9);
  });

  it('trackFor creates a track once and returns the same one after', () => {
    const tracks = new Map<number, TrackClock>();
    const a = trackFor(tracks, 7, () => new TrackClock(7, 1));
    const b = trackFor(tracks, 7, () => new TrackClock(7, 2));
    expect(b).toBe(a);
    expect(b.firstSec).toBe(1);
  });
});

describe('oneSidedScore', () => {
  const c = { neutralScore: 0.3, maxScore: 0.9, restingWeight: 0.2 };
  it('rests at the neutral score with little weight, and rises to the maximum with full weight', () => {
    expect(oneSidedScore(0, c).score).toBe(0.3);
    expect(oneSidedScore(0, c).weight).toBeCloseTo(0.2, 12);
    expect(oneSidedScore(1, c).score).toBeCloseTo(0.9, 9);
    expect(oneSidedScore(1, c).weight).toBeCloseTo(1, 9);
    expect(oneSidedScore(0.5, c).score).toBeCloseTo(0.6, 9);
  });
});
