// Anchor layout of MediaPipe's BlazeFace "back" (256×256) detector: a 16×16 grid with 2 anchors
// per cell, then an 8×8 grid with 6 per cell, 896 in all, each of unit size, centred in its cell.
// (Layout as documented for MediaPipe's SSD anchor calculator with fixed anchor size.)

export interface AnchorGrid {
  cells: number;
  anchorsPerCell: number;
}

export const BLAZEFACE_GRIDS: readonly AnchorGrid[] = [
  { cells: 16, anchorsPerCell: 2 },
  { cells: 8, anchorsPerCell: 6 },
];

/** Anchor centres in normalised input coordinates, as [x0, y0, x1, y1, ...]. */
export function makeAnchorCentres(grids: readonly AnchorGrid[] = BLAZEFACE_GRIDS): Float32Array {
  const total = grids.reduce((n, g) => n + g.cells * g.cells * g.anchorsPerCell, 0);
  const centres = new Float32Array(total * 2);
  let i = 0;
  for (const grid of grids) {
    for (let y = 0; y < grid.cells; y++) {
      for (let x = 0; x < grid.cells; x++) {
        for (let k = 0; k < grid.anchorsPerCell; k++) {
          centres[i++] = (x + 0.5) / grid.cells;
          centres[i++] = (y + 0.5) / grid.cells;
        }
      }
    }
  }
  return centres;
}
