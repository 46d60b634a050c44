import { rm } from 'node:fs/promises';
import { formatMessage, messageRef, type Lang, type MessageKey } from '../../core/messages.ts';
import { alignLabels } from '../../core/text-width.ts';
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
import { challengeSummaryLines, parseChallengesMode, scanChallenges } from './scan-challenges.ts';

/** A new evidence log; an existing file is never overwritten. */
function openEvidenceLog(path: string): EvidenceLogWriter {
  try {
    return new EvidenceLogWriter(path);
  } catch (error) {
    throw new CallSentinelError('E_OUTPUT_UNWRITABLE', {
      path,
      detail:
        (error as NodeJS.ErrnoException).code === 'EEXIST'
          ? messageRef('usage.log-exists')
          : String((error as Error).message),
    });
  }
}

const OPTIONS = {
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
  challenges: { type: 'string' },
} as const;

export const scanCommand: CliCommand = {
  name: 'scan',
  options: OPTIONS,
  summary: 'summary.scan',
  help: (lang) => formatMessage('help.scan', {}, lang),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length !== 1) {
      throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.scan-one-file') });
    }
    const lang = langOption(values.lang, io.env);
    if (values.pdf && !values.report) {
      throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.pdf-needs-report') });
    }
    const challengesMode = parseChallengesMode(values.challenges);
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
        onProgress: io.stderrIsTty ? progressPrinter(io, lang) : undefined,
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
      const challenges = challengesMode
        ? await scanChallenges(file, result, {
            models,
            config,
            lang,
            maxSeconds: positiveNumber(values['max-seconds'], '--max-seconds'),
            sampleFps: positiveNumber(values['sample-fps'], '--sample-fps'),
          })
        : null;
      if (values.json) {
        io.stdout(`${JSON.stringify(challenges ? { ...result, challenges } : result, null, 2)}\n`);
        // The JSON may go straight to a file; a detector that could not run is said where a person looks.
        for (const [id, sig] of Object.entries(result.signals))
          if (sig.error)
            io.stderr(`${formatMessage('scan.signal-error-line', { id, message: sig.error }, lang)}\n`);
      } else
        io.stdout(
          humanSummary(result, lang) +
            (challenges ? `${challengeSummaryLines(challenges, lang).join('\n')}\n` : ''),
        );
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

function progressPrinter(io: CliIo, lang: Lang) {
  let last = 0;
  return (p: { frames: number; timeSec: number; durationSec: number | null }) => {
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    const time = p.timeSec.toFixed(1);
    const line = p.durationSec
      ? formatMessage('scan.progress', { time, duration: p.durationSec.toFixed(1), frames: p.frames }, lang)
      : formatMessage('scan.progress-live', { time, frames: p.frames }, lang);
    io.stderr(`\r\x1b[K${line}`);
  };
}

/** The text output: labels in `lang`; numbers, ids, signal ids, paths and hashes as they are. */
function humanSummary(r: ScanResult, lang: Lang): string {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    formatMessage(key, params, lang);
  const score = (value: number, confidence: number) =>
    t('scan.score', { score: value.toFixed(2), confidence: confidence.toFixed(2) });
  const rows: [string, string][] = [
    [
      t('scan.label.verdict'),
      t(`verdict.${r.verdict}`) + (r.score === null ? '' : score(r.score, r.confidence ?? 0)),
    ],
    ...r.reasons.map((reason): [string, string] => [t('scan.label.reason'), reason.message]),
    ...Object.entries(r.signals).map(([id, sig]): [string, string] => [
      t('scan.label.signal'),
      `${id} ${t(`scan.status.${sig.status}`)}` +
        (sig.score === null ? '' : score(sig.score, sig.confidence)) +
        ` — ${t(sig.reason as MessageKey)}` +
        (sig.error ? ` (${sig.error})` : ''),
    ]),
    [
      t('scan.label.faces'),
      `${r.faces.length}` + (r.primaryTrackId === null ? '' : t('scan.primary', { id: r.primaryTrackId })),
    ],
  ];
  const tracks = r.faces.map(
    (f) =>
      `    ${t('scan.track', {
        id: f.id,
        primary: f.primary ? ' *' : '',
        from: f.firstSec.toFixed(1),
        to: f.lastSec.toFixed(1),
        frames: f.frames,
        sizePx: Math.round(f.medianFaceSizePx),
        yawMin: f.yawMinDeg.toFixed(0),
        yawMax: f.yawMaxDeg.toFixed(0),
      })}`,
  );
  const tail: [string, string][] = [
    [
      t('scan.label.analysed'),
      t('scan.analysed', {
        frames: r.framesAnalyzed,
        seconds: r.durationSec.toFixed(1),
        fps: r.analysisFps.toFixed(1),
      }),
    ],
    [t('scan.label.sha256'), r.sha256],
  ];
  // One label width for every row, so the values line up around the track lines.
  const aligned = alignLabels([...rows, ...tail], '  ', 12);
  return [r.file, ...aligned.slice(0, rows.length), ...tracks, ...aligned.slice(rows.length), ''].join('\n');
}
