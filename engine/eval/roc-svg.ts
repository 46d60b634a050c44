// ROC curves as a standalone SVG document (a pure function of the points: no DOM, no fonts to
// load), so `callsentinel eval` can write its plot next to the JSON on any machine.

import type { RocPoint } from './metrics.ts';

export interface RocSeries {
  label: string;
  points: readonly RocPoint[];
  auc: number;
  /** Drawn thicker (the overall curve). */
  emphasis?: boolean;
}

const PALETTE = [
  '#1f2937',
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

export function rocSvg(series: readonly RocSeries[], title: string, subtitle = ''): string {
  const plot = 420;
  const left = 60;
  const top = 64;
  const legendX = left + plot + 24;
  const width = legendX + 320;
  const height = top + plot + 56;
  const x = (fpr: number) => left + fpr * plot;
  const y = (tpr: number) => top + (1 - tpr) * plot;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="24" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${left}" y="44" fill="#4b5563">${escapeXml(subtitle)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    parts.push(
      `<line x1="${fmt(x(v))}" y1="${top}" x2="${fmt(x(v))}" y2="${top + plot}" stroke="#e5e7eb"/>`,
      `<line x1="${left}" y1="${fmt(y(v))}" x2="${left + plot}" y2="${fmt(y(v))}" stroke="#e5e7eb"/>`,
      `<text x="${fmt(x(v))}" y="${top + plot + 16}" text-anchor="middle">${v.toFixed(1)}</text>`,
      `<text x="${left - 8}" y="${fmt(y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`,
    );
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${plot}" height="${plot}" fill="none" stroke="#6b7280"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#9ca3af" stroke-dasharray="4 4"/>`,
    `<text x="${left + plot / 2}" y="${top + plot + 40}" text-anchor="middle">false-alarm rate (genuine items flagged)</text>`,
    `<text x="16" y="${top + plot / 2}" text-anchor="middle" transform="rotate(-90 16 ${top + plot / 2})">detection rate (swaps flagged)</text>`,
  );
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const path = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${fmt(x(p.fpr))},${fmt(y(p.tpr))}`).join(' ');
    if (path)
      parts.push(
        `<path d="${path}" fill="none" stroke="${colour}" stroke-width="${s.emphasis ? 3 : 1.5}" stroke-linejoin="round"/>`,
      );
    const ly = top + 8 + i * 20;
    const auc = Number.isFinite(s.auc) ? s.auc.toFixed(3) : 'n/a';
    parts.push(
      `<line x1="${legendX}" y1="${ly}" x2="${legendX + 24}" y2="${ly}" stroke="${colour}" stroke-width="${s.emphasis ? 3 : 1.5}"/>`,
      `<text x="${legendX + 32}" y="${ly + 4}">${escapeXml(s.label)} (AUC ${auc})</text>`,
    );
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}
