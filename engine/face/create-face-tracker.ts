// Builds a FaceTracker from the converted models in a ModelStore.

import type { ModelStore } from '../runtime/index.ts';
import { resolveFaceConfig, type FaceConfig } from './config.ts';
import { FaceDetector } from './face-detector.ts';
import { FaceMesh } from './face-mesh.ts';
import { FaceTracker } from './face-tracker.ts';

/** The vendor models the face pipeline runs, by manifest name. */
export const FACE_PIPELINE_MODELS = ['blazeface', 'facemesh'] as const;

export async function createFaceTracker(
  store: ModelStore,
  config: Partial<FaceConfig> = {},
): Promise<FaceTracker> {
  const resolved = resolveFaceConfig(config);
  const [detectorModel, meshModel] = await Promise.all(FACE_PIPELINE_MODELS.map((name) => store.load(name)));
  return new FaceTracker(new FaceDetector(detectorModel!, resolved), new FaceMesh(meshModel!), resolved);
}

/** A face detector alone (the app's context frames: faces anywhere in the picture, not tracked). */
export async function createFaceDetector(
  store: ModelStore,
  config: Partial<FaceConfig> = {},
): Promise<FaceDetector> {
  return new FaceDetector(await store.load(FACE_PIPELINE_MODELS[0]), resolveFaceConfig(config));
}
