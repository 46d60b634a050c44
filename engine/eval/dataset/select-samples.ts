// How many of a clip's frames the builder analyses and keeps: frames come at --sample-fps; when a
// clip would give far more than --max-per-item, only every n-th sampled frame is analysed (the
// tracker re-detects a face it lost, so it needs no consecutive frames); what is left over after
// the primary face is chosen is thinned evenly.

import type { MediaInfo } from '../../media/index.ts';

/**
 * Analyse every `stride`-th sampled frame: the largest stride that still leaves at least
 * `maxPerItem` frames, by the duration and frame rate the decoder reports (1 when unknown).
 */
export function analysisStride(
  info: Pick<MediaInfo, 'isStillImage' | 'durationSec' | 'fpsHz'> | null,
  sampleFps: number,
  maxPerItem: number,
): number {
  if (!info || info.isStillImage || info.durationSec === null || !(info.durationSec > 0)) return 1;
  const rate = info.fpsHz !== null && info.fpsHz > 0 ? Math.min(sampleFps, info.fpsHz) : sampleFps;
  const expected = Math.ceil(info.durationSec * rate);
  return Math.max(1, Math.floor(expected / maxPerItem));
}

/** At most `max` of `items`, evenly spread over them (first one always kept), order preserved. */
export function evenlySpaced<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  if (max <= 0) return [];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.floor((i * items.length) / max)]!);
  return out;
}
