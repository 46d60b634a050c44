import { describe, expect, it } from 'vitest';
import { DEFAULT_FACE_CONFIG } from '../../../engine/face/config.ts';
import { DetectorSchedule } from '../../../engine/face/face-tracker.ts';

describe('detector schedule', () => {
  const config = { ...DEFAULT_FACE_CONFIG, redetectEveryFrames: 10, tileScanEveryFrames: 30 };

  it('searches everything on the first frame, then each pass in turn while searching', () => {
    const s = new DetectorSchedule();
    expect(s.next(5, true, config)).toBe('all');
    expect([1, 2, 3, 4, 5, 6].map(() => s.next(5, true, config))).toEqual([0, 1, 2, 3, 4, 0]);
  });

  it('while tracking: the whole frame every N frames, every tile within the tile period, at most one pass a frame', () => {
    const s = new DetectorSchedule();
    s.next(5, false, config);
    const runs = Array.from({ length: 60 }, () => s.next(5, false, config));
    const whole = runs.flatMap((p, i) => (p === 0 ? [i] : []));
    expect(whole.length).toBeGreaterThanOrEqual(5);
    for (let k = 1; k < whole.length; k++) expect(whole[k]! - whole[k - 1]!).toBeLessThanOrEqual(10);
    const tilesIn30 = new Set(runs.slice(0, 30).filter((p): p is number => typeof p === 'number' && p > 0));
    expect(tilesIn30).toEqual(new Set([1, 2, 3, 4]));
    expect(runs.filter((p) => p === null).length).toBeGreaterThan(30);
  });

  it('a single-pass frame never tiles', () => {
    const s = new DetectorSchedule();
    s.next(1, false, config);
    const runs = Array.from({ length: 30 }, () => s.next(1, false, config));
    expect(runs.every((p) => p === null || p === 0)).toBe(true);
  });
});
