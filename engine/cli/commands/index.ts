import type { CliCommand } from '../cli-io.ts';
import { benchCommand } from './bench.ts';
import { configCommand } from './config.ts';
import { datasetCommand } from './dataset.ts';
import { evalCommand } from './eval.ts';
import { reportCommand } from './report.ts';
import { scanCommand } from './scan.ts';
import { verifyLogCommand } from './verify-log.ts';
import { webCommand } from './web.ts';

export const COMMANDS: readonly CliCommand[] = [
  scanCommand,
  verifyLogCommand,
  reportCommand,
  configCommand,
  benchCommand,
  datasetCommand,
  evalCommand,
  webCommand,
];
