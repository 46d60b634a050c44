import { describe, expect, it } from 'vitest';
import { VerdictStabilizer } from '../../../engine/fusion/verdict-stabilizer.ts';
import type { Verdict } from '../../../engine/fusion/verdict.ts';

/** Feed raw verdicts at 10 Hz and return the shown ones. */
function run(raw: Verdict[], stabilizer = new VerdictStabilizer()): Verdict[] {
  return raw.map((v, i) => stabilizer.update(v, i / 10).verdict);
}

function changes(shown: Verdict[]): number {
  return shown.slice(1).filter((v, i) => v !== shown[i]).length;
}

describe('live verdict stability', () => {
  it('does not flicker when the raw verdict jumps around a threshold on single noisy frames', () => {
    // Mostly real, with one-frame excursions to suspicious every 0.7 s.
    const raw = Array.from({ length: 300 }, (_, i): Verdict => (i % 7 === 3 ? 'suspicious' : 'likely_real'));
    const shown = run(raw);
    expect(changes(shown)).toBe(1); // not_verified → likely_real once, then steady
    expect(shown.at(-1)).toBe('likely_real');
  });

  it('raises a sustained warning within 2 s, and relaxes only after it has clearly passed', () => {
    const raw: Verdict[] = [
      ...Array<Verdict>(50).fill('likely_real'),
      ...Array<Verdict>(40).fill('likely_fake'),
      ...Array<Verdict>(30).fill('likely_real'),
      ...Array<Verdict>(80).fill('likely_real'),
    ];
    const shown = run(raw);
    const firstFake = shown.indexOf('likely_fake');
    expect(firstFake).toBeGreaterThan(50);
    expect(firstFake - 50).toBeLessThanOrEqual(20);
    // Stays a warning for about 4 s after the raw verdict calmed down at frame 90 (80 % of the 5 s hold).
    expect(shown.slice(90, 129).every((v) => v === 'likely_fake')).toBe(true);
    expect(shown.at(-1)).toBe('likely_real');
  });

  it('alternating states never settle into flicker', () => {
    const raw = Array.from({ length: 200 }, (_, i): Verdict =>
      Math.floor(i / 5) % 2 ? 'suspicious' : 'likely_real',
    );
    expect(changes(run(raw))).toBeLessThanOrEqual(2);
  });
});
