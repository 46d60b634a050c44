// Public API of engine/eval/dataset: the face-crop cache builder behind `callsentinel dataset`.
export {
  buildDataset,
  DEFAULT_CATEGORIES,
  DEFAULT_MAX_PER_ITEM,
  DEFAULT_SAMPLE_FPS,
  type BuildOptions,
  type BuildProgress,
  type BuildReport,
  type CountRow,
} from './build-dataset.ts';
export { cacheDir, itemIdFor, resolveCacheRoot } from './cache-store.ts';
export {
  assignFolds,
  DEFAULT_FOLD_SEED,
  DEFAULT_FOLDS,
  type FoldAssignment,
  type FoldUnit,
} from './folds.ts';
export {
  planRow,
  LAYOUT_HANDLERS,
  INSET_GREY_RECT,
  type RegionPlan,
  type RowPlan,
  type SkippedRegion,
} from './layouts.ts';
export { PANEL_TABLE, type PanelEntry, type PanelRole } from './panel-table.ts';
export {
  BUILDER_VERSION,
  CACHE_FORMAT_DIR,
  type FoldsFile,
  type ItemPart,
  type ItemRecord,
  type Label,
  type SampleRecord,
} from './types.ts';
