// The op table: every TF op the converter understands, one family per file.
// Const and Placeholder are handled by the graph converter itself.

import { activationOps } from './activation.ts';
import { castOps } from './cast.ts';
import { convOps } from './conv.ts';
import { elementwiseOps } from './elementwise.ts';
import { gatherOps } from './gather.ts';
import { matmulOps } from './matmul.ts';
import { poolOps } from './pool.ts';
import { reduceOps } from './reduce.ts';
import { resizeOps } from './resize.ts';
import { shapeOps } from './shape.ts';
import type { Translator } from './types.ts';

const FAMILIES: readonly Readonly<Record<string, Translator>>[] = [
  convOps,
  poolOps,
  elementwiseOps,
  activationOps,
  shapeOps,
  reduceOps,
  matmulOps,
  castOps,
  gatherOps,
  resizeOps,
];

/** A fresh op table; throws when two families claim the same TF op. */
export function createOpTable(): ReadonlyMap<string, Translator> {
  const table = new Map<string, Translator>();
  for (const family of FAMILIES) {
    for (const [op, translate] of Object.entries(family)) {
      if (table.has(op)) throw new Error(`TF op ${op} is registered twice`);
      table.set(op, translate);
    }
  }
  return table;
}

export type { Translator, TranslateContext } from './types.ts';
export { UnsupportedOpError } from './types.ts';
