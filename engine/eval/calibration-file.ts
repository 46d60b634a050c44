// Writing the calibration a signal ships with (models/<model>.calibration.json, named in the
// trained-model manifest), for both evaluation protocols: the fit comes from each protocol's own
// out-of-fold scores, the file's shape and place are the same.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CALIBRATION_SCHEMA_VERSION, type SignalCalibration } from '../fusion/calibration.ts';
import type { ModelStore } from '../runtime/index.ts';
import { AGGREGATION_METHOD } from '../signals/common/aggregate.ts';
import type { FoldFit } from './protocol.ts';
import type { ScorerDefinition, ScorerModel } from './scorers/index.ts';

export interface CalibrationFitRecord {
  trimFraction: number;
  /** Items the fit used, and how many of them were genuine and manipulated. */
  items: number;
  genuine: number;
  swap: number;
  /** What the scores were, in words (the fold models are appended). */
  scoresFrom: string;
  foldModels: readonly ScorerModel[];
  datasetSha256: string;
  command: string;
}

export async function writeCalibrationFile(
  target: NonNullable<ScorerDefinition['calibrates']>,
  models: ModelStore,
  fit: Pick<FoldFit, 'calibration'>,
  record: CalibrationFitRecord,
): Promise<string> {
  const model = await models.load(target.modelName);
  const entry = await models.trainedModel(target.modelName);
  const folds = record.foldModels.map((m) => `${path.basename(m.file)} ${m.sha256.slice(0, 12)}`).join(', ');
  const calibration: SignalCalibration = {
    schemaVersion: CALIBRATION_SCHEMA_VERSION,
    signalId: target.signalId,
    model: { name: entry.name, sha256: model.sha256 },
    aggregation: { method: AGGREGATION_METHOD, trimFraction: record.trimFraction },
    platt: { slope: fit.calibration.platt.slope, intercept: fit.calibration.platt.intercept },
    operatingPoints: fit.calibration.operatingPoints,
    fit: {
      items: record.items,
      genuine: record.genuine,
      swap: record.swap,
      scores: `${record.scoresFrom}: ${folds}`,
      datasetSha256: record.datasetSha256,
      slopeClamped: fit.calibration.platt.slopeClamped,
      command: record.command,
    },
  };
  const file = path.join(models.trainedModelsDir, entry.calibration ?? `${entry.name}.calibration.json`);
  await writeFile(file, `${JSON.stringify(calibration, null, 2)}\n`);
  return file;
}
