// The timeline plot: score (0..1) of the primary face against media time, as inline SVG, over
// background bands that show where each verdict begins. A null score breaks the line.

import { esc, formatMediaTime, px } from './html.ts';

export interface TimelinePoint {
  tSec: number;
  score: number | null;
}

export interface Thresholds {
  /** Score from which the verdict is `suspicious`. */
  suspicious: number;
  /** Score from which the verdict is `likely_fake`. */
  fake: number;
}

export interface TimelineLabels {
  axisTime: string;
  axisScore: string;
  bandReal: string;
  bandSuspicious: string;
  bandFake: string;
}

export interface TimelineInput {
  points: readonly TimelinePoint[];
  thresholds: Thresholds;
  /** Numbered vertical lines (the key moments shown below the plot). */
  keyframes: ReadonlyArray<{ n: number; tSec: number }>;
  /** Dashed vertical lines (operator marks). */
  marks: readonly number[];
  labels: TimelineLabels;
}

const W = 760;
const H = 250;
const M = { left: 46, right: 108, top: 22, bottom: 44 };
/** Above this many points the dots are left out and only the line is drawn. */
const MAX_DOTS = 300;
const TICK_STEPS_SEC = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
const MAX_TICKS = 10;

export const BAND_COLOURS = { real: '#d7f0de', suspicious: '#fde8c2', fake: '#f8d3cf' } as const;

export function timelineSvg(input: TimelineInput): string {
  const { points, thresholds: th, labels } = input;
  let tMax = 1;
  for (const p of points) tMax = Math.max(tMax, p.tSec);
  for (const k of input.keyframes) tMax = Math.max(tMax, k.tSec);
  for (const m of input.marks) tMax = Math.max(tMax, m);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (t: number) => M.left + (Math.min(Math.max(t, 0), tMax) / tMax) * plotW;
  const y = (s: number) => M.top + (1 - Math.min(Math.max(s, 0), 1)) * plotH;
  const out: string[] = [];
  out.push(`<svg class="timeline" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(labels.axisScore)}">`);

  // Bands, bottom to top, each labelled at the right of the plot.
  const bands: Array<[number, number, string, string]> = [
    [0, th.suspicious, BAND_COLOURS.real, labels.bandReal],
    [th.suspicious, th.fake, BAND_COLOURS.suspicious, labels.bandSuspicious],
    [th.fake, 1, BAND_COLOURS.fake, labels.bandFake],
  ];
  for (const [lo, hi, colour, label] of bands) {
    out.push(
      `<rect x="${M.left}" y="${px(y(hi))}" width="${plotW}" height="${px(y(lo) - y(hi))}" fill="${colour}"/>`,
      `<text class="band-label" x="${M.left + plotW + 8}" y="${px((y(lo) + y(hi)) / 2 + 4)}">${esc(label)}</text>`,
    );
  }

  // Score axis: 0, the thresholds, 1.
  for (const s of [0, th.suspicious, th.fake, 1]) {
    out.push(
      `<line class="grid" x1="${M.left}" x2="${M.left + plotW}" y1="${px(y(s))}" y2="${px(y(s))}"/>`,
      `<text class="tick" x="${M.left - 6}" y="${px(y(s) + 4)}" text-anchor="end">${s.toFixed(s === 0 || s === 1 ? 0 : 2)}</text>`,
    );
  }
  out.push(
    `<text class="axis-label" transform="translate(12 ${px(M.top + plotH / 2)}) rotate(-90)" text-anchor="middle">${esc(labels.axisScore)}</text>`,
  );

  // Time axis.
  const step = TICK_STEPS_SEC.find((s) => tMax / s <= MAX_TICKS) ?? Math.ceil(tMax / MAX_TICKS);
  const axisY = M.top + plotH;
  out.push(`<line class="axis" x1="${M.left}" x2="${M.left + plotW}" y1="${axisY}" y2="${axisY}"/>`);
  for (let t = 0; t <= tMax + 1e-9; t += step) {
    out.push(
      `<line class="axis" x1="${px(x(t))}" x2="${px(x(t))}" y1="${axisY}" y2="${axisY + 5}"/>`,
      `<text class="tick" x="${px(x(t))}" y="${axisY + 18}" text-anchor="middle">${formatMediaTime(t)}</text>`,
    );
  }
  out.push(
    `<text class="axis-label" x="${px(M.left + plotW / 2)}" y="${H - 6}" text-anchor="middle">${esc(labels.axisTime)}</text>`,
  );

  // Operator marks and key moments.
  for (const t of input.marks) {
    out.push(`<line class="mark" x1="${px(x(t))}" x2="${px(x(t))}" y1="${M.top}" y2="${axisY}"/>`);
  }
  for (const k of input.keyframes) {
    out.push(
      `<line class="keyframe-line" x1="${px(x(k.tSec))}" x2="${px(x(k.tSec))}" y1="${M.top}" y2="${axisY}"/>`,
      `<circle class="keyframe-badge" cx="${px(x(k.tSec))}" cy="${M.top - 10}" r="9"/>`,
      `<text class="keyframe-number" x="${px(x(k.tSec))}" y="${M.top - 6}" text-anchor="middle">${k.n}</text>`,
    );
  }

  // The score line, broken where the score is null.
  const sorted = [...points].sort((a, b) => a.tSec - b.tSec);
  const segments: TimelinePoint[][] = [];
  let current: TimelinePoint[] = [];
  for (const p of sorted) {
    if (p.score === null || !Number.isFinite(p.score)) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else current.push(p);
  }
  if (current.length > 0) segments.push(current);
  const d = segments
    .filter((seg) => seg.length >= 2)
    .map((seg) => seg.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(x(p.tSec))} ${px(y(p.score!))}`).join(' '))
    .join(' ');
  if (d) out.push(`<path class="score-line" d="${d}"/>`);
  const scored = segments.flat();
  if (scored.length <= MAX_DOTS || segments.some((seg) => seg.length === 1)) {
    for (const seg of segments) {
      if (scored.length > MAX_DOTS && seg.length > 1) continue; // lone points always get a dot
      for (const p of seg)
        out.push(`<circle class="score-dot" cx="${px(x(p.tSec))}" cy="${px(y(p.score!))}" r="2.6"/>`);
    }
  }
  out.push('</svg>');
  return out.join('\n');
}
