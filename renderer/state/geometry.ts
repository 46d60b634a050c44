// Pure geometry for the views: where a picture of the source lies inside its element (object-fit:
// contain), a source-pixel box mapped onto it, and the timeline's polylines.

import type { RectPx } from '../../engine/live/protocol.ts';
import { TIMELINE_WINDOW_SEC } from './app-state.ts';

export interface Fit {
  /** Scale from source pixels to element (CSS) pixels. */
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** How a source of sourceW × sourceH is shown in an element of elW × elH with object-fit: contain. */
export function containFit(sourceW: number, sourceH: number, elW: number, elH: number): Fit {
  if (sourceW <= 0 || sourceH <= 0 || elW <= 0 || elH <= 0) return { scale: 0, offsetX: 0, offsetY: 0 };
  const scale = Math.min(elW / sourceW, elH / sourceH);
  return { scale, offsetX: (elW - sourceW * scale) / 2, offsetY: (elH - sourceH * scale) / 2 };
}

/** A box in source pixels → the same box in element pixels. */
export function mapBox(box: RectPx, fit: Fit): RectPx {
  return {
    x: fit.offsetX + box.x * fit.scale,
    y: fit.offsetY + box.y * fit.scale,
    width: box.width * fit.scale,
    height: box.height * fit.scale,
  };
}

/** The size a frame is sent at: the crop scaled so its longest side is at most maxSidePx (never up). */
export function sendSize(cropW: number, cropH: number, maxSidePx: number): { width: number; height: number } {
  const scale = Math.min(1, maxSidePx / Math.max(cropW, cropH));
  return { width: Math.max(16, Math.round(cropW * scale)), height: Math.max(16, Math.round(cropH * scale)) };
}

/** SVG polyline point lists of the timeline; a null score (no face judged) breaks the line. */
export function timelinePaths(
  points: ReadonlyArray<{ tSec: number; score: number | null }>,
  endSec: number,
  box: RectPx,
): string[] {
  const start = endSec - TIMELINE_WINDOW_SEC;
  const paths: string[] = [];
  let current: string[] = [];
  for (const p of points) {
    if (p.score === null || p.tSec < start) {
      if (current.length) paths.push(current.join(' '));
      current = [];
      continue;
    }
    const x = box.x + ((p.tSec - start) / TIMELINE_WINDOW_SEC) * box.width;
    const y = box.y + (1 - Math.min(1, Math.max(0, p.score))) * box.height;
    current.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  if (current.length) paths.push(current.join(' '));
  return paths;
}
