// A scorer for one of our trained crop models, scored exactly as its signal scores a frame (same
// resize, same output, same logit): every item is scored by the model of the fold it is held out
// in (<models-dir>/fold-<k>.onnx, trained without fold k), so every number is out-of-fold; without
// those models it refuses unless in-sample numbers are asked for (--allow-in-sample).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CallSentinelError } from '../../core/errors.ts';
import { CROP_KINDS, trainedCropKind, type CropKind, type OnnxModel } from '../../runtime/index.ts';
import { frameLogit } from '../../signals/common/aggregate.ts';
import { cropToModelInput, type CropResize } from '../../signals/common/crop-input.ts';
import type { Scorer, ScorerContext, ScorerModel } from './types.ts';

export const foldModelFile = (fold: number) => `fold-${fold}.onnx`;

/**
 * The crop the fold models were trained on: the trainer's summary.json `input` (the presentation-
 * attack trainer's --input); the aligned crop when it says nothing.
 */
export function foldModelsCrop(dir: string): CropKind {
  const file = path.join(dir, 'summary.json');
  if (!existsSync(file)) return 'aligned';
  const input = (JSON.parse(readFileSync(file, 'utf8')) as { input?: unknown }).input;
  if (input === undefined) return 'aligned';
  if (!CROP_KINDS.includes(input as CropKind))
    throw new CallSentinelError('E_MODEL_SPEC', {
      path: file,
      detail: `unknown input crop "${String(input)}"`,
    });
  return input as CropKind;
}

export interface FoldModelSpec {
  /** Name of the shipped model in models/manifest.json (the in-sample fallback). */
  modelName: string;
  /** Output tensor holding the probability of "manipulated / attack". */
  output: string;
  resize: CropResize;
}

export async function createFoldModelScorer(ctx: ScorerContext, spec: FoldModelSpec): Promise<Scorer> {
  const missing = ctx.folds.filter((k) => !existsSync(path.join(ctx.foldModelsDir, foldModelFile(k))));
  const byFold = new Map<number, OnnxModel>();
  const models: ScorerModel[] = [];
  let fallback: OnnxModel | null = null;
  if (missing.length === 0) {
    for (const k of ctx.folds) {
      const file = path.join(ctx.foldModelsDir, foldModelFile(k));
      const model = await ctx.models.loadFile(file);
      byFold.set(k, model);
      models.push({ name: `${spec.modelName} fold ${k}`, fold: k, file, sha256: model.sha256 });
    }
  } else if (ctx.allowInSample) {
    fallback = await ctx.models.load(spec.modelName);
    const entry = await ctx.models.trainedModel(spec.modelName);
    models.push({
      name: spec.modelName,
      fold: null,
      file: path.join(ctx.models.trainedModelsDir, entry.file),
      sha256: fallback.sha256,
    });
  } else {
    throw new CallSentinelError('E_EVAL_NO_FOLD_MODELS', {
      path: ctx.foldModelsDir,
      missing: missing.map(foldModelFile).join(', '),
    });
  }
  for (const m of fallback ? [fallback] : byFold.values()) {
    if (!m.outputNames.includes(spec.output))
      throw new CallSentinelError('E_MODEL_SPEC', { path: m.name, detail: `no output "${spec.output}"` });
  }
  const inputs = new Map<OnnxModel, Float32Array>();
  const cropKind = fallback
    ? trainedCropKind(await ctx.models.trainedModel(spec.modelName))
    : foldModelsCrop(ctx.foldModelsDir);
  return {
    models,
    crop: cropKind,
    inSample: fallback !== null,
    async score(crop) {
      const model = fallback ?? byFold.get(crop.fold);
      if (!model) throw new Error(`no ${spec.modelName} model for fold ${crop.fold}`);
      let input = inputs.get(model);
      if (!input) {
        input = new Float32Array(model.inputDims.reduce((a, b) => a * b, 1));
        inputs.set(model, input);
      }
      cropToModelInput(crop.image, model.inputDims, spec.resize, input);
      const out = await model.run(input, model.inputDims);
      return frameLogit(out[spec.output]!.data[0]!);
    },
    async dispose() {
      // Sessions belong to the ModelStore.
    },
  };
}
