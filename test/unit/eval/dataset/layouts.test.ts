import { describe, expect, it } from 'vitest';
import type { ManifestRow, MediaCategory } from '../../../../engine/eval/data-manifest.ts';
import { extractRegion, MASK_GREY, regionColumns } from '../../../../engine/eval/dataset/frame-regions.ts';
import { INSET_GREY_RECT, planRow } from '../../../../engine/eval/dataset/layouts.ts';
import { MIXED_FRAME_TABLE } from '../../../../engine/eval/dataset/mixed-frame-table.ts';
import { PANEL_TABLE } from '../../../../engine/eval/dataset/panel-table.ts';
import { analysisStride, evenlySpaced } from '../../../../engine/eval/dataset/select-samples.ts';

function row(overrides: Partial<ManifestRow>): ManifestRow {
  return {
    file: 'x.mp4',
    path: '/data/media/x.mp4',
    kind: 'fake_video',
    category: 'swap',
    layout: 'single',
    identityGroup: 'g',
    method: 'DeepFaceLive',
    notes: '',
    durationResolution: '',
    sourceRepo: '',
    license: '',
    bytes: 1,
    ...overrides,
  };
}

const DEFAULT: ReadonlySet<MediaCategory> = new Set(['genuine', 'swap']);

describe('planRow', () => {
  it('single: one full-frame item with the row category, label and method', () => {
    const p = planRow(row({}), DEFAULT);
    expect(p.regions).toEqual([
      {
        region: 'full',
        category: 'swap',
        label: 1,
        method: 'DeepFaceLive',
        geometry: { xFrom: 0, xTo: 1, greyRects: [] },
      },
    ]);
    expect(p.skipped).toEqual([]);
    const genuine = planRow(row({ category: 'genuine', method: null }), DEFAULT);
    expect(genuine.regions[0]).toMatchObject({ label: 0, category: 'genuine', method: null });
  });

  it('side_by_side: left half genuine (no method), right half the row’s swap', () => {
    const p = planRow(row({ layout: 'side_by_side:left=genuine,right=swap' }), DEFAULT);
    expect(
      p.regions.map((r) => [r.region, r.category, r.label, r.method, r.geometry.xFrom, r.geometry.xTo]),
    ).toEqual([
      ['left', 'genuine', 0, null, 0, 0.5],
      ['right', 'swap', 1, 'DeepFaceLive', 0.5, 1],
    ]);
  });

  it('side_by_side: only the halves of the asked categories', () => {
    const p = planRow(row({ layout: 'side_by_side:left=genuine,right=swap' }), new Set(['genuine']));
    expect(p.regions.map((r) => r.region)).toEqual(['left']);
  });

  it('panels: roles from the table, skipped panels listed with the reason', () => {
    const file = 'faceswap-GAN__gifs_mask_vis_rev_gif.mp4';
    const p = planRow(row({ file, layout: 'panels', method: 'faceswap-GAN' }), DEFAULT);
    expect(p.regions.map((r) => [r.region, r.label])).toEqual([
      ['panel0', 0],
      ['panel1', 1],
    ]);
    expect(p.regions[1]!.geometry).toMatchObject({ xFrom: 1 / 3, xTo: 2 / 3 });
    expect(p.skipped).toEqual([{ file, region: 'panel2', reason: `panels: ${PANEL_TABLE[file]!.reason}` }]);
  });

  it('panels: captions named in the table are greyed in every panel', () => {
    const p = planRow(
      row({ file: 'faceswap-GAN__gifs_bbox_comp_annotated_gif.mp4', layout: 'panels' }),
      DEFAULT,
    );
    expect(p.regions.map((r) => r.label)).toEqual([0, 1, 1, 1]);
    for (const r of p.regions) expect(r.geometry.greyRects).toHaveLength(1);
  });

  it('panels: files without roles or without an entry are skipped whole', () => {
    const grid = planRow(row({ file: 'celeb-deepfakeforensics__src_cover.png', layout: 'panels' }), DEFAULT);
    expect(grid.regions).toEqual([]);
    expect(grid.skipped).toHaveLength(1);
    expect(grid.skipped[0]!.region).toBeNull();
    const unknown = planRow(row({ file: 'new.mp4', layout: 'panels' }), DEFAULT);
    expect(unknown.skipped[0]!.reason).toMatch(/no entry/);
  });

  it('single with a mixed-frame entry: one item per strip, the live strip genuine, the other the attack', () => {
    const file = 'light-weight-face-anti-spoofing__demo_demo.png';
    const p = planRow(
      row({ file, kind: 'replay_attack', category: 'replay', method: null }),
      new Set<MediaCategory>(['genuine', 'replay']),
    );
    expect(p.regions.map((r) => [r.region, r.category, r.label])).toEqual([
      ['strip0', 'replay', null],
      ['strip1', 'genuine', 0],
    ]);
    expect(p.regions[0]!.geometry).toEqual({ xFrom: 0, xTo: 0.3, greyRects: [] });
    // asked for replays only, the live face is not an item
    expect(
      planRow(row({ file, category: 'replay' }), new Set<MediaCategory>(['replay'])).regions,
    ).toHaveLength(1);
  });

  it('every mixed-frame entry has a reason and strips in order inside the frame', () => {
    for (const entry of Object.values(MIXED_FRAME_TABLE)) {
      expect(entry.reason.length).toBeGreaterThan(10);
      let previousEnd = 0;
      for (const strip of entry.strips) {
        expect(strip.xFrom).toBeGreaterThanOrEqual(previousEnd);
        expect(strip.xTo).toBeGreaterThan(strip.xFrom);
        expect(strip.xTo).toBeLessThanOrEqual(1);
        previousEnd = strip.xTo;
      }
    }
  });

  it('every panel-table entry has a reason and only known roles', () => {
    for (const entry of Object.values(PANEL_TABLE)) {
      expect(entry.reason.length).toBeGreaterThan(10);
      for (const role of entry.roles) expect(['genuine', 'swap', 'skip']).toContain(role);
    }
  });

  it('inset: the whole frame with the bottom-left corner greyed', () => {
    const p = planRow(row({ layout: 'inset', category: 'talking_head' }), new Set(['talking_head']));
    expect(p.regions[0]).toMatchObject({
      region: 'full',
      label: null,
      geometry: { greyRects: [INSET_GREY_RECT] },
    });
  });

  it('screen_recording and unknown layouts are skipped with a reason; other categories are silent', () => {
    expect(planRow(row({ layout: 'screen_recording' }), DEFAULT).skipped[0]!.reason).toMatch(
      /screen_recording/,
    );
    expect(planRow(row({ layout: 'mosaic' }), DEFAULT).skipped[0]!.reason).toMatch(/unknown layout/);
    const other = planRow(row({ layout: 'screen_recording', category: 'print' }), DEFAULT);
    expect(other).toMatchObject({ regions: [], skipped: [] });
  });
});

