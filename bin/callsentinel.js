#!/usr/bin/env node
// Entry point of the `callsentinel` command: runs the TypeScript CLI through tsx and is the
// only place that ends the process (after stdout has been flushed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli/main.ts');
const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
