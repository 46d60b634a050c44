// Weighted non-maximum suppression (as in MediaPipe's BlazeFace post-processing): overlapping
// candidates are not thrown away but averaged, weighted by score, which steadies boxes
// from frame to frame.

import { intersectionOverUnion, type BoxPx } from './geometry.ts';

export interface Candidate {
  box: BoxPx;
  /** Extra coordinates averaged with the box (keypoints as [x0, y0, x1, y1, ...]). */
  points: number[];
  score: number;
}

export function weightedNonMaxSuppression(
  candidates: Candidate[],
  iouThreshold: number,
  maxResults: number,
): Candidate[] {
  const remaining = [...candidates].sort((a, b) => b.score - a.score);
  const results: Candidate[] = [];
  while (remaining.length > 0 && results.length < maxResults) {
    const best = remaining[0]!;
    const cluster: Candidate[] = [];
    const rest: Candidate[] = [];
    for (const c of remaining)
      (intersectionOverUnion(best.box, c.box) > iouThreshold ? cluster : rest).push(c);
    results.push(averageCluster(cluster, best.score));
    remaining.length = 0;
    remaining.push(...rest);
  }
  return results;
}

function averageCluster(cluster: Candidate[], score: number): Candidate {
  let total = 0;
  const box = { x: 0, y: 0, width: 0, height: 0 };
  const points = new Array<number>(cluster[0]!.points.length).fill(0);
  for (const c of cluster) {
    total += c.score;
    box.x += c.box.x * c.score;
    box.y += c.box.y * c.score;
    box.width += c.box.width * c.score;
    box.height += c.box.height * c.score;
    for (let i = 0; i < points.length; i++) points[i] = points[i]! + c.points[i]! * c.score;
  }
  box.x /= total;
  box.y /= total;
  box.width /= total;
  box.height /= total;
  return { box, points: points.map((v) => v / total), score };
}
