// The face-crop cache that `callsentinel dataset` builds and the trainers (Python) and the
// evaluation (TypeScript) read: one line per item in items.jsonl, one line per crop in
// samples.jsonl, the folds in folds.json. Field names and meanings here are the contract
// (docs/architecture.md, engine/eval/dataset); add fields if needed, never rename or remove one.

import type { MediaCategory, MediaKind } from '../data-manifest.ts';

/** Folder under the cache root; bump the suffix only when the format itself changes. */
export const CACHE_FORMAT_DIR = 'face-crops-v1';

/**
 * Version of what the builder computes for an item (sampling, layouts, tracker use, crop
 * selection). A part written by another version is analysed again. Bump it when any of these change.
 */
export const BUILDER_VERSION = 2; // 2: adds the context crop

/** 1 = face swap, 0 = genuine, null = any other category (talking head, print, ...). */
export type Label = 0 | 1 | null;

/** One line of items.jsonl: a region of a media file (the whole frame, a half, a panel). */
export interface ItemRecord {
  /** First 16 hex of the file's sha256, '-', region. */
  itemId: string;
  /** File name in the data folder's media/. */
  file: string;
  /** `full`, `left`, `right`, `panel0`, `panel1`, ... */
  region: string;
  /** The manifest's kind of the whole file (a side-by-side genuine half still says fake_video). */
  kind: MediaKind;
  /** What this region shows: for a genuine half or panel `genuine`, else the row's category. */
  category: MediaCategory;
  label: Label;
  /** How the region was made (the manifest's method_if_fake); null for genuine regions. */
  method: string | null;
  identityGroup: string;
  fold: number;
  /** Frames that went through the face tracker. */
  framesAnalyzed: number;
  /** Media duration in seconds (0 for a still image). */
  durationSec: number;
  /** The track the crops come from (most face seen), null when no face was found. */
  primaryTrackId: number | null;
  /** Frames of the primary face that pass isUsableFace × the median interval of analysed frames. */
  usableFaceSec: number;
  /** Median face size of the primary track in frame pixels; null without a face. */
  medianFaceSizePx: number | null;
  /** Number of crops (lines in samples.jsonl) of this item. */
  samples: number;
}

/** One line of samples.jsonl: one aligned crop of an item's primary face. */
export interface SampleRecord {
  /** `<itemId>/<frameIndex>`. */
  id: string;
  itemId: string;
  file: string;
  region: string;
  label: Label;
  category: MediaCategory;
  method: string | null;
  identityGroup: string;
  fold: number;
  trackId: number;
  /** Index of the frame in the stream decoded at --sample-fps (0-based). */
  frameIndex: number;
  /** Presentation time of the frame in the media, seconds. */
  timeSec: number;
  /** Relative to the face-crops-v1 folder: `crops/<itemId>/<frameIndex>.png` (224×224 RGB). */
  crop: string;
  /** `crops/<itemId>/<frameIndex>-mask.png` (224×224 grey, 255 = face). */
  mask: string;
  /**
   * `crops/<itemId>/<frameIndex>-context.png` (224×224 RGB): the aligned crop zoomed out
   * CONTEXT_CROP_ZOOM times about its centre (engine/face/alignment.ts), black beyond the region.
   */
  context: string;
  /** The 468 mesh points in crop pixels, flat [x0, y0, x1, y1, ...], rounded to 0.1 px. */
  landmarks: number[];
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
  /** Face size in frame (region) pixels: the larger side of the mesh's bounding box. */
  faceSizePx: number;
  sharpness: number;
  brightness: number;
}

export interface FoldCounts {
  items: number;
  genuine: number;
  swap: number;
}

/** folds.json. */
export interface FoldsFile {
  k: number;
  seed: number;
  /** Every identity group of the processed manifest rows → its fold (0..k-1). */
  groups: Record<string, number>;
  /** Per fold (index = fold): the items written to items.jsonl. */
  counts: FoldCounts[];
}

/** What analysing one item yields; stored in parts/<itemId>.json with the key it was made under. */
export interface ItemAnalysis {
  framesAnalyzed: number;
  durationSec: number;
  primaryTrackId: number | null;
  usableFaceSec: number;
  medianFaceSizePx: number | null;
  samples: PartSample[];
}

/** A sample as the part stores it: without the manifest-derived fields (those are joined at the end). */
export type PartSample = Omit<
  SampleRecord,
  'itemId' | 'file' | 'region' | 'label' | 'category' | 'method' | 'identityGroup' | 'fold'
>;

/** parts/<itemId>.json. */
export interface ItemPart {
  builderVersion: number;
  itemId: string;
  file: string;
  region: string;
  sha256: string;
  /** Everything besides the file bytes that determined the analysis (sampling, region geometry). */
  analysisKey: string;
  analysis: ItemAnalysis;
}
