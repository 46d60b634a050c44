// Per-frame measurement of the boundary-flicker signal: the mean luma of a band just inside the
// face outline, a band just outside it, and the face's interior skin, in the aligned crop.
// A face swapper pastes its rendered face back through a blurred mask and colour-matches it
// frame by frame; the seam it leaves along the outline changes brightness from frame to frame
// more than the face's own skin does (the blending boundary that "Face X-ray for More General
// Face Forgery Detection", L. Li et al., CVPR 2020, locates in single images; here it is followed
// over time). Bands are the face outline polygon scaled about its centroid: the inner band lies
// between 1 − gap − band and 1 − gap, the outer between 1 + gap and 1 + gap + band, so the
// outline itself (where a sub-pixel shift of the crop changes a band's mean most) is left out.

export type CropPoint = readonly [number, number];

export interface BandLuma {
  /** Mean luma (0..255) of the band inside the outline, the band outside it, and the interior skin. */
  inner: number;
  outer: number;
  interior: number;
  /** Pixels sampled in each (0: the band left the crop). */
  innerPixels: number;
  outerPixels: number;
  interiorPixels: number;
}

/** `polygon` scaled by `factor` about its vertex centroid. */
export function scalePolygon(polygon: readonly CropPoint[], factor: number): CropPoint[] {
  let cx = 0;
  let cy = 0;
  for (const [x, y] of polygon) {
    cx += x;
    cy += y;
  }
  cx /= polygon.length;
  cy /= polygon.length;
  return polygon.map(([x, y]): CropPoint => [cx + (x - cx) * factor, cy + (y - cy) * factor]);
}

/** A polygon as flat [x0, y0, x1, y1, …] (no per-vertex arrays in the hot loop). */
function flatten(polygon: readonly CropPoint[]): Float64Array {
  const out = new Float64Array(polygon.length * 2);
  polygon.forEach(([x, y], k) => {
    out[2 * k] = x;
    out[2 * k + 1] = y;
  });
  return out;
}

/** Sorted x positions where the horizontal line y = yc crosses the edges of a flat polygon. */
function crossings(p: Float64Array, yc: number, out: number[]): number[] {
  out.length = 0;
  const n = p.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const yi = p[i + 1]!;
    const yj = p[j + 1]!;
    if (yi > yc !== yj > yc) out.push(p[i]! + ((yc - yi) / (yj - yi)) * (p[j]! - p[i]!));
  }
  if (out.length > 2) out.sort(ascending);
  else if (out.length === 2 && out[0]! > out[1]!) out.reverse();
  return out;
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** Even-odd test of x against a row's sorted crossings. */
function insideRow(xs: readonly number[], x: number): boolean {
  let inside = false;
  for (const c of xs) {
    if (c > x) break;
    inside = !inside;
  }
  return inside;
}

export interface BandGeometry {
  /** Width of each band as a fraction of the outline's size (scale about its centroid). */
  bandFraction: number;
  /** Gap left on each side of the outline, same units. */
  gapFraction: number;
  /** Sample every `step`-th pixel in each direction. */
  step: number;
}

/**
 * Mean luma of the three zones in an RGB24 crop. `outline` is the face outline (mesh FACE_OVAL)
 * and `interiorPolygons` the interior skin patches, all in crop pixels.
 */
export function bandLuma(
  data: Uint8Array,
  width: number,
  height: number,
  outline: readonly CropPoint[],
  interiorPolygons: ReadonlyArray<readonly CropPoint[]>,
  g: BandGeometry,
): BandLuma {
  const polygons = [
    flatten(scalePolygon(outline, 1 + g.gapFraction + g.bandFraction)),
    flatten(scalePolygon(outline, 1 + g.gapFraction)),
    flatten(scalePolygon(outline, 1 - g.gapFraction)),
    flatten(scalePolygon(outline, 1 - g.gapFraction - g.bandFraction)),
  ] as const;
  const interiorFlat = interiorPolygons.map(flatten);
  const rows = polygons.map(() => [] as number[]);
  const interiorRows = interiorPolygons.map(() => [] as number[]);
  const breaks: number[] = [];
  const sum = [0, 0, 0];
  const count = [0, 0, 0];
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 1; i < polygons[0].length; i += 2) {
    yMin = Math.min(yMin, polygons[0][i]!);
    yMax = Math.max(yMax, polygons[0][i]!);
  }
  const yFirst = Math.max(0, Math.ceil((yMin - 0.5) / g.step) * g.step);
  const yLast = Math.min(height - 1, yMax);
  for (let y = yFirst; y <= yLast; y += g.step) {
    const yc = y + 0.5;
    if (crossings(polygons[0], yc, rows[0]!).length === 0) continue;
    for (let k = 1; k < polygons.length; k++) crossings(polygons[k]!, yc, rows[k]!);
    for (let k = 0; k < interiorFlat.length; k++) crossings(interiorFlat[k]!, yc, interiorRows[k]!);
    // Zones are constant between consecutive crossings: classify each segment once at its middle.
    breaks.length = 0;
    for (const r of rows) for (const x of r) breaks.push(x);
    for (const r of interiorRows) for (const x of r) breaks.push(x);
    breaks.sort(ascending);
    for (let b = 0; b + 1 < breaks.length; b++) {
      const from = breaks[b]!;
      const to = breaks[b + 1]!;
      if (to <= from) continue;
      const mid = (from + to) / 2;
      // 0: outer band, 1: inner band, 2: interior skin; the outline gap, eyes and mouth are left out.
      let zone = -1;
      if (!insideRow(rows[0]!, mid)) zone = -1;
      else if (!insideRow(rows[1]!, mid)) zone = 0;
      else if (!insideRow(rows[2]!, mid)) zone = -1;
      else if (!insideRow(rows[3]!, mid)) zone = 1;
      else {
        for (const r of interiorRows) {
          if (insideRow(r, mid)) {
            zone = 2;
            break;
          }
        }
      }
      if (zone < 0) continue;
      // Sampled pixel centres x + 0.5 (x a multiple of step) inside [from, to).
      const x0 = Math.max(0, Math.ceil((from - 0.5) / g.step) * g.step);
      const x1 = Math.min(width - 1, to - 0.5);
      let s = 0;
      let n = 0;
      for (let x = x0, o = 3 * (y * width + x0); x <= x1; x += g.step, o += 3 * g.step) {
        if (x + 0.5 >= to) break;
        s += 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
        n++;
      }
      sum[zone]! += s;
      count[zone]! += n;
    }
  }
  const meanOf = (k: number) => (count[k]! ? sum[k]! / count[k]! : Number.NaN);
  return {
    inner: meanOf(1),
    outer: meanOf(0),
    interior: meanOf(2),
    innerPixels: count[1]!,
    outerPixels: count[0]!,
    interiorPixels: count[2]!,
  };
}
