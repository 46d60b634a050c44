import { describe, expect, it } from 'vitest';
import { oneSidedScore, oneSidedScoreProblem } from '../../../engine/signals/common/one-sided-score.ts';
import { notJudged, TrackClock, TrackedSignalInstance } from '../../../engine/signals/common/track-clock.ts';

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

  it('a tracked signal instance makes a track once, returns it after, and drops it on reset', async () => {
    class Probe extends TrackedSignalInstance<TrackClock> {
      get(id: number, first: number) {
        return this.trackFor(id, () => new TrackClock(id, first));
      }
      get count() {
        return this.tracks.size;
      }
    }
    const probe = new Probe();
    const a = probe.get(7, 1);
    expect(probe.get(7, 2)).toBe(a);
    expect(a.firstSec).toBe(1);
    probe.get(8, 3);
    probe.reset(7);
    expect(probe.count).toBe(1);
    expect(probe.get(7, 5).firstSec).toBe(5);
    await probe.dispose();
    expect(probe.count).toBe(0);
  });

  it('notJudged carries the span and the reason, with no score and no confidence', () => {
    const o = notJudged({ signalId: 'x', trackId: 2, startSec: 1, endSec: 4 }, 'reason.blink-watching');
    expect(o).toEqual({
      signalId: 'x',
      trackId: 2,
      startSec: 1,
      endSec: 4,
      score: null,
      confidence: 0,
      status: 'insufficient-data',
      reasonKey: 'reason.blink-watching',
    });
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

  it('names what is wrong with its settings, the weight by its config key', () => {
    expect(oneSidedScoreProblem(c, 'steadyWeight')).toBeNull();
    expect(oneSidedScoreProblem({ ...c, maxScore: 0.3 }, 'steadyWeight')).toMatch(/neutralScore < maxScore/);
    expect(oneSidedScoreProblem({ ...c, restingWeight: 1.5 }, 'steadyWeight')).toBe(
      'steadyWeight must be in 0..1',
    );
  });
});
