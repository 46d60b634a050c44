import path from 'node:path';
import { CallSentinelError } from '../../core/errors.ts';
import { resolveDataDir } from '../../eval/data-manifest.ts';
import { cacheDir, resolveCacheRoot } from '../../eval/dataset/index.ts';
import { formatEvalReport, writeEvalOutputs } from '../../eval/eval-report.ts';
import { runEvaluation, writeSignalCalibration } from '../../eval/run-eval.ts';
import { createScorerRegistry } from '../../eval/scorers/index.ts';
import { ModelStore } from '../../runtime/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { parseCommandArgs, positiveNumber } from '../parse-options.ts';

const HELP = `Usage: callsentinel eval [options]

Measure a scorer on the face-crop cache (built by \`callsentinel dataset\`), item by item (video
level): every usable crop is scored, an item's frames are aggregated as the signal aggregates a
track, and for each held-out fold the calibration and verdict thresholds are fitted on the
other folds only. Prints AUC with a bootstrap 95 % CI, EER, false-alarm and miss rates of the
verdicts, the not_verified rate and AUC per method, with the dataset and model hashes; writes
<scorer>.json and <scorer>-roc.svg into --out.

Options:
  --scorer NAME         face-swap (default; our model), antispoof (human's model), face-blur (no model)
  --cache DIR           cache root (default $CALLSENTINEL_CACHE or ~/.cache/callsentinel); reads DIR/face-crops-v1
  --models-dir DIR      per-fold models fold-<k>.onnx and oof-scores.jsonl (default <cache root>/face-swap-train)
  --folds-from-cache    use the cache's folds.json even without the trainer's oof-scores.jsonl to check it against
  --allow-in-sample     without per-fold models, score with models/face-swap.onnx (numbers labelled IN-SAMPLE)
  --write-calibration   fit the signal's calibration on all folds' out-of-fold scores and write it next to the model
  --data DIR            the data folder the cache was built from (records its MANIFEST.tsv sha256)
  --out DIR             where the JSON and SVG go (default ./eval-out)
  --resamples N         bootstrap resamples for the confidence intervals (default 2000)
  --json                print the report as one JSON document instead of the table
  -h, --help            show this help
`;

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'measure a detector on the face-crop cache: held-out AUC [CI], EER, verdict error rates',
  help: HELP,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      scorer: { type: 'string' },
      cache: { type: 'string' },
      'models-dir': { type: 'string' },
      'folds-from-cache': { type: 'boolean' },
      'allow-in-sample': { type: 'boolean' },
      'write-calibration': { type: 'boolean' },
      data: { type: 'string' },
      out: { type: 'string' },
      resamples: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0)
      throw new CallSentinelError('E_USAGE', { detail: `eval takes no FILE (got ${positionals.join(' ')})` });
    const scorer = createScorerRegistry().get(values.scorer ?? 'face-swap');
    if (values['write-calibration'] && !scorer.calibrates)
      throw new CallSentinelError('E_USAGE', {
        detail: `--write-calibration: scorer ${scorer.name} has no signal calibration to fit`,
      });
    const resamples = positiveNumber(values.resamples, '--resamples');
    const root = resolveCacheRoot(values.cache, io.env);
    const models = new ModelStore();
    try {
      const report = await runEvaluation({
        cacheDir: cacheDir(root),
        scorer,
        models,
        foldModelsDir: path.resolve(values['models-dir'] ?? path.join(root, 'face-swap-train')),
        foldsFromCache: values['folds-from-cache'] ?? false,
        allowInSample: values['allow-in-sample'] ?? false,
        dataDir: resolveDataDir(values.data, io.env),
        bootstrap: resamples === undefined ? {} : { resamples: Math.round(resamples) },
        onProgress: io.stderrIsTty ? progressPrinter(io) : undefined,
      });
      if (io.stderrIsTty) io.stderr('\r\x1b[K');
      const outputs = await writeEvalOutputs(report, path.resolve(values.out ?? 'eval-out'));
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatEvalReport(report));
      io.stderr(`wrote ${outputs.json} and ${outputs.svg}\n`);
      if (values['write-calibration']) {
        const written = await writeSignalCalibration(
          report,
          scorer.calibrates!,
          models,
          `callsentinel eval ${args.join(' ')}`,
        );
        io.stderr(`wrote ${written}\n`);
      }
      return EXIT_OK;
    } finally {
      await models.dispose();
    }
  },
};

function progressPrinter(io: CliIo) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (now - last < 250 && done < total) return;
    last = now;
    io.stderr(`\r\x1b[Kscoring: ${done} / ${total} crops`);
  };
}
