import { formatMessage, type MessageKey } from '../../core/messages.ts';
import { scanFile } from '../../analysis/scan-file.ts';
import type { ScanResult } from '../../analysis/scan-result.ts';
import { ModelStore } from '../../runtime/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { langOption, parseCommandArgs, positiveNumber } from '../parse-options.ts';
import { CallSentinelError } from '../../core/errors.ts';

const HELP = `Usage: callsentinel scan FILE [options]

Analyse a recording (mp4, mov, mkv, webm, avi, gif, animated webp) or a still image and say
whether the main face in it is likely real, suspicious, likely fake, or could not be verified.

Options:
  --json             print exactly one JSON document on stdout (contract: docs/cli.md)
  --max-seconds N    analyse only the first N seconds
  --sample-fps N     analyse at most N frames per second of media (default: every frame)
  --lang L           language of messages: en (default) or zh-CN (or set CALLSENTINEL_LANG)
  -h, --help         show this help

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
    });
    if (positionals.length !== 1) {
      throw new CallSentinelError('E_USAGE', {
        detail: 'scan takes exactly one FILE (see callsentinel scan --help)',
      });
    }
    const lang = langOption(values.lang, io.env);
    const models = new ModelStore();
    try {
      const result = await scanFile(positionals[0]!, {
        models,
        lang,
        maxSeconds: positiveNumber(values['max-seconds'], '--max-seconds'),
        sampleFps: positiveNumber(values['sample-fps'], '--sample-fps'),
        onProgress: io.stderrIsTty ? progressPrinter(io) : undefined,
      });
      if (io.stderrIsTty) io.stderr('\r\x1b[K');
      io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : humanSummary(result, lang));
      return EXIT_OK;
    } finally {
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
