import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatMessage } from '../../core/messages.ts';
import { makeBenchClip } from '../../eval/synthetic/bench-clips.ts';
import { formatBenchReport, runBenchmark } from '../../eval/benchmark.ts';
import { ModelStore } from '../../runtime/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { langOption, parseCommandArgs, positiveNumber } from '../parse-options.ts';

const OPTIONS = { seconds: { type: 'string' }, json: { type: 'boolean' } } as const;

export const benchCommand: CliCommand = {
  name: 'bench',
  options: OPTIONS,
  summary: 'summary.bench',
  help: (lang) => formatMessage('help.bench', {}, lang),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, OPTIONS);
    const seconds = positiveNumber(values.seconds, '--seconds') ?? 10;
    const lang = langOption(undefined, io.env);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'callsentinel-bench-'));
    const models = new ModelStore();
    try {
      io.stderr(`${formatMessage('bench.generating', { seconds, dir }, lang)}\n`);
      const cases = [];
      for (const faces of [1, 4] as const) {
        const clipPath = await makeBenchClip({
          faces,
          seconds,
          width: 640,
          height: 480,
          fps: 30,
          cacheDir: dir,
        });
        cases.push({
          label: formatMessage(faces === 1 ? 'bench.case-one' : 'bench.case-many', { faces }, lang),
          clipPath,
          expectedFaces: faces,
        });
      }
      io.stderr(`${formatMessage('bench.measuring', {}, lang)}\n`);
      const report = await runBenchmark(cases, models);
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchReport(report, lang));
      return EXIT_OK;
    } finally {
      await models.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
