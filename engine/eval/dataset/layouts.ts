// Turns a manifest row into the items (regions of the frame) the builder analyses, by the row's
// `layout`: which part of each frame to keep, what to grey out, and what each region shows.
// One handler per layout kind, looked up in LAYOUT_HANDLERS; an unknown layout is skipped.

import type { ManifestRow, MediaCategory } from '../data-manifest.ts';
import { MIXED_FRAME_TABLE } from './mixed-frame-table.ts';
import { PANEL_TABLE, type PanelEntry } from './panel-table.ts';
import type { Label } from './types.ts';

/** A rectangle as fractions (0..1) of the region's width and height. */
export interface FractionRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Which pixels of a decoded frame the region's tracker sees. */
export interface RegionGeometry {
  /** Horizontal slice of the frame, as fractions of its width: [xFrom, xTo). */
  xFrom: number;
  xTo: number;
  /** Filled with grey before tracking (fractions of the region), e.g. a reference-photo inset. */
  greyRects: readonly FractionRect[];
}

export interface RegionPlan {
  region: string;
  category: MediaCategory;
  label: Label;
  method: string | null;
  geometry: RegionGeometry;
}

export interface SkippedRegion {
  file: string;
  /** null when the whole file is skipped. */
  region: string | null;
  reason: string;
}

export interface RowPlan {
  row: ManifestRow;
  /** Regions to analyse (only those whose category was asked for). */
  regions: RegionPlan[];
  skipped: SkippedRegion[];
}

/**
 * The reference-photo inset of `inset` clips (V-Express / VASA-1 samples, 512×512): checked on
 * frames of three files, it is 128×64 px in the bottom-left corner (25 % × 12.5 %). Greying the
 * bottom-left 30 % × 20 % covers it with a margin; 30 % × 30 % would cut into the main face's jaw.
 */
export const INSET_GREY_RECT: Readonly<FractionRect> = Object.freeze({
  x: 0,
  y: 0.8,
  width: 0.3,
  height: 0.2,
});

const WHOLE_FRAME: RegionGeometry = { xFrom: 0, xTo: 1, greyRects: [] };

export function labelOf(category: MediaCategory): Label {
  return category === 'swap' ? 1 : category === 'genuine' ? 0 : null;
}

type Role = 'genuine' | 'swap';

/** A region showing a genuine face, or the row's own (manipulated) content. */
function regionFor(
  row: ManifestRow,
  region: string,
  role: Role | 'row',
  geometry: RegionGeometry,
): RegionPlan {
  const category: MediaCategory = role === 'genuine' ? 'genuine' : row.category;
  return {
    region,
    category,
    label: labelOf(category),
    method: category === 'genuine' ? null : row.method,
    geometry,
  };
}

type LayoutHandler = (
  row: ManifestRow,
  options: string,
) => { regions: RegionPlan[]; skipped: SkippedRegion[] };

const skipWhole = (row: ManifestRow, reason: string) => ({
  regions: [],
  skipped: [{ file: row.file, region: null, reason }],
});

const SIDE_BY_SIDE_OPTIONS = /^left=(genuine|swap),right=(genuine|swap)$/;

export const LAYOUT_HANDLERS: Readonly<Record<string, LayoutHandler>> = {
  single: (row) => {
    const mixed = Object.hasOwn(MIXED_FRAME_TABLE, row.file) ? MIXED_FRAME_TABLE[row.file] : undefined;
    if (!mixed) return { regions: [regionFor(row, 'full', 'row', WHOLE_FRAME)], skipped: [] };
    return {
      regions: mixed.strips.map((strip, i) =>
        regionFor(row, `strip${i}`, strip.role, { xFrom: strip.xFrom, xTo: strip.xTo, greyRects: [] }),
      ),
      skipped: [],
    };
  },

  // DeepFaceLive doc_celebs: the real streamer on the left, the live swap on the right. The row's
  // category and method describe the swapped half.
  side_by_side: (row, options) => {
    const m = SIDE_BY_SIDE_OPTIONS.exec(options);
    if (!m) return skipWhole(row, `side_by_side layout "${options}" is not understood`);
    const role = (r: string): Role | 'row' => (r === 'genuine' ? 'genuine' : 'row');
    return {
      regions: [
        regionFor(row, 'left', role(m[1]!), { xFrom: 0, xTo: 0.5, greyRects: [] }),
        regionFor(row, 'right', role(m[2]!), { xFrom: 0.5, xTo: 1, greyRects: [] }),
      ],
      skipped: [],
    };
  },

  panels: (row) => {
    const entry: PanelEntry | undefined = PANEL_TABLE[row.file];
    if (!entry) return skipWhole(row, 'panels: no entry in engine/eval/dataset/panel-table.ts');
    if (entry.roles.length === 0) return skipWhole(row, `panels: ${entry.reason}`);
    const n = entry.roles.length;
    const regions: RegionPlan[] = [];
    const skipped: SkippedRegion[] = [];
    entry.roles.forEach((role, i) => {
      const region = `panel${i}`;
      if (role === 'skip') skipped.push({ file: row.file, region, reason: `panels: ${entry.reason}` });
      else
        regions.push(
          regionFor(row, region, role === 'genuine' ? 'genuine' : 'row', {
            xFrom: i / n,
            xTo: (i + 1) / n,
            greyRects: entry.greyRects ?? [],
          }),
        );
    });
    return { regions, skipped };
  },

  inset: (row) => ({
    regions: [regionFor(row, 'full', 'row', { xFrom: 0, xTo: 1, greyRects: [INSET_GREY_RECT] })],
    skipped: [],
  }),

  screen_recording: (row) => skipWhole(row, 'screen_recording layout is not supported yet'),
};

/**
 * The regions of `row` whose category is in `categories`, and what was skipped. Skips are only
 * reported for rows of a wanted category or with a wanted region (a genuine half or panel).
 */
export function planRow(row: ManifestRow, categories: ReadonlySet<MediaCategory>): RowPlan {
  const colon = row.layout.indexOf(':');
  const kind = colon < 0 ? row.layout : row.layout.slice(0, colon);
  const options = colon < 0 ? '' : row.layout.slice(colon + 1);
  const handler = Object.hasOwn(LAYOUT_HANDLERS, kind) ? LAYOUT_HANDLERS[kind] : undefined;
  const planned = handler ? handler(row, options) : skipWhole(row, `unknown layout "${row.layout}"`);
  const regions = planned.regions.filter((r) => categories.has(r.category));
  const wanted = categories.has(row.category) || regions.length > 0;
  return { row, regions, skipped: wanted ? planned.skipped : [] };
}
