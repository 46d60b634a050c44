// A cross-identity face swap that the committed face-swap model flags, for tests that need
// the alert to fire (the desktop app's end-to-end test) — and its untouched twin.
//
// Why this setting: of the swap renderings real-time swappers produce, measured through `scan` on
// six photo pairs (both orders), v1 reacts to a colour mismatch behind a sharp seam and hardly to
// low resolution: a feathered, colour-matched paste scores 0.15–0.22, like untouched clips
// (0.14–0.25). The setting here is what an inswapper-based tool with colour correction off and
// mask blur at zero gives: another identity warped onto the target's 468 mesh points (piecewise
// affine over MediaPipe's triangulation, so it follows the target's face shape as a generator
// does), rendered 40 px wide and scaled up (inswapper renders faces into 128 px), pasted with its
// own skin tone through a binary mask (the mesh outline, eroded by 6 % of the face width), encoded
// at 450 kbit/s. Default pair (facedetect-man ← facedetect-woman-dark, 5 s): face-swap 0.30,
// `suspicious` (threshold 0.261); untouched twin 0.16, `likely_real`. Other pairs score 0.21–0.27,
// only some of them above 0.261, so the tests use the default pair. Never `likely_fake` (0.597):
// with v1's Platt slope (0.24) that needs frame probabilities ≥ 0.9998. Model v2 (same-frame
// pairs, models/README.md): 0.382 `suspicious` (threshold 0.321), untouched 0.194.
//
// The faces come from @vladmandic/human's sample photos (README.md here); their mesh points come
// from the engine's own face tracker (so building the clip needs the ModelStore).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createFaceTracker } from '../../face/index.ts';
import { FACE_OVAL, LANDMARK } from '../../face/landmark-indices.ts';
import { forEachPolygonSpan } from '../../face/polygon-spans.ts';
import type { ModelStore } from '../../runtime/index.ts';
import { applyAffine, composeAffine, invertAffine, type Affine2D, type Point } from './affine.ts';
import { toCallQuality } from './call-quality.ts';
import { HUMAN_ASSETS_DIR, loadFacePhoto, type FacePhotoId, type RgbImage } from './face-photos.ts';
import {
  makeMotionClip,
  motionTransforms,
  resolveMotionParams,
  type MotionClipOptions,
} from './motion-clips.ts';
import { cachedFile, drawWarped, encodeRawFrames, wallCanvas } from './render.ts';

export interface SwapClipOptions {
  /** The engine's models (the face tracker finds each portrait's mesh points). */
  models: ModelStore;
  /** The person in the call. Default 'facedetect-man'. */
  target?: FacePhotoId;
  /** The identity swapped in. Default 'facedetect-woman-dark'. */
  source?: FacePhotoId;
  /** Default 5 (`scan` judges a face seen for more than 3 s). */
  seconds?: number;
  /** Width (cheek to cheek) at which the swapped face is rendered before scaling up, px. Default 40. */
  renderFaceWidth?: number;
  /** Call bitrate of the final encode, kbit/s. Default 450. */
  kbps?: number;
  cacheDir?: string;
}

export interface SwapClipPair {
  /** The target alone: same motion, same encoding. */
  genuine: string;
  /** The target with the source identity swapped in. */
  swapped: string;
}

/** Shared by both clips: a gentle pan, so the swap follows the face from frame to frame. */
function motion(target: FacePhotoId, seconds: number): MotionClipOptions {
  return { motion: 'pan', photo: target, seconds, panX: [300, 340], panY: [230, 250] };
}

