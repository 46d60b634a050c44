import { describe, expect, it } from 'vitest';
import {
  chooseRegion,
  DEFAULT_REGION_CHOICE_CONFIG as CONFIG,
  INITIAL_REGION_STATE,
  scanTiles,
  scaledToWidth,
  type BoxPx,
  type FaceDetectionPx,
  type RegionChoice,
  type RegionState,
  type SizePx,
} from '../../../../renderer/capture/region-choice.ts';

const SCREEN: SizePx = { width: 2560, height: 1440 };
const face = (x: number, y: number, size: number, score = 0.9): FaceDetectionPx => ({
  boxPx: { x, y, width: size, height: size * 1.1 },
  score,
});
const contains = (outer: BoxPx, inner: BoxPx) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** Feed frames one after another (30 fps unless times are given). */
function run(
  frames: ReadonlyArray<readonly FaceDetectionPx[]>,
  frameSize: SizePx = SCREEN,
  start: RegionState = INITIAL_REGION_STATE,
  config = CONFIG,
): { choices: RegionChoice[]; state: RegionState } {
  let state = start;
  const choices: RegionChoice[] = [];
  frames.forEach((detections, i) => {
    const next = chooseRegion(state, { frameSize, detections, timeSec: i / 30 }, config);
    state = next.state;
    choices.push(next.choice);
  });
  return { choices, state };
}

describe('face-centred crop', () => {
  it('is a square of about 2.2x the face, centred on it, at full resolution', () => {
    const f = face(1200, 500, 150);
    const [choice] = run([[f]]).choices;
    expect(choice!.mode).toBe('face');
    const crop = choice!.cropPx;
    expect(crop.width).toBe(crop.height);
    expect(crop.width).toBe(Math.round(2.2 * 165));
    expect(Math.abs(crop.x + crop.width / 2 - (1200 + 75))).toBeLessThanOrEqual(1);
    expect(Math.abs(crop.y + crop.height / 2 - (500 + 82.5))).toBeLessThanOrEqual(1);
    expect(choice!.outputSize).toEqual({ width: crop.width, height: crop.width });
    expect(choice!.facePx).toEqual(f.boxPx);
    expect(contains(crop, f.boxPx)).toBe(true);
    for (const v of [crop.x, crop.y, crop.width]) expect(Number.isInteger(v)).toBe(true);
  });

  it('scales down only above the cap, and is clamped to the frame', () => {
    const big = face(1000, 200, 500);
    const [choice] = run([[big]]).choices;
    expect(choice!.cropPx.width).toBe(1210);
    expect(choice!.outputSize).toEqual({ width: 720, height: 720 });

    const corner = face(10, 20, 200);
    const [clamped] = run([[corner]]).choices;
    expect(clamped!.cropPx.x).toBe(0);
    expect(clamped!.cropPx.y).toBe(0);
    expect(contains(clamped!.cropPx, corner.boxPx)).toBe(true);

    // A face filling a small frame: the crop is the largest square that fits.
    const [small] = run([[face(40, 10, 200)]], { width: 320, height: 240 }).choices;
    expect(small!.cropPx).toEqual({ x: 20, y: 0, width: 240, height: 240 });
    expect(small!.outputSize).toEqual({ width: 240, height: 240 });
  });

  it('gives tiny faces at least minCropSidePx', () => {
    const [choice] = run([[face(600, 600, 30)]]).choices;
    expect(choice!.cropPx.width).toBe(CONFIG.minCropSidePx);
  });
});

describe('hysteresis', () => {
  it('keeps the crop for small motion and size changes, re-centres when the face leaves the inner part', () => {
    const frames = [
      [face(1200, 500, 150)],
      [face(1210, 495, 150)],
      [face(1230, 510, 160)], // +30 px, +7 % size
      [face(1180, 520, 175)], // +17 % size
      [face(1320, 500, 150)], // right edge past the inner part
    ];
    const { choices } = run(frames);
    const first = choices[0]!.cropPx;
    for (const c of choices.slice(1, 4)) {
      expect(c.cropPx).toEqual(first);
      expect(c.recentred).toBe(false);
    }
    expect(choices[4]!.recentred).toBe(true);
    expect(choices[4]!.cropPx.x).toBeGreaterThan(first.x);
  });

  it('re-centres when the face size changes by more than 25 %', () => {
    const { choices } = run([[face(1200, 500, 150)], [face(1190, 490, 150 * 1.3)]]);
    expect(choices[1]!.recentred).toBe(true);
    expect(choices[1]!.cropPx.width).toBeGreaterThan(choices[0]!.cropPx.width);
    const shrink = run([[face(1200, 500, 150)], [face(1215, 515, 150 * 0.7)]]).choices;
    expect(shrink[1]!.recentred).toBe(true);
  });

  it('keeps a crop clamped at the frame edge while the face moves along that edge', () => {
    const { choices } = run([[face(0, 300, 200)], [face(5, 310, 200)], [face(0, 295, 200)]]);
    expect(choices[1]!.cropPx).toEqual(choices[0]!.cropPx);
    expect(choices[2]!.cropPx).toEqual(choices[0]!.cropPx);
  });
});

