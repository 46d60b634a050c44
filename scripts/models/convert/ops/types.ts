// Shared shape of an op translator: one TF node in, its output values out.

import type { TfNodeDef } from '../../tfjs/graph-model.ts';
import type { GraphBuilder, TfValue } from '../graph-builder.ts';

export interface TranslateContext {
  readonly builder: GraphBuilder;
  readonly node: TfNodeDef;
  /** Resolved data inputs (control inputs dropped), in TF order. */
  readonly inputs: readonly TfValue[];
}

/** Translate one TF node; return its outputs (index 0 is the default output `node:0`). */
export type Translator = (ctx: TranslateContext) => TfValue[];

export class UnsupportedOpError extends Error {
  constructor(node: TfNodeDef, detail: string) {
    super(`${node.op} ${node.name}: ${detail}`);
    this.name = 'UnsupportedOpError';
  }
}

export function inputAt(ctx: TranslateContext, index: number): TfValue {
  const value = ctx.inputs[index];
  if (!value) throw new UnsupportedOpError(ctx.node, `missing input ${index}`);
  return value;
}