export async function makeSwapClipPair(opts: SwapClipOptions): Promise<SwapClipPair> {
  const target = opts.target ?? 'facedetect-man';
  const source = opts.source ?? 'facedetect-woman-dark';
  const renderFaceWidth = opts.renderFaceWidth ?? 40;
  const kbps = opts.kbps ?? 450;
  const moveOpts = motion(target, opts.seconds ?? 5);
  const params = resolveMotionParams(moveOpts);
  const transforms = motionTransforms(params);
  const [targetPoints, sourcePoints] = [
    await portraitMeshPoints(opts.models, target),
    await portraitMeshPoints(opts.models, source),
  ];
  const meshKey = createHash('sha256')
    .update(
      JSON.stringify([targetPoints, sourcePoints].map((ps) => ps.map((p) => p.map((v) => v.toFixed(2))))),
    )
    .digest('hex')
    .slice(0, 16);
  const swapped = await cachedFile(
    'swap',
    { params, source, renderFaceWidth, meshKey },
    'mp4',
    async (tmp) => {
      const [t, s] = await Promise.all([loadFacePhoto(target), loadFacePhoto(source)]);
      const wall = wallCanvas(params.width, params.height, params.background[0], params.background[1]);
      await encodeRawFrames(tmp, params, (i) => {
        const frame = wall.slice();
        drawWarped(frame, params.width, params.height, t, transforms[i]!);
        const frameImage = { width: params.width, height: params.height, data: frame };
        swapFace(frameImage, t, transforms[i]!, targetPoints, s, sourcePoints, renderFaceWidth);
        return frame;
      });
    },
    opts.cacheDir,
  );
  const genuine = (await makeMotionClip({ ...moveOpts, cacheDir: opts.cacheDir })).path;
  return {
    genuine: await toCallQuality(genuine, { kbps, cacheDir: opts.cacheDir }),
    swapped: await toCallQuality(swapped, { kbps, cacheDir: opts.cacheDir }),
  };
}

const meshPoints = new Map<FacePhotoId, Promise<Point[]>>();

/**
 * The 468 mesh points of a portrait (crop coordinates), as the engine's tracker finds them on the
 * portrait drawn like a static clip's frame. Memoised per process.
 */
export function portraitMeshPoints(models: ModelStore, id: FacePhotoId): Promise<Point[]> {
  let p = meshPoints.get(id);
  if (!p) {
    p = (async () => {
      const tracker = await createFaceTracker(models);
      const params = resolveMotionParams({ motion: 'static', photo: id, seconds: 0.1 });
      const toFrame = motionTransforms(params)[0]!;
      const frame = wallCanvas(params.width, params.height);
      drawWarped(frame, params.width, params.height, await loadFacePhoto(id), toFrame);
      let landmarks: Float32Array | undefined;
      // A few passes: the mesh refines its region of interest from its own landmarks.
      for (let i = 0; i < 4; i++) {
        const r = await tracker.process({ ...params, data: frame, index: i, timeSec: i / params.fps });
        landmarks = r.faces[0]?.landmarks ?? landmarks;
      }
      if (!landmarks) throw new Error(`portraitMeshPoints: no face found on ${id}`);
      const toPortrait = invertAffine(toFrame);
      return Array.from({ length: landmarks.length / 3 }, (_, k) =>
        applyAffine(toPortrait, [landmarks[k * 3]!, landmarks[k * 3 + 1]!]),
      );
    })();
    p.catch(() => meshPoints.delete(id));
    meshPoints.set(id, p);
  }
  return p;
}

let triangles: number[] | undefined;

/**
 * MediaPipe's triangulation of the 468 mesh points (TRI468), read from @vladmandic/human's
 * source (MIT): the package's exports do not include it, and its TypeScript does not compile
 * under this repo's settings, so the array literal is parsed.
 */
function meshTriangles(): number[] {
  if (!triangles) {
    const file = new URL('../src/face/facemeshcoords.ts', pathToFileURL(HUMAN_ASSETS_DIR));
    const text = readFileSync(file, 'utf8');
    const body = /export const TRI468: number\[\] = \[([^\]]*)\]/.exec(text)?.[1];
    const list =
      body
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(Number) ?? [];
    if (
      list.length === 0 ||
      list.length % 3 !== 0 ||
      list.some((v) => !Number.isInteger(v) || v < 0 || v >= 468)
    )
      throw new Error(`meshTriangles: could not read TRI468 from ${file.pathname}`);
    triangles = list;
  }
  return triangles;
}

/** The affine map taking triangle `from` onto triangle `to` (null when degenerate). */
function triangleAffine(from: readonly Point[], to: readonly Point[]): Affine2D | null {
  const [[x0, y0], [x1, y1], [x2, y2]] = from as [Point, Point, Point];
  const det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  if (Math.abs(det) < 1e-9) return null;
  // Solve for (a, b, c) with a·x + b·y + c = u at the three corners, for u = x then y of `to`.
  const solve = (u0: number, u1: number, u2: number): [number, number, number] => {
    const a = ((u1 - u0) * (y2 - y0) - (u2 - u0) * (y1 - y0)) / det;
    const b = ((x1 - x0) * (u2 - u0) - (x2 - x0) * (u1 - u0)) / det;
    return [a, b, u0 - a * x0 - b * y0];
  };
  const [t0, t1, t2] = to as [Point, Point, Point];
  return [...solve(t0[0], t1[0], t2[0]), ...solve(t0[1], t1[1], t2[1])];
}

