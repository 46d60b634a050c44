// BlazeFace face detector: letterboxes the frame (and, for small faces in large frames,
// overlapping tiles) into the 256×256 model input, decodes the 896 anchors and merges
// overlapping candidates with weighted NMS. Boxes and keypoints come back in frame pixels.

import type { OnnxModel } from '../runtime/index.ts';
import { BLAZEFACE_GRIDS, makeAnchorCentres } from './blazeface-anchors.ts';
import type { FaceConfig } from './config.ts';
import { applyAffine, invertAffine, type Affine, type BoxPx } from './geometry.ts';
import { warpToTensor, type RgbImage } from './image-warp.ts';
import { weightedNonMaxSuppression, type Candidate } from './non-max-suppression.ts';

export const BLAZEFACE_INPUT_PX = 256;
/** BlazeFace takes RGB scaled to [-1, 1]. */
const INPUT_NORMALIZATION = { scale: 1 / 127.5, offset: -1 };
const KEYPOINTS = 6;
const REGRESSOR_VALUES = 4 + KEYPOINTS * 2;

export interface FaceDetection {
  boxPx: BoxPx;
  score: number;
  /**
   * Six keypoints in frame pixels: the subject's right eye (image left), left eye, nose tip,
   * mouth centre, right ear tragion, left ear tragion.
   */
  keypointsPx: Array<[number, number]>;
}

/** One detector input: the part of the frame it covers and how the frame maps onto it. */
interface DetectorPass {
  frameToInput: Affine;
}

export class FaceDetector {
  private readonly anchors = makeAnchorCentres(BLAZEFACE_GRIDS);
  private readonly input = new Float32Array(BLAZEFACE_INPUT_PX * BLAZEFACE_INPUT_PX * 3);

  constructor(
    private readonly model: OnnxModel,
    private readonly config: FaceConfig,
  ) {}

  private plan: { width: number; height: number; passes: DetectorPass[] } | null = null;

  /** How many passes (whole frame + tiles) cover a frame of this size. */
  passCount(width: number, height: number): number {
    return this.passesFor(width, height).length;
  }

  /**
   * Detect faces in the whole frame (every pass), or only in pass `passIndex` — the tracker
   * spreads the passes over frames so no single frame pays for all tiles.
   */
  async detect(frame: RgbImage, passIndex?: number): Promise<FaceDetection[]> {
    const passes = this.passesFor(frame.width, frame.height);
    const chosen = passIndex === undefined ? passes : [passes[passIndex % passes.length]!];
    const candidates: Candidate[] = [];
    for (const pass of chosen) candidates.push(...(await this.runPass(frame, pass)));
    return weightedNonMaxSuppression(candidates, this.config.detectorIouThreshold, this.config.maxFaces).map(
      (c) => ({
        boxPx: c.box,
        score: c.score,
        keypointsPx: Array.from({ length: KEYPOINTS }, (_, k) => [c.points[2 * k]!, c.points[2 * k + 1]!]),
      }),
    );
  }

  private passesFor(width: number, height: number): DetectorPass[] {
    if (!this.plan || this.plan.width !== width || this.plan.height !== height) {
      this.plan = { width, height, passes: planDetectorPasses(width, height, this.config) };
    }
    return this.plan.passes;
  }

  private async runPass(frame: RgbImage, pass: DetectorPass): Promise<Candidate[]> {
    const size = BLAZEFACE_INPUT_PX;
    warpToTensor(frame, pass.frameToInput, size, size, INPUT_NORMALIZATION, this.input);
    const outputs = await this.model.run(this.input, [1, size, size, 3]);
    const { regressors, logits } = orderOutputs(Object.values(outputs));
    const minLogit = Math.log(this.config.detectorMinScore / (1 - this.config.detectorMinScore));
    const inputToFrame = invertAffine(pass.frameToInput);
    const found: Candidate[] = [];
    for (let i = 0; i < logits.length; i++) {
      if (logits[i]! < minLogit) continue;
      const r = i * REGRESSOR_VALUES;
      const ax = this.anchors[2 * i]! * size;
      const ay = this.anchors[2 * i + 1]! * size;
      const cx = ax + regressors[r]!;
      const cy = ay + regressors[r + 1]!;
      const w = regressors[r + 2]!;
      const h = regressors[r + 3]!;
      const [x0, y0] = applyAffine(inputToFrame, [cx - w / 2, cy - h / 2]);
      const [x1, y1] = applyAffine(inputToFrame, [cx + w / 2, cy + h / 2]);
      const points: number[] = [];
      for (let k = 0; k < KEYPOINTS; k++) {
        points.push(
          ...applyAffine(inputToFrame, [ax + regressors[r + 4 + 2 * k]!, ay + regressors[r + 5 + 2 * k]!]),
        );
      }
      found.push({
        box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
        points,
        score: 1 / (1 + Math.exp(-logits[i]!)),
      });
    }
    return found;
  }
}

/**
 * The model has four outputs: regressors and logits for the 16×16 grid (512 anchors) and for
 * the 8×8 grid (384 anchors). Their names carry no meaning, so they are told apart by shape,
 * then laid end to end in anchor order.
 */
function orderOutputs(outputs: Array<{ data: Float32Array; dims: readonly number[] }>): {
  regressors: Float32Array;
  logits: Float32Array;
} {
  const find = (anchors: number, values: number) => {
    const t = outputs.find((o) => o.dims[1] === anchors && o.dims[2] === values);
    if (!t) throw new Error(`BlazeFace output [1,${anchors},${values}] not found`);
    return t.data;
  };
  const regressors = new Float32Array(896 * REGRESSOR_VALUES);
  regressors.set(find(512, REGRESSOR_VALUES), 0);
  regressors.set(find(384, REGRESSOR_VALUES), 512 * REGRESSOR_VALUES);
  const logits = new Float32Array(896);
  logits.set(find(512, 1), 0);
  logits.set(find(384, 1), 512);
  return { regressors, logits };
}

/**
 * A whole-frame letterbox pass, plus overlapping tiles when the whole-frame scale would shrink a
 * `minFacePx` face below what the model can see. Tiles overlap by two minimum faces so none is cut.
 */
export function planDetectorPasses(width: number, height: number, config: FaceConfig): DetectorPass[] {
  const size = BLAZEFACE_INPUT_PX;
  const passes: DetectorPass[] = [letterbox(0, 0, width, height)];
  const fullScale = size / Math.max(width, height);
  const neededScale = config.detectorMinInputFacePx / config.minFacePx;
  if (fullScale >= neededScale) return passes;
  const tile = Math.floor(size / neededScale);
  const overlap = 2 * config.minFacePx;
  for (const y of tileStarts(height, tile, overlap)) {
    for (const x of tileStarts(width, tile, overlap)) passes.push(letterbox(x, y, tile, tile));
  }
  return passes;

  function letterbox(x: number, y: number, w: number, h: number): DetectorPass {
    const s = size / Math.max(w, h);
    // Centre the region in the square input; the rest is padding.
    const tx = (size - w * s) / 2 - x * s;
    const ty = (size - h * s) / 2 - y * s;
    return { frameToInput: [s, 0, tx, 0, s, ty] };
  }
}

function tileStarts(extent: number, tile: number, overlap: number): number[] {
  if (tile >= extent) return [0];
  const count = Math.ceil((extent - overlap) / (tile - overlap));
  const step = (extent - tile) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * step));
}
