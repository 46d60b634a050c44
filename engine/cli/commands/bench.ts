import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeBenchClip } from '../../eval/synthetic/bench-clips.ts';
import { formatBenchReport, runBenchmark } from '../../eval/benchmark.ts';
import { ModelStore } from '../../runtime/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { parseCommandArgs, positiveNumber } from '../parse-options.ts';

const HELP = `Usage: callsentinel bench [options]

Measure the face pipeline on this machine: generated 640×480, 30 fps call-like clips with one
face and with four faces (made from the sample photos of @vladmandic/human) are decoded with
ffmpeg and analysed (detect, mesh, aligned crop). Prints milliseconds per stage and end-to-end
frames per second, with the machine, ffmpeg and model hashes behind the numbers.

Options:
  --seconds N   length of each generated clip (default 10)
  --json        print the report as one JSON document
  -h, --help    show this help
`;

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'measure per-stage speed and frames/s of the face pipeline on this machine',
  help: HELP,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, { seconds: { type: 'string' }, json: { type: 'boolean' } });
    const seconds = positiveNumber(values.seconds, '--seconds') ?? 10;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'callsentinel-bench-'));
    const models = new ModelStore();
    try {
      io.stderr(`generating ${seconds} s test clips in ${dir} …\n`);
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
          label: `640×480 30 fps, ${faces} face${faces > 1 ? 's' : ''}`,
          clipPath,
          expectedFaces: faces,
        });
      }
      io.stderr('measuring …\n');
      const report = await runBenchmark(cases, models);
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchReport(report));
      return EXIT_OK;
    } finally {
      await models.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
