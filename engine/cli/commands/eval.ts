import os from 'node:os';
import path from 'node:path';
import { CallSentinelError } from '../../core/errors.ts';
import { formatMessage, messageRef, type Lang } from '../../core/messages.ts';
import { resolveDataDir } from '../../eval/data-manifest.ts';
import { cacheDir, resolveCacheRoot } from '../../eval/dataset/index.ts';
import { formatEvalReport, writeEvalOutputs } from '../../eval/eval-report.ts';
import {
  formatPadReport,
  runPadEvaluation,
  writePadCalibration,
  writePadReport,
} from '../../eval/pad-eval.ts';
import { formatFusionReport, runFusionEvaluation, writeFusionReport } from '../../eval/fusion-eval.ts';
import { runEvaluation, writeSignalCalibration } from '../../eval/run-eval.ts';
import { buildSignalTable } from '../../eval/signal-table/build-signal-table.ts';
import { createScorerRegistry, EVAL_PROTOCOLS, type EvalProtocol } from '../../eval/scorers/index.ts';
import { DEFAULT_PRESENTATION_ATTACK_CONFIG } from '../../signals/presentation-attack/config.ts';
import { ModelStore } from '../../runtime/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { langOption, parseCommandArgs, positiveNumber } from '../parse-options.ts';

