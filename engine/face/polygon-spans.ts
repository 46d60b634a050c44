// Even-odd scanline rasterisation of a polygon (continuous pixel coordinates, pixel centres at
// +0.5): the one routine behind the face mask and every per-region pixel statistic.

/** Calls `span(y, xFrom, xTo)` (inclusive pixel columns) for each run of pixels inside the polygon. */
export function forEachPolygonSpan(
  polygon: ReadonlyArray<readonly [number, number]>,
  width: number,
  height: number,
  span: (y: number, xFrom: number, xTo: number) => void,
): void {
  if (polygon.length < 3) return;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const [, y] of polygon) {
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  const y0 = Math.max(0, Math.ceil(yMin - 0.5));
  const y1 = Math.min(height - 1, Math.floor(yMax - 0.5));
  const crossings: number[] = [];
  for (let y = y0; y <= y1; y++) {
    const yc = y + 0.5;
    crossings.length = 0;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const [xi, yi] = polygon[i]!;
      const [xj, yj] = polygon[j]!;
      if (yi > yc !== yj > yc) crossings.push(xi + ((yc - yi) / (yj - yi)) * (xj - xi));
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil(crossings[k]! - 0.5));
      const to = Math.min(width - 1, Math.floor(crossings[k + 1]! - 0.5));
      if (to >= from) span(y, from, to);
    }
  }
}
