// ONNX runtime layer: model manifest, sha256-checked loading, sessions cached per ModelStore.

export {
  ModelStore,
  DEFAULT_THREADS,
  defaultModelsDir,
  defaultTrainedModelsDir,
  MODELS_DIR_ENV,
  type ModelStoreOptions,
} from './model-store.ts';
export { sessionOptions, type OnnxModel, type TensorData } from './onnx-model.ts';
export {
  CROP_KINDS,
  MANIFEST_FILE,
  MANIFEST_SCHEMA_VERSION,
  TRAINED_MANIFEST_SCHEMA_VERSION,
  parseManifest,
  parseTrainedManifest,
  trainedCropKind,
  type CropKind,
  type ManifestInput,
  type ManifestModel,
  type ManifestOutput,
  type ManifestSourceFile,
  type ManifestTensor,
  type ModelManifest,
  type ModelSpec,
  type TrainedManifestInput,
  type TrainedModel,
  type TrainedModelManifest,
} from './manifest.ts';
