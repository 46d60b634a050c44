// Our face-swap model, scored exactly as the signal scores a frame (same resize, same output,
// same logit). Every item is scored by the model of the fold it is held out in
// (<models-dir>/fold-<k>.onnx, trained without fold k), so every number is out-of-fold; without
// those models the scorer refuses unless in-sample numbers are asked for (--allow-in-sample).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { CallSentinelError } from '../../core/errors.ts';
import type { OnnxModel } from '../../runtime/index.ts';
import { frameLogit } from '../../signals/face-swap/aggregate.ts';
import { cropToModelInput } from '../../signals/face-swap/crop-input.ts';
import {
  FACE_SWAP_MODEL,
  FACE_SWAP_OUTPUT,
  FACE_SWAP_RESIZE,
  FACE_SWAP_SIGNAL_ID,
} from '../../signals/face-swap/index.ts';
import type { Scorer, ScorerDefinition, ScorerModel } from './types.ts';

export const foldModelFile = (fold: number) => `fold-${fold}.onnx`;

export const faceSwapScorer: ScorerDefinition = {
  name: 'face-swap',
  description: 'our face-swap CNN; each fold scored by the model trained without it (fold-<k>.onnx)',
  calibrates: { signalId: FACE_SWAP_SIGNAL_ID, modelName: FACE_SWAP_MODEL },
  async create(ctx) {
    const missing = ctx.folds.filter((k) => !existsSync(path.join(ctx.foldModelsDir, foldModelFile(k))));
    const byFold = new Map<number, OnnxModel>();
    const models: ScorerModel[] = [];
    let fallback: OnnxModel | null = null;
    if (missing.length === 0) {
      for (const k of ctx.folds) {
        const file = path.join(ctx.foldModelsDir, foldModelFile(k));
        const model = await ctx.models.loadFile(file);
        byFold.set(k, model);
        models.push({ name: `${FACE_SWAP_MODEL} fold ${k}`, fold: k, file, sha256: model.sha256 });
      }
    } else if (ctx.allowInSample) {
      fallback = await ctx.models.load(FACE_SWAP_MODEL);
      const entry = await ctx.models.trainedModel(FACE_SWAP_MODEL);
      models.push({
        name: FACE_SWAP_MODEL,
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
      if (!m.outputNames.includes(FACE_SWAP_OUTPUT))
        throw new CallSentinelError('E_MODEL_SPEC', {
          path: m.name,
          detail: `no output "${FACE_SWAP_OUTPUT}"`,
        });
    }
    const inputs = new Map<OnnxModel, Float32Array>();
    const scorer: Scorer = {
      models,
      inSample: fallback !== null,
      async score(crop) {
        const model = fallback ?? byFold.get(crop.fold);
        if (!model) throw new Error(`no face-swap model for fold ${crop.fold}`);
        let input = inputs.get(model);
        if (!input) {
          input = new Float32Array(model.inputDims.reduce((a, b) => a * b, 1));
          inputs.set(model, input);
        }
        cropToModelInput(crop.image, model.inputDims, FACE_SWAP_RESIZE, input);
        const out = await model.run(input, model.inputDims);
        return frameLogit(out[FACE_SWAP_OUTPUT]!.data[0]!);
      },
      async dispose() {
        // Sessions belong to the ModelStore.
      },
    };
    return scorer;
  },
};