const OPTIONS = {
  scorer: { type: 'string' },
  protocol: { type: 'string' },
  sim: { type: 'string' },
  cache: { type: 'string' },
  'models-dir': { type: 'string' },
  'folds-from-cache': { type: 'boolean' },
  'allow-in-sample': { type: 'boolean' },
  'write-calibration': { type: 'boolean' },
  data: { type: 'string' },
  out: { type: 'string' },
  resamples: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const evalCommand: CliCommand = {
  name: 'eval',
  options: OPTIONS,
  summary: 'summary.eval',
  help: (lang) => formatMessage('help.eval', {}, lang),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length > 0)
      throw new CallSentinelError('E_USAGE', {
        detail: messageRef('usage.eval-no-files', { args: positionals.join(' ') }),
      });
    const lang = langOption(undefined, io.env);
    const scorer = createScorerRegistry().get(values.scorer ?? 'face-swap');
    if (values['write-calibration'] && !scorer.calibrates)
      throw new CallSentinelError('E_USAGE', {
        detail: messageRef('usage.no-calibration', { scorer: scorer.name }),
      });
    const resamples = positiveNumber(values.resamples, '--resamples');
    const root = resolveCacheRoot(values.cache, io.env);
    const protocol = (values.protocol ?? scorer.protocol ?? 'swap') as EvalProtocol;
    if (!EVAL_PROTOCOLS.includes(protocol))
      throw new CallSentinelError('E_USAGE', {
        detail: `--protocol must be one of ${EVAL_PROTOCOLS.join(', ')}, got "${values.protocol}"`,
      });
    const foldModelsDir = path.resolve(
      values['models-dir'] ?? path.join(root, scorer.foldModelsSubdir ?? 'face-swap-train'),
    );
    const models = new ModelStore();
    if (protocol === 'fusion') {
      // Face-swap with and without the other signals (engine/eval/fusion-eval.ts).
      try {
        const dataDir = resolveDataDir(values.data, io.env);
        if (!dataDir) throw new CallSentinelError('E_DATA_MISSING', { path: messageRef('usage.none-given') });
        let cached = 0;
        const table = await buildSignalTable({
          dataDir,
          cropCacheDir: cacheDir(root),
          cacheRoot: root,
          models,
          // One line per item scanned; items re-used from the table are only counted.
          onProgress: (p) => {
            if (p.cached) cached++;
            else {
              const params = { index: p.index, total: p.total, file: p.file, seconds: p.seconds.toFixed(1) };
              io.stderr(`${formatMessage('eval.table-progress', params, lang)}\n`);
            }
          },
        });
        io.stderr(
          `${formatMessage('eval.table-summary', { items: table.items.length, cached, dir: table.dir }, lang)}\n`,
        );
        const report = await runFusionEvaluation({
          cropCacheDir: cacheDir(root),
          table,
          faceSwapScorer: createScorerRegistry().get('face-swap'),
          foldModelsDir,
          models,
          resamples: resamples === undefined ? undefined : Math.round(resamples),
          onProgress: io.stderrIsTty ? progressPrinter(io, lang) : undefined,
        });
        if (io.stderrIsTty) io.stderr('\r\x1b[K');
        const json = await writeFusionReport(report, path.resolve(values.out ?? 'eval-out'));
        io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatFusionReport(report));
        io.stderr(`${formatMessage('cli.wrote', { files: json }, lang)}\n`);
        return EXIT_OK;
      } finally {
        await models.dispose();
      }
    }
    if (protocol === 'presentation-attack') {
      // The presentation-attack protocol (engine/eval/pad-eval.ts): APCER at BPCER per attack type.
      try {
        const report = await runPadEvaluation({
          cacheDir: cacheDir(root),
          simDir: path.resolve(values.sim ?? path.join(root, 'presentation-attack-sim-v1')),
          scorer,
          models,
          foldModelsDir,
          allowInSample: values['allow-in-sample'] ?? false,
          trimFraction: DEFAULT_PRESENTATION_ATTACK_CONFIG.trimFraction,
          minScoredFrames: DEFAULT_PRESENTATION_ATTACK_CONFIG.minScoredFrames,
          dataDir: resolveDataDir(values.data, io.env),
          onProgress: io.stderrIsTty ? progressPrinter(io, lang) : undefined,
        });
        if (io.stderrIsTty) io.stderr('\r\x1b[K');
        const json = await writePadReport(report, path.resolve(values.out ?? 'eval-out'));
        io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatPadReport(report));
        io.stderr(`${formatMessage('cli.wrote', { files: json }, lang)}\n`);
        if (values['write-calibration']) {
          const written = await writePadCalibration(report, scorer.calibrates!, models, commandLine(args));
          io.stderr(`${formatMessage('cli.wrote', { files: written }, lang)}\n`);
        }
        return EXIT_OK;
      } finally {
        await models.dispose();
      }
    }
    try {
      const report = await runEvaluation({
        cacheDir: cacheDir(root),
        scorer,
        models,
        foldModelsDir,
        foldsFromCache: values['folds-from-cache'] ?? false,
        allowInSample: values['allow-in-sample'] ?? false,
        dataDir: resolveDataDir(values.data, io.env),
        bootstrap: resamples === undefined ? {} : { resamples: Math.round(resamples) },
        onProgress: io.stderrIsTty ? progressPrinter(io, lang) : undefined,
      });
      if (io.stderrIsTty) io.stderr('\r\x1b[K');
      const outputs = await writeEvalOutputs(report, path.resolve(values.out ?? 'eval-out'));
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatEvalReport(report, lang));
      io.stderr(`${formatMessage('eval.wrote', { json: outputs.json, svg: outputs.svg }, lang)}\n`);
      if (values['write-calibration']) {
        const written = await writeSignalCalibration(report, scorer.calibrates!, models, commandLine(args));
        io.stderr(`${formatMessage('cli.wrote', { files: written }, lang)}\n`);
      }
      return EXIT_OK;
    } finally {
      await models.dispose();
    }
  },
};

/** The command as recorded in a calibration file (home folder shortened, so no personal path). */
function commandLine(args: readonly string[]): string {
  return `callsentinel eval ${args.map((a) => a.replace(os.homedir(), '~')).join(' ')}`;
}

function progressPrinter(io: CliIo, lang: Lang) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (now - last < 250 && done < total) return;
    last = now;
    io.stderr(`\r\x1b[K${formatMessage('eval.progress', { done, total }, lang)}`);
  };
}
