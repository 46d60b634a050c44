// The boundary-flicker signal's pure parts: zone means in a synthetic crop, and the seam ratio
// of sequences where only the seam flickers, where the whole picture brightens and darkens, and
// where nothing changes but noise.

import { describe, expect, it } from 'vitest';
import {
  bandLuma,
  scalePolygon,
  type CropPoint,
} from '../../../engine/signals/boundary-flicker/band-luma.ts';
import {
  DEFAULT_BOUNDARY_FLICKER_CONFIG,
  resolveBoundaryFlickerConfig,
} from '../../../engine/signals/boundary-flicker/config.ts';
import { sequenceFlicker } from '../../../engine/signals/boundary-flicker/flicker.ts';
import { scoreBoundaryFlicker } from '../../../engine/signals/boundary-flicker/score.ts';
import { seededRandom } from '../../support/seeded-random.ts';

const SIZE = 224;
const CENTRE = 112;
const RADIUS = 80;
const circle: CropPoint[] = Array.from({ length: 36 }, (_, k) => [
  CENTRE + RADIUS * Math.cos((2 * Math.PI * k) / 36),
  CENTRE + RADIUS * Math.sin((2 * Math.PI * k) / 36),
]);
const interior: CropPoint[][] = [scalePolygon(circle, 0.4)];
const GEOMETRY = { bandFraction: 0.07, gapFraction: 0.03, step: 2 };

/** A grey crop: `outside` beyond the circle, `seam` in a ring just inside it, `face` elsewhere inside, plus noise. */
function crop(outside: number, seam: number, face: number, noise: number, rand: () => number): Uint8Array {
  const data = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const r = Math.hypot(x + 0.5 - CENTRE, y + 0.5 - CENTRE);
      const v = r > RADIUS ? outside : r > RADIUS * 0.85 ? seam : face;
      data.fill(
        Math.max(0, Math.min(255, Math.round(v + noise * (rand() - 0.5) * 2))),
        3 * (y * SIZE + x),
        3 * (y * SIZE + x) + 3,
      );
    }
  }
  return data;
}

function series(frames: number, make: (i: number) => Uint8Array) {
  return Array.from({ length: frames }, (_, i) => ({
    timeSec: i / 30,
    luma: bandLuma(make(i), SIZE, SIZE, circle, interior, GEOMETRY),
  }));
}

describe('boundary flicker', () => {
  it('measures each zone where it should', () => {
    const z = bandLuma(crop(50, 120, 160, 0, Math.random), SIZE, SIZE, circle, interior, GEOMETRY);
    expect(z.outer).toBeCloseTo(50, 6);
    expect(z.inner).toBeCloseTo(120, 6);
    expect(z.interior).toBeCloseTo(160, 6);
    expect(Math.min(z.innerPixels, z.outerPixels, z.interiorPixels)).toBeGreaterThan(100);
  });

  it('a seam that flickers while the face stays steady gives a high ratio and score', () => {
    const rand = seededRandom(1);
    const stats = sequenceFlicker(
      series(40, (i) => crop(50, 120 + (i % 2 ? 4 : -4), 160, 2, rand)),
      0.2,
      0.3,
    );
    expect(stats.seamFlicker).toBeGreaterThan(6);
    expect(stats.seamRatio).toBeGreaterThan(DEFAULT_BOUNDARY_FLICKER_CONFIG.ratioHigh);
    const v = scoreBoundaryFlicker(stats.seamRatio, DEFAULT_BOUNDARY_FLICKER_CONFIG);
    expect(v.reasonKey).toBe('reason.boundary-flicker-high');
    expect(v.score).toBe(DEFAULT_BOUNDARY_FLICKER_CONFIG.maxScore);
  });

  it('the whole picture brightening and darkening (camera gain) is not seam flicker', () => {
    const rand = seededRandom(2);
    const stats = sequenceFlicker(
      series(40, (i) => {
        const g = i % 2 ? 1.04 : 0.96;
        return crop(50 * g, 120 * g, 160 * g, 2, rand);
      }),
      0.2,
      0.3,
    );
    expect(stats.interiorFlicker).toBeGreaterThan(5);
    expect(stats.seamRatio).toBeLessThan(DEFAULT_BOUNDARY_FLICKER_CONFIG.ratioNormal);
  });

  it('noise alone stays below the normal ratio', () => {
    const rand = seededRandom(3);
    const stats = sequenceFlicker(
      series(40, () => crop(50, 120, 160, 6, rand)),
      0.2,
      0.3,
    );
    expect(stats.seamRatio).toBeLessThan(DEFAULT_BOUNDARY_FLICKER_CONFIG.ratioNormal);
    expect(scoreBoundaryFlicker(stats.seamRatio, DEFAULT_BOUNDARY_FLICKER_CONFIG).score).toBe(
      DEFAULT_BOUNDARY_FLICKER_CONFIG.neutralScore,
    );
  });

  it('config: unknown keys and bad values are refused', () => {
    expect(() => resolveBoundaryFlickerConfig({ band: 1 } as never)).toThrow(
      /unknown boundary-flicker config key/,
    );
    expect(() => resolveBoundaryFlickerConfig({ sampleStep: 1.5 })).toThrow(/sampleStep/);
  });
});
