// ONNX runtime layer: model manifest, sha256-checked loading, sessions cached per ModelStore.

export { ModelStore, DEFAULT_THREADS, defaultModelsDir, type ModelStoreOptions } from './model-store.ts';
export { sessionOptions, type OnnxModel, type TensorData } from './onnx-model.ts';
export {
  MANIFEST_FILE,
  MANIFEST_SCHEMA_VERSION,
  parseManifest,
  type ManifestInput,
  type ManifestModel,
  type ManifestOutput,
  type ManifestSourceFile,
  type ManifestTensor,
  type ModelManifest,
} from './manifest.ts';
