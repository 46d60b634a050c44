import { rm } from 'node:fs/promises';
import { formatMessage, type MessageKey } from '../../core/messages.ts';
import { scanFile } from '../../analysis/scan-file.ts';
import type { ScanResult } from '../../analysis/scan-result.ts';
import { ModelStore } from '../../runtime/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { langOption, parseCommandArgs, positiveNumber } from '../parse-options.ts';
import { CallSentinelError } from '../../core/errors.ts';
import { resolveConfig } from '../../config/index.ts';
import { EvidenceLogWriter } from '../../evidence/log-writer.ts';
import { writeReport } from '../../evidence/report/index.ts';
import { validateInput } from '../../media/index.ts';

/** A new evidence log; an existing file is never overwritten. */
function openEvidenceLog(path: string): EvidenceLogWriter {
  try {
    return new EvidenceLogWriter(path);
  } catch (error) {
    throw new CallSentinelError('E_OUTPUT_UNWRITABLE', {
      path,
      detail:
        (error as NodeJS.ErrnoException).code === 'EEXIST'
          ? 'exists already (logs are never overwritten)'
          : String((error as Error).message),
    });
  }
}

const HELP = `Usage: callsentinel scan FILE [options]

Analyse a recording (mp4, mov, mkv, webm, avi, gif, animated webp) or a still image and say
whether the main face in it is likely real, suspicious, likely fake, or could not be verified.

Options:
  --json             print exactly one JSON document on stdout (contract: docs/cli.md)
  --max-seconds N    analyse only the first N seconds
  --sample-fps N     analyse at most N frames per second of media (default: every frame)
  --lang L           language of messages: en (default) or zh-CN (or set CALLSENTINEL_LANG)
  --profile P        personal (default, ≤ 5 % false alarms), bank (≤ 10 %, more sensitive), police
  --config FILE      settings file (JSON; see callsentinel config print)
  --events FILE      write the tamper-evident evidence log (NDJSON; check it with verify-log)
  --report FILE      write the call report (self-contained HTML) from the evidence log
  --pdf FILE         also print the report to PDF (needs Chromium: CHROMIUM_PATH or /usr/bin/chromium)
  --operator NAME    operator's name, recorded in the log and printed on the report
  -h, --help         show this help

With --report but no --events, the evidence log is kept next to the report as REPORT.evidence.ndjson.

Exit codes: 0 analysed, 2 bad usage or unreadable input (one line on stderr), 1 internal error.
`;

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'analyse a recording or image and give a verdict with reasons',
  help: HELP,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      'max-seconds': { type: 'string' },
      'sample-fps': { type: 'string' },
      lang: { type: 'string' },
      profile: { type: 'string' },
      config: { type: 'string' },
      events: { type: 'string' },
      report: { type: 'string' },
      pdf: { type: 'string' },
      operator: { type: 'string' },
    });
    if (positionals.length !== 1) {
      throw new CallSentinelError('E_USAGE', {
        detail: 'scan takes exactly one FILE (see callsentinel scan --help)',
      });
    }
    const lang = langOption(values.lang, io.env);
    if (values.pdf && !values.report) {
      throw new CallSentinelError('E_USAGE', {
        detail: '--pdf needs --report (the PDF is printed from the HTML report)',
      });
    }
    const config = await resolveConfig({ profile: values.profile, file: values.config, overrides: { lang } });
    const file = positionals[0]!;
    await validateInput(file);
    const eventsPath = values.events ?? (values.report ? `${values.report}.evidence.ndjson` : undefined);
    const writer = eventsPath ? openEvidenceLog(eventsPath) : null;
    const models = new ModelStore();
    try {
      const result = await scanFile(file, {
        models,
        lang,
        config,
        ...(writer ? { evidence: { writer, operator: values.operator } } : {}),
        maxSeconds: positiveNumber(values['max-seconds'], '--max-seconds'),
        sampleFps: positiveNumber(values['sample-fps'], '--sample-fps'),
        onProgress: io.stderrIsTty ? progressPrinter(io) : undefined,
      });
      if (io.stderrIsTty) io.stderr('\r\x1b[K');
      if (eventsPath && values.report) {
        await writeReport(eventsPath, {
          htmlPath: values.report,
          pdfPath: values.pdf,
          lang,
          operator: values.operator,
        });
      }
      io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : humanSummary(result, lang));
      return EXIT_OK;
    } catch (error) {
      // A log that never got its first record (the input failed before analysis) is not kept.
      if (writer && writer.recordCount === 0) {
        writer.close();
        await rm(writer.path, { force: true });
      }
      throw error;
    } finally {
      // An interrupted scan still leaves a readable log (verify-log then reports it as truncated).
      writer?.close();
      await models.dispose();
    }
  },
};

function progressPrinter(io: CliIo) {
  let last = 0;
  return (p: { frames: number; timeSec: number; durationSec: number | null }) => {
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    const of = p.durationSec ? ` / ${p.durationSec.toFixed(1)} s` : ' s';
    io.stderr(`\r\x1b[Kanalysing: ${p.timeSec.toFixed(1)}${of}, ${p.frames} frames`);
  };
}

function humanSummary(r: ScanResult, lang: 'en' | 'zh-CN'): string {
  const lines = [
    `${r.file}`,
    `  verdict:    ${formatMessage(`verdict.${r.verdict}` as MessageKey, {}, lang)}` +
      (r.score === null
        ? ''
        : ` (score ${r.score.toFixed(2)}, confidence ${(r.confidence ?? 0).toFixed(2)})`),
    ...r.reasons.map((reason) => `  reason:     ${reason.message}`),
    ...Object.entries(r.signals).map(
      ([id, sig]) =>
        `  signal:     ${id} ${sig.status}` +
        (sig.score === null
          ? ''
          : ` (score ${sig.score.toFixed(2)}, confidence ${sig.confidence.toFixed(2)})`) +
        ` — ${formatMessage(sig.reason as MessageKey, {}, lang)}`,
    ),
    `  faces:      ${r.faces.length}` +
      (r.primaryTrackId === null ? '' : ` (primary: track ${r.primaryTrackId})`),
    ...r.faces.map(
      (f) =>
        `    track ${f.id}${f.primary ? ' *' : ''}: ${f.firstSec.toFixed(1)}–${f.lastSec.toFixed(1)} s, ${f.frames} frames, ` +
        `${Math.round(f.medianFaceSizePx)} px, yaw ${f.yawMinDeg.toFixed(0)}…${f.yawMaxDeg.toFixed(0)}°`,
    ),
    `  analysed:   ${r.framesAnalyzed} frames of ${r.durationSec.toFixed(1)} s at ${r.analysisFps.toFixed(1)} frames/s`,
    `  sha256:     ${r.sha256}`,
    '',
  ];
  return lines.join('\n');
}
