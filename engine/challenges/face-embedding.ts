// Face identity embeddings for identity continuity during challenges: human's `faceres` (HSE
// FaceRes, A. Savchenko, https://github.com/HSE-asavchenko/HSE_FaceRec_tf; converted by
// `npm run models`), whose 1024-d global-pooling output is the descriptor human compares faces with.
//
// Model I/O (models/vendor/manifest.json): input [1,224,224,3] RGB as float 0..255 (human feeds its
// [0, 1] face crop × 255); outputs `global_pooling_Mean` [1,1024] (the embedding), gender and age
// (unused). The crop, as human makes it: a square around the face, turned so the eyes are level
// (human crops the detector box enlarged 1.4×, which is about 1.2× the mesh's bounding box).

import { frameToCropAffine, type BoxPx } from '../face/geometry.ts';
import { warpToTensor, type RgbImage } from '../face/image-warp.ts';
import { LEFT_EYE_CONTOUR, RIGHT_EYE_CONTOUR } from '../face/landmark-indices.ts';
import type { ModelStore, OnnxModel } from '../runtime/index.ts';

export const FACE_EMBEDDING_MODEL = 'faceres';
export const FACE_EMBEDDING_INPUT_PX = 224;
export const FACE_EMBEDDING_OUTPUT = 'global_pooling_Mean';
export const FACE_EMBEDDING_DIMS = 1024;

/** The crop side over the larger side of the mesh's bounding box (see above). */
export const DEFAULT_EMBEDDING_CROP_SCALE = 1.2;

const RAW_RANGE = { scale: 1, offset: 0 };

export class FaceEmbedder {
  private readonly input = new Float32Array(FACE_EMBEDDING_INPUT_PX * FACE_EMBEDDING_INPUT_PX * 3);

  constructor(
    private readonly model: OnnxModel,
    private readonly cropScale = DEFAULT_EMBEDDING_CROP_SCALE,
  ) {
    if (!model.outputNames.includes(FACE_EMBEDDING_OUTPUT))
      throw new Error(
        `model ${model.name} has no output "${FACE_EMBEDDING_OUTPUT}" (has ${model.outputNames.join(', ')})`,
      );
  }

  static async load(store: ModelStore, cropScale = DEFAULT_EMBEDDING_CROP_SCALE): Promise<FaceEmbedder> {
    return new FaceEmbedder(await store.load(FACE_EMBEDDING_MODEL), cropScale);
  }

  /** The unit-length embedding of the face whose mesh is `landmarks` (468 × x, y, z frame px). */
  async embed(frame: RgbImage, landmarks: Float32Array, boxPx: BoxPx): Promise<Float32Array> {
    const size = FACE_EMBEDDING_INPUT_PX;
    const right = centroid(landmarks, RIGHT_EYE_CONTOUR);
    const left = centroid(landmarks, LEFT_EYE_CONTOUR);
    const angle = Math.atan2(left[1] - right[1], left[0] - right[0]);
    const center: [number, number] = [boxPx.x + boxPx.width / 2, boxPx.y + boxPx.height / 2];
    const side = Math.max(boxPx.width, boxPx.height) * this.cropScale;
    warpToTensor(frame, frameToCropAffine(center, side, angle, size), size, size, RAW_RANGE, this.input);
    const out = await this.model.run(this.input, [1, size, size, 3]);
    const vector = out[FACE_EMBEDDING_OUTPUT]?.data;
    if (!vector || vector.length !== FACE_EMBEDDING_DIMS) throw new Error('face embedding output not found');
    return normalise(vector);
  }
}

function centroid(landmarks: Float32Array, indices: readonly number[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const i of indices) {
    x += landmarks[3 * i]!;
    y += landmarks[3 * i + 1]!;
  }
  return [x / indices.length, y / indices.length];
}

/** A copy scaled to unit length (a zero vector stays zero). */
export function normalise(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(vector.length);
  if (norm > 0) for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}

/** Cosine similarity of two vectors (−1..1; 0 when either is zero). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`vectors differ in length: ${a.length} vs ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
