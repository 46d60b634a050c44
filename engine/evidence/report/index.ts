// The call report: rendered from an evidence log alone (docs/report.md).

export { renderReport, findThresholds, DEFAULT_THRESHOLDS, type ReportOptions } from './render.ts';
export { readEvidenceLog, parseEvidenceText, type EvidenceLog } from './read-log.ts';
export { writePdf, type WritePdfOptions } from './pdf.ts';
export { writeReport, type WriteReportOptions, type WriteReportResult } from './write-report.ts';
export { resolveChromium, launchChromium, CHROMIUM_ARGS, type HeadlessChromium } from './chromium.ts';
