// Which part of a captured frame goes to the engine, from the faces the renderer's MediaPipe face
// detector found on it. Pure (state, input) -> { state, choice }: no DOM, no clock, no module
// state, so it runs and is tested anywhere.
//
// - A face: a square crop about `cropScale` times the face box, centred on the face, clamped to the
//   frame, sent at full resolution (scaled down only when its side exceeds `maxOutputSidePx`).
//   Hysteresis: the crop stays put while the face stays inside the crop's inner part and its size
//   is within `resizeRatio` of the size the crop was made for; the face followed is the one the
//   crop was made for while it is found (best overlap), else the largest.
// - Plus a small context frame (the whole frame, ≤ `contextWidthPx` wide) about once per
//   `contextEverySec`.
// - No face (after `holdLostSec` without one): the whole frame, ≤ `fallbackWidthPx` wide.
// - `searchPx`: where to look on the next frame. The short-range detector sees the frame at
//   128x128, so a face of a few percent of a 2560x1440 screen is too small for it: while a face is
//   followed, the search is its neighbourhood; otherwise the whole frame and overlapping square
//   tiles take turns.

export interface BoxPx {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SizePx {
  readonly width: number;
  readonly height: number;
}

export interface FaceDetectionPx {
  /** Face box in frame pixels. */
  readonly boxPx: BoxPx;
  /** Detector confidence, 0..1. */
  readonly score: number;
}

export interface RegionChoiceConfig {
  /** Crop side = this × the larger side of the face box. */
  readonly cropScale: number;
  /** Smallest crop side (bounded by the frame): tiny faces still get some context. */
  readonly minCropSidePx: number;
  /** The crop is sent at its own size up to this side, scaled down to it above. */
  readonly maxOutputSidePx: number;
  /** The face must stay within this central fraction of the crop's side, else re-centre. */
  readonly innerFraction: number;
  /** Re-centre when the face size differs from the one the crop was made for by more than this. */
  readonly resizeRatio: number;
  /** Detections below this score are ignored. */
  readonly minScore: number;
  /** Overlap (IoU) with the followed face above which a detection is taken to be the same face. */
  readonly sameFaceIou: number;
  /** Keep the last crop this long after the face was lost (missed detections, brief occlusion). */
  readonly holdLostSec: number;
  /** Context frame: the whole frame at most this wide, about once per `contextEverySec`. */
  readonly contextWidthPx: number;
  readonly contextEverySec: number;
  /** No face: the whole frame at most this wide. */
  readonly fallbackWidthPx: number;
  /** Search region around a followed face, as a multiple of the crop side. */
  readonly searchScale: number;
  /** Scan tiles (no face followed): side as a fraction of the frame's shorter side; overlap. */
  readonly tileFraction: number;
  readonly tileOverlap: number;
}

export const DEFAULT_REGION_CHOICE_CONFIG: RegionChoiceConfig = {
  cropScale: 2.2,
  minCropSidePx: 128,
  maxOutputSidePx: 720,
  innerFraction: 0.8,
  resizeRatio: 0.25,
  minScore: 0.7,
  sameFaceIou: 0.3,
  holdLostSec: 0.5,
  contextWidthPx: 320,
  contextEverySec: 1,
  fallbackWidthPx: 960,
  searchScale: 1.6,
  tileFraction: 0.6,
  tileOverlap: 0.25,
};

/** What chooseRegion remembers between frames (plain JSON). */
export interface RegionState {
  readonly frameSize: SizePx | null;
  /** The current crop and the face box it was made for. */
  readonly cropPx: BoxPx | null;
  readonly anchorFacePx: BoxPx | null;
  /** The face followed, as last seen. */
  readonly facePx: BoxPx | null;
  readonly lastFaceSec: number | null;
  readonly lastContextSec: number | null;
  /** Next scan region (whole frame, then tiles) while no face is followed. */
  readonly scanIndex: number;
}

export const INITIAL_REGION_STATE: RegionState = {
  frameSize: null,
  cropPx: null,
  anchorFacePx: null,
  facePx: null,
  lastFaceSec: null,
  lastContextSec: null,
  scanIndex: 0,
};

export interface RegionInput {
  readonly frameSize: SizePx;
  /** Detections in frame pixels (already mapped back from the search region). */
  readonly detections: readonly FaceDetectionPx[];
  /** Media time of the frame, seconds. */
  readonly timeSec: number;
}

export interface RegionChoice {
  /** `face`: a face-centred crop; `frame`: the whole frame (no face). */
  readonly mode: 'face' | 'frame';
  /** Region of the frame to send, frame pixels (integers). */
  readonly cropPx: BoxPx;
  /** Size to send it at (same aspect ratio as cropPx; never larger than it). */
  readonly outputSize: SizePx;
  /** The face the crop follows, frame pixels; null in `frame` mode. */
  readonly facePx: BoxPx | null;
  /** True when the crop moved or changed size on this frame. */
  readonly recentred: boolean;
  /** Send the context frame (whole frame at contextSize) with this frame. */
  readonly contextDue: boolean;
  readonly contextSize: SizePx;
  readonly contextEverySec: number;
  /** Where to run the face detector on the next frame, frame pixels. */
  readonly searchPx: BoxPx;
}

export function iou(a: BoxPx, b: BoxPx): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

const area = (b: BoxPx) => b.width * b.height;
const side = (b: BoxPx) => Math.max(b.width, b.height);

/** The whole frame scaled to at most `maxWidth` wide (never up), integer size. */
export function scaledToWidth(frame: SizePx, maxWidth: number): SizePx {
  const scale = Math.min(1, maxWidth / frame.width);
  return {
    width: Math.max(1, Math.round(frame.width * scale)),
    height: Math.max(1, Math.round(frame.height * scale)),
  };
}

/** A square of side `s` centred on (cx, cy), moved (not shrunk) to lie inside the frame. */
function squareIn(frame: SizePx, cx: number, cy: number, s: number): BoxPx {
  const sidePx = Math.max(1, Math.min(Math.round(s), frame.width, frame.height));
  const clamp = (v: number, max: number) => Math.min(Math.max(0, v), max);
  return {
    x: clamp(Math.round(cx - sidePx / 2), frame.width - sidePx),
    y: clamp(Math.round(cy - sidePx / 2), frame.height - sidePx),
    width: sidePx,
    height: sidePx,
  };
}

/** The face-centred crop for `face`. */
export function cropForFace(frame: SizePx, face: BoxPx, config: RegionChoiceConfig): BoxPx {
  const s = Math.max(config.cropScale * side(face), config.minCropSidePx);
  return squareIn(frame, face.x + face.width / 2, face.y + face.height / 2, s);
}

/**
 * True when `face` is still inside the inner part of `crop`. Sides of the crop that touch the
 * frame edge have no margin (a crop clamped at the edge cannot centre the face anyway).
 */
export function faceInsideInner(
  frame: SizePx,
  crop: BoxPx,
  face: BoxPx,
  config: RegionChoiceConfig,
): boolean {
  const margin = ((1 - config.innerFraction) / 2) * crop.width;
  const left = crop.x <= 0 ? 0 : crop.x + margin;
  const top = crop.y <= 0 ? 0 : crop.y + margin;
  const right = crop.x + crop.width >= frame.width ? frame.width : crop.x + crop.width - margin;
  const bottom = crop.y + crop.height >= frame.height ? frame.height : crop.y + crop.height - margin;
  return face.x >= left && face.y >= top && face.x + face.width <= right && face.y + face.height <= bottom;
}

/** Square tiles covering the frame with overlap (the scan while no face is followed). */
export function scanTiles(frame: SizePx, config: RegionChoiceConfig): BoxPx[] {
  const t = Math.round(Math.min(frame.width, frame.height) * config.tileFraction);
  const positions = (length: number) => {
    if (t >= length) return [0];
    const step = t * (1 - config.tileOverlap);
    const n = Math.ceil((length - t) / step) + 1;
    return Array.from({ length: n }, (_, i) => Math.round(((length - t) * i) / (n - 1)));
  };
  const tiles: BoxPx[] = [];
  for (const y of positions(frame.height))
    for (const x of positions(frame.width)) tiles.push({ x, y, width: t, height: t });
  return tiles;
}

function wholeFrame(frame: SizePx): BoxPx {
  return { x: 0, y: 0, width: frame.width, height: frame.height };
}

/** The scan regions in turn: whole frame, then tiles (just the frame when tiles add nothing). */
function scanRegions(frame: SizePx, config: RegionChoiceConfig): BoxPx[] {
  const tiles = scanTiles(frame, config);
  return tiles.length > 1 ? [wholeFrame(frame), ...tiles] : [wholeFrame(frame)];
}

/** The face to follow: the one matching the followed face, else the largest. */
export function pickFace(
  detections: readonly FaceDetectionPx[],
  followed: BoxPx | null,
  config: RegionChoiceConfig,
): BoxPx | null {
  const usable = detections.filter(
    (d) => d.score >= config.minScore && d.boxPx.width > 0 && d.boxPx.height > 0,
  );
  if (usable.length === 0) return null;
  if (followed) {
    let best: FaceDetectionPx | null = null;
    let bestIou = config.sameFaceIou;
    for (const d of usable) {
      const overlap = iou(d.boxPx, followed);
      if (overlap >= bestIou) {
        best = d;
        bestIou = overlap;
      }
    }
    if (best) return best.boxPx;
  }
  return usable.reduce((a, b) => (area(b.boxPx) > area(a.boxPx) ? b : a)).boxPx;
}

function sameSize(a: SizePx | null, b: SizePx): boolean {
  return a !== null && a.width === b.width && a.height === b.height;
}

/** One frame: the region to send and the state for the next frame. */
export function chooseRegion(
  previous: RegionState,
  input: RegionInput,
  config: RegionChoiceConfig = DEFAULT_REGION_CHOICE_CONFIG,
): { state: RegionState; choice: RegionChoice } {
  const frame = input.frameSize;
  if (!(frame.width > 0 && frame.height > 0))
    throw new RangeError(`frame size ${frame.width}x${frame.height}`);
  // A new frame size (window resized, source switched) starts over.
  const state = sameSize(previous.frameSize, frame)
    ? previous
    : { ...INITIAL_REGION_STATE, frameSize: frame };
  const contextSize = scaledToWidth(frame, config.contextWidthPx);
  const face = pickFace(input.detections, state.facePx, config);

  let cropPx = state.cropPx;
  let anchor = state.anchorFacePx;
  let recentred = false;
  if (face) {
    const resized = anchor !== null && Math.abs(side(face) / side(anchor) - 1) > config.resizeRatio;
    if (!cropPx || !anchor || resized || !faceInsideInner(frame, cropPx, face, config)) {
      const next = cropForFace(frame, face, config);
      recentred = !cropPx || next.x !== cropPx.x || next.y !== cropPx.y || next.width !== cropPx.width;
      cropPx = next;
      anchor = face;
    }
  }
  const holding =
    !face &&
    cropPx !== null &&
    state.lastFaceSec !== null &&
    input.timeSec - state.lastFaceSec <= config.holdLostSec;
  const followedFace = face ?? (holding ? state.facePx : null);

  if (cropPx && followedFace) {
    const outSide = Math.min(cropPx.width, config.maxOutputSidePx);
    const contextDue =
      state.lastContextSec === null || input.timeSec - state.lastContextSec >= config.contextEverySec;
    const searchPx = squareIn(
      frame,
      cropPx.x + cropPx.width / 2,
      cropPx.y + cropPx.height / 2,
      cropPx.width * config.searchScale,
    );
    return {
      state: {
        frameSize: frame,
        cropPx,
        anchorFacePx: anchor,
        facePx: followedFace,
        lastFaceSec: face ? input.timeSec : state.lastFaceSec,
        lastContextSec: contextDue ? input.timeSec : state.lastContextSec,
        scanIndex: 0,
      },
      choice: {
        mode: 'face',
        cropPx,
        outputSize: { width: outSide, height: outSide },
        facePx: followedFace,
        recentred,
        contextDue,
        contextSize,
        contextEverySec: config.contextEverySec,
        searchPx,
      },
    };
  }

  // No face: the whole frame; the context frame would add nothing. Scan on.
  const regions = scanRegions(frame, config);
  const scanIndex = (state.cropPx ? 0 : state.scanIndex + 1) % regions.length;
  return {
    state: { ...INITIAL_REGION_STATE, frameSize: frame, lastContextSec: state.lastContextSec, scanIndex },
    choice: {
      mode: 'frame',
      cropPx: wholeFrame(frame),
      outputSize: scaledToWidth(frame, config.fallbackWidthPx),
      facePx: null,
      recentred: state.cropPx !== null,
      contextDue: false,
      contextSize,
      contextEverySec: config.contextEverySec,
      searchPx: regions[scanIndex]!,
    },
  };
}
