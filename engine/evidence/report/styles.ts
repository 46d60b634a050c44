// The report's only stylesheet, inlined into the page. System fonts only (no web fonts, nothing
// fetched); Noto Sans CJK (Debian fonts-noto-cjk) gives the Chinese glyphs. A4 when printed.

export const VERDICT_COLOURS = {
  likely_real: '#1e7b3a',
  suspicious: '#a85d00',
  likely_fake: '#b3261e',
  not_verified: '#5f6368',
} as const;

export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0 auto; padding: 24px 28px 40px; max-width: 900px; background: #fff; color: #1d1d1f;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.5;
}
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #e3e3e6; }
h3 { font-size: 15px; margin: 14px 0 4px; }
p { margin: 6px 0; }
.intro { color: #444; margin: 4px 0 8px; }
.meta { color: #555; font-size: 13px; }
.mono, .hash { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
.hash { word-break: break-all; }
.integrity { display: flex; gap: 8px; align-items: flex-start; margin: 12px 0; padding: 8px 12px; border-radius: 8px; }
.integrity svg { flex: none; width: 20px; height: 20px; margin-top: 2px; }
.integrity.ok { background: #e9f6ee; color: #14532d; }
.integrity.broken { background: #7a0010; color: #fff; font-weight: 700; font-size: 17px; padding: 14px 16px;
  border: 4px solid #3d0008; }
.banner { color: #fff; border-radius: 12px; padding: 18px 22px; margin: 14px 0; }
.banner .label { text-transform: uppercase; letter-spacing: .06em; font-size: 13px; opacity: .9; }
.banner .verdict { font-size: 38px; font-weight: 800; line-height: 1.15; margin: 2px 0 6px; }
.banner .meaning { font-size: 17px; font-weight: 600; }
.banner .score { font-size: 14px; opacity: .95; }
.banner h3 { color: #fff; margin-top: 12px; }
.banner ul { margin: 4px 0 0; padding-left: 22px; }
.banner li { margin: 2px 0; }
.v-likely_real { background: ${VERDICT_COLOURS.likely_real}; }
.v-suspicious { background: ${VERDICT_COLOURS.suspicious}; }
.v-likely_fake { background: ${VERDICT_COLOURS.likely_fake}; }
.v-not_verified { background: ${VERDICT_COLOURS.not_verified}; }
.next { border-left: 6px solid var(--accent); background: #f6f6f8; border-radius: 0 10px 10px 0; padding: 10px 16px 10px 14px; }
.next h2 { border: none; margin: 0 0 4px; padding: 0; }
.next ol { margin: 0; padding-left: 22px; font-size: 16px; }
.next li { margin: 4px 0; }
svg.timeline { width: 100%; height: auto; display: block; }
svg.timeline text { font-family: inherit; fill: #333; }
svg.timeline .tick { font-size: 12px; }
svg.timeline .axis-label { font-size: 12px; fill: #555; }
svg.timeline .band-label { font-size: 13px; font-weight: 600; fill: #333; }
svg.timeline .grid { stroke: #fff; stroke-width: 1.2; }
svg.timeline .axis { stroke: #777; stroke-width: 1; }
svg.timeline .mark { stroke: #1a237e; stroke-width: 1.4; stroke-dasharray: 5 4; }
svg.timeline .keyframe-line { stroke: #444; stroke-width: 1; stroke-dasharray: 1 3; }
svg.timeline .keyframe-badge { fill: #222; }
svg.timeline .keyframe-number { fill: #fff; font-size: 11px; font-weight: 700; }
svg.timeline .score-line { fill: none; stroke: #111; stroke-width: 2.2; stroke-linejoin: round; stroke-linecap: round; }
svg.timeline .score-dot { fill: #111; }
.caption { color: #555; font-size: 13px; }
.keyframes { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; }
.keyframes figure { margin: 0; break-inside: avoid; }
.keyframes svg, .keyframes img { width: 100%; height: auto; display: block; border-radius: 6px; background: #eee; }
.keyframes .face-box { fill: none; stroke: #ffd400; }
.keyframes figcaption { font-size: 13px; margin-top: 4px; }
.keyframes .bad { color: #b3261e; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e3e6; vertical-align: top; }
th { background: #f3f3f5; font-weight: 600; }
td.num { font-variant-numeric: tabular-nums; }
.status-degraded { color: #b3261e; font-weight: 600; }
.status-insufficient-data { color: #8a5300; }
dl.record { display: grid; grid-template-columns: minmax(150px, 30%) 1fr; gap: 6px 14px; margin: 0; font-size: 14px; }
dl.record dt { color: #555; }
dl.record dd { margin: 0; }
dl.record .final-hash { font-weight: 700; }
dl.record .model + .model { margin-top: 4px; }
dl.record .model .hash { display: block; }
dl.record .bad { color: #b3261e; font-weight: 700; }
.howto { background: #f6f6f8; border-radius: 8px; padding: 8px 12px; font-size: 13px; margin-top: 12px; }
.howto code { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; background: #e6e6ea;
  padding: 1px 5px; border-radius: 4px; white-space: nowrap; }
.integrity .hash { font-weight: 700; display: inline-block; }
.signoff { display: grid; grid-template-columns: 1fr 1fr; gap: 18px 32px; margin-top: 8px; }
.field .line { border-bottom: 1.5px solid #333; min-height: 34px; padding: 8px 2px 2px; font-size: 15px; }
.field .name { color: #555; font-size: 13px; margin-top: 4px; }
.field.wide { grid-column: 1 / -1; }
.field.wide .line { min-height: 56px; }
footer { margin-top: 28px; color: #777; font-size: 12px; border-top: 1px solid #e3e3e6; padding-top: 8px; }
@page { size: A4; margin: 12mm 13mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 19pt; }
  h2 { font-size: 13pt; margin-top: 16px; }
  .banner .verdict { font-size: 26pt; }
  .mono, .hash, .howto code { font-size: 8.5pt; }
  section, .banner, .next, table, dl.record, .signoff { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;