describe('extractRegion', () => {
  // 5×2 frame whose red channel is the column index.
  const frame = { width: 5, height: 2, data: new Uint8Array(5 * 2 * 3) };
  for (let y = 0; y < 2; y++) for (let x = 0; x < 5; x++) frame.data[(y * 5 + x) * 3] = x;

  it('cuts halves without overlap, covering every column', () => {
    const left = regionColumns({ xFrom: 0, xTo: 0.5, greyRects: [] }, 5);
    const right = regionColumns({ xFrom: 0.5, xTo: 1, greyRects: [] }, 5);
    expect(left.x1).toBe(right.x0);
    expect([left.x0, right.x1]).toEqual([0, 5]);
    const img = extractRegion(frame, { xFrom: 0.5, xTo: 1, greyRects: [] });
    expect(img.width).toBe(5 - left.x1);
    expect(img.height).toBe(2);
    expect([...img.data].filter((_, i) => i % 3 === 0)).toEqual([3, 4, 3, 4]);
  });

  it('greys a rectangle in a copy, leaving the decoded frame intact (also for Buffer frames)', () => {
    const buffer = { ...frame, data: Buffer.from(frame.data) };
    const img = extractRegion(buffer, {
      xFrom: 0,
      xTo: 1,
      greyRects: [{ x: 0, y: 0.5, width: 0.4, height: 0.5 }],
    });
    expect(img.data[(1 * 5 + 0) * 3]).toBe(MASK_GREY);
    expect(img.data[(1 * 5 + 1) * 3 + 2]).toBe(MASK_GREY);
    expect(img.data[(1 * 5 + 2) * 3]).toBe(2);
    expect(img.data[0]).toBe(0);
    expect(buffer.data[(1 * 5 + 0) * 3]).toBe(0);
  });

  it('returns the frame itself when the region is the whole unmasked frame', () => {
    expect(extractRegion(frame, { xFrom: 0, xTo: 1, greyRects: [] })).toBe(frame);
  });
});

describe('sampling', () => {
  it('analyses every n-th sampled frame only when a clip is much longer than max-per-item allows', () => {
    const video = (durationSec: number, fpsHz: number | null = 30) => ({
      isStillImage: false,
      durationSec,
      fpsHz,
    });
    expect(analysisStride(video(10), 4, 48)).toBe(1);
    expect(analysisStride(video(200), 4, 48)).toBe(16);
    expect(analysisStride(video(200, 2), 4, 48)).toBe(8);
    expect(analysisStride(video(200, null), 4, 48)).toBe(16);
    expect(analysisStride({ isStillImage: true, durationSec: null, fpsHz: null }, 4, 48)).toBe(1);
    expect(analysisStride(null, 4, 48)).toBe(1);
  });

  it('evenlySpaced keeps at most max items spread over the whole list, first included', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    expect(evenlySpaced(items, 200)).toEqual(items);
    const kept = evenlySpaced(items, 8);
    expect(kept).toHaveLength(8);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBeGreaterThanOrEqual(85);
    expect(new Set(kept).size).toBe(8);
    expect(evenlySpaced(items, 0)).toEqual([]);
  });
});