/**
 * Swap `src` into `frame` over the target face drawn there through `targetToFrame`: render the
 * source's face at the target's mesh points on a canvas `renderFaceWidth` px wide (face width),
 * scale it up, paste it through the eroded mesh outline, colours as they are.
 */
function swapFace(
  frame: RgbImage,
  tgt: RgbImage,
  targetToFrame: Affine2D,
  targetPoints: readonly Point[],
  src: RgbImage,
  sourcePoints: readonly Point[],
  renderFaceWidth: number,
): void {
  const pts = targetPoints.map((p) => applyAffine(targetToFrame, p));
  const [cheekR, cheekL] = [pts[LANDMARK.rightCheek]!, pts[LANDMARK.leftCheek]!];
  const faceWidth = Math.hypot(cheekL[0] - cheekR[0], cheekL[1] - cheekR[1]);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const pad = Math.round(0.35 * faceWidth);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - pad);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - pad);
  const x1 = Math.min(frame.width, Math.ceil(Math.max(...xs)) + pad);
  const y1 = Math.min(frame.height, Math.ceil(Math.max(...ys)) + pad);

  // The small render: the target region at render scale, then the source face over its mesh.
  const down = Math.min(1, renderFaceWidth / faceWidth);
  const frameToSmall: Affine2D = [down, 0, -x0 * down, 0, down, -y0 * down];
  const small: RgbImage = {
    width: Math.max(4, Math.round((x1 - x0) * down)),
    height: Math.max(4, Math.round((y1 - y0) * down)),
    data: new Uint8Array(0),
  };
  small.data = new Uint8Array(small.width * small.height * 3);
  drawWarped(small.data, small.width, small.height, tgt, composeAffine(frameToSmall, targetToFrame));
  const layer = small.data.slice();
  const smallPts = pts.map((p) => applyAffine(frameToSmall, p));
  const tri = meshTriangles();
  for (let k = 0; k < tri.length; k += 3) {
    const ids = [tri[k]!, tri[k + 1]!, tri[k + 2]!];
    const corners = ids.map((i) => smallPts[i]!);
    const srcToSmall = triangleAffine(
      ids.map((i) => sourcePoints[i]!),
      corners,
    );
    if (!srcToSmall) continue;
    const cx = corners.map((p) => p[0]);
    const cy = corners.map((p) => p[1]);
    const clip = {
      x: Math.floor(Math.min(...cx)),
      y: Math.floor(Math.min(...cy)),
      width: Math.ceil(Math.max(...cx)) - Math.floor(Math.min(...cx)) + 1,
      height: Math.ceil(Math.max(...cy)) - Math.floor(Math.min(...cy)) + 1,
    };
    drawWarped(layer, small.width, small.height, src, srcToSmall, clip);
    forEachPolygonSpan(corners, small.width, small.height, (y, from, to) => {
      const o = (y * small.width + from) * 3;
      small.data.set(layer.subarray(o, (y * small.width + to + 1) * 3), o);
    });
  }

  // Scale up into a copy of the frame, then paste inside the eroded mesh outline (binary mask).
  const up = frame.data.slice();
  drawWarped(up, frame.width, frame.height, small, invertAffine(frameToSmall), {
    x: x0,
    y: y0,
    width: x1 - x0,
    height: y1 - y0,
  });
  const outline = FACE_OVAL.map((i) => pts[i]!);
  const [mx, my] = outline.reduce(
    ([a, b], p) => [a + p[0] / outline.length, b + p[1] / outline.length],
    [0, 0],
  );
  const erode = 0.06 * faceWidth;
  const eroded = outline.map(([x, y]): [number, number] => {
    const d = Math.hypot(x - mx, y - my);
    const f = Math.max(0, (d - erode) / d);
    return [mx + (x - mx) * f, my + (y - my) * f];
  });
  forEachPolygonSpan(eroded, frame.width, frame.height, (y, from, to) => {
    const o = (y * frame.width + from) * 3;
    frame.data.set(up.subarray(o, (y * frame.width + to + 1) * 3), o);
  });
}
