import type { CliCommand } from '../cli-io.ts';
import { benchCommand } from './bench.ts';
import { scanCommand } from './scan.ts';

export const COMMANDS: readonly CliCommand[] = [scanCommand, benchCommand];