describe('which face', () => {
  it('prefers the largest face, then sticks to it while it is found', () => {
    const small = face(300, 300, 100);
    const large = face(1500, 400, 200);
    const larger = face(800, 300, 260);
    const { choices } = run([
      [small, large],
      [small, large, larger],
      [larger, small, face(1505, 405, 200)],
    ]);
    expect(choices[0]!.facePx).toEqual(large.boxPx);
    expect(choices[1]!.facePx).toEqual(large.boxPx);
    expect(choices[2]!.facePx).toEqual(face(1505, 405, 200).boxPx);
  });

  it('switches to the largest when the followed face is gone, and ignores low scores', () => {
    const { choices } = run([[face(1500, 400, 200)], [face(300, 300, 100), face(800, 300, 150)]]);
    expect(choices[1]!.facePx).toEqual(face(800, 300, 150).boxPx);
    const low = run([[face(1500, 400, 200, 0.4), face(300, 300, 100, 0.95)]]).choices;
    expect(low[0]!.facePx).toEqual(face(300, 300, 100).boxPx);
  });
});

describe('no face', () => {
  it('falls back to the whole frame at most 960 px wide, after holding the crop briefly', () => {
    const frames: FaceDetectionPx[][] = [[face(1200, 500, 150)]];
    for (let i = 0; i < 20; i++) frames.push([]);
    const { choices } = run(frames);
    // Held for holdLostSec (0.5 s = 15 frames at 30 fps).
    for (const c of choices.slice(1, 16)) {
      expect(c.mode).toBe('face');
      expect(c.cropPx).toEqual(choices[0]!.cropPx);
    }
    const lost = choices[16]!;
    expect(lost.mode).toBe('frame');
    expect(lost.recentred).toBe(true);
    expect(lost.cropPx).toEqual({ x: 0, y: 0, ...SCREEN });
    expect(lost.outputSize).toEqual({ width: 960, height: 540 });
    expect(lost.facePx).toBeNull();
    expect(lost.contextDue).toBe(false);
    expect(lost.searchPx).toEqual({ x: 0, y: 0, ...SCREEN });
  });

  it('never scales a small frame up', () => {
    const [choice] = run([[]], { width: 640, height: 480 }).choices;
    expect(choice!.outputSize).toEqual({ width: 640, height: 480 });
    expect(scaledToWidth({ width: 1280, height: 720 }, 320)).toEqual({ width: 320, height: 180 });
  });

  it('searches the whole frame and overlapping tiles in turn', () => {
    const tiles = scanTiles(SCREEN, CONFIG);
    expect(tiles.length).toBeGreaterThan(1);
    // Tiles cover the frame: every point of a coarse grid lies in some tile.
    for (let y = 0; y < SCREEN.height; y += 40)
      for (let x = 0; x < SCREEN.width; x += 40)
        expect(tiles.some((t) => contains(t, { x, y, width: 1, height: 1 }))).toBe(true);
    for (const t of tiles) expect(contains({ x: 0, y: 0, ...SCREEN }, t)).toBe(true);
    const frames = Array.from({ length: tiles.length + 1 }, () => [] as FaceDetectionPx[]);
    const { choices } = run(frames);
    expect(choices.map((c) => c.searchPx)).toEqual([...tiles, { x: 0, y: 0, ...SCREEN }]);
  });
});

describe('context frame and search region', () => {
  it('asks for the context frame about once per second while a face is followed', () => {
    const f = [face(1200, 500, 150)];
    const frames = Array.from({ length: 75 }, () => f);
    const { choices } = run(frames);
    const due = choices.flatMap((c, i) => (c.contextDue ? [i] : []));
    expect(due).toEqual([0, 30, 60]);
    expect(choices[0]!.contextSize).toEqual({ width: 320, height: 180 });
    expect(choices[0]!.contextEverySec).toBe(1);
  });

  it('searches around the crop while following, inside the frame', () => {
    const [choice] = run([[face(1200, 500, 150)]]).choices;
    expect(contains(choice!.searchPx, choice!.cropPx)).toBe(true);
    expect(choice!.searchPx.width).toBe(Math.round(choice!.cropPx.width * CONFIG.searchScale));
    const [edge] = run([[face(2400, 1300, 150)]]).choices;
    expect(contains({ x: 0, y: 0, ...SCREEN }, edge!.searchPx)).toBe(true);
  });

  it('starts over when the frame size changes', () => {
    const first = run([[face(1200, 500, 150)]]);
    const next = chooseRegion(first.state, {
      frameSize: { width: 1280, height: 720 },
      detections: [],
      timeSec: 0.1,
    });
    expect(next.choice.mode).toBe('frame');
    expect(next.state.frameSize).toEqual({ width: 1280, height: 720 });
    expect(() =>
      chooseRegion(INITIAL_REGION_STATE, { frameSize: { width: 0, height: 10 }, detections: [], timeSec: 0 }),
    ).toThrow(RangeError);
  });

  it('returns plain JSON', () => {
    const { choices, state } = run([[face(1200, 500, 150)], []]);
    expect(JSON.parse(JSON.stringify(choices))).toEqual(choices);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
