// A crude cross-identity face swap, made the way real-time swappers work: another person's face
// is rendered small (about 64 px, as inswapper renders 128 px faces for larger frames), scaled up
// onto the target's face, colour-matched and blended through a feathered oval; the clip is then
// encoded at call bitrate. Its untouched twin (same motion, same encoding) is made alongside,
// so a test can compare a detector's scores on the pair. Faces come from @vladmandic/human's
// sample photos (see README.md here).

import { applyAffine, composeAffine, type Affine2D, type Point } from './affine.ts';
import { toCallQuality } from './call-quality.ts';
import { FACE_PHOTOS, loadFacePhoto, photoCacheKey, type FacePhotoId, type RgbImage } from './face-photos.ts';
import { motionTransforms, resolveMotionParams } from './motion-clips.ts';
import { cachedFile, drawWarped, encodeRawFrames, wallCanvas } from './render.ts';

export interface FacePasteOptions {
  /** The person in the call. Default 'faceid-man'. */
  target?: FacePhotoId;
  /** The face pasted over theirs. Default 'facedetect-man'. */
  source?: FacePhotoId;
  seconds?: number;
  /** Height of the rendered source face before it is scaled up, px. Default 64. */
  renderFacePx?: number;
  /** Call bitrate of the final encode, kbit/s. Default 450. */
  kbps?: number;
  /**
   * Edge of the pasted oval: 'feather' (default) fades over the outer 18 % of its radius; 'hard'
   * switches over about one pixel, as a swapper pasting with its mask blur turned off.
   */
  blend?: 'feather' | 'hard';
  /**
   * Match the pasted face's colour to the target's inside the oval (default true). Off, the face
   * keeps the source's own skin tone and lighting, as inswapper-based tools (roop, Deep-Live-Cam)
   * paste it unless colour correction is switched on.
   */
  colourMatch?: boolean;
  cacheDir?: string;
}

export interface FacePastePair {
  /** The target alone, same motion and encoding. */
  genuine: string;
  /** The target with the source face pasted over. */
  pasted: string;
}

export async function makeFacePastePair(opts: FacePasteOptions = {}): Promise<FacePastePair> {
  const target = opts.target ?? 'faceid-man';
  const source = opts.source ?? 'facedetect-man';
  const renderFacePx = opts.renderFacePx ?? 64;
  const look: PasteLook = { blend: opts.blend ?? 'feather', colourMatch: opts.colourMatch ?? true };
  // A gentle pan, so the paste has to follow the face from frame to frame.
  const params = resolveMotionParams({
    motion: 'pan',
    photo: target,
    seconds: opts.seconds ?? 4,
    panX: [300, 340],
    panY: [230, 250],
  });
  const transforms = motionTransforms(params);
  const key = {
    params,
    target: photoCacheKey(FACE_PHOTOS[target]),
    source: photoCacheKey(FACE_PHOTOS[source]),
    renderFacePx,
    // Only non-default looks enter the key, so the default pair keeps its cached files.
    ...(look.blend !== 'feather' || !look.colourMatch ? { look } : {}),
  };
  const render = async (paste: boolean) =>
    cachedFile(
      paste ? 'paste-swap' : 'paste-genuine',
      key,
      'mp4',
      async (tmp) => {
        const [t, s] = await Promise.all([loadFacePhoto(target), loadFacePhoto(source)]);
        const wall = wallCanvas(params.width, params.height, params.background[0], params.background[1]);
        await encodeRawFrames(tmp, params, (i) => {
          const frame = wall.slice();
          drawWarped(frame, params.width, params.height, t, transforms[i]!);
          if (paste)
            pasteFace(
              frame,
              params.width,
              params.height,
              s,
              source,
              target,
              transforms[i]!,
              renderFacePx,
              look,
            );
          return frame;
        });
      },
      opts.cacheDir,
    );
  const [genuine, pasted] = await Promise.all([render(false), render(true)]);
  const kbps = opts.kbps ?? 450;
  return {
    genuine: await toCallQuality(genuine, { kbps, cacheDir: opts.cacheDir }),
    pasted: await toCallQuality(pasted, { kbps, cacheDir: opts.cacheDir }),
  };
}

interface PasteLook {
  blend: 'feather' | 'hard';
  colourMatch: boolean;
}

/** Three anchor points of a portrait (crop coordinates): both eyes and the mouth. */
function anchors(id: FacePhotoId): Point[] {
  const a = FACE_PHOTOS[id].approx;
  return [a.eyes[0], a.eyes[1], a.mouth];
}

/** Least-squares similarity transform (rotation, uniform scale, shift) taking `from` onto `to`. */
function fitSimilarity(from: readonly Point[], to: readonly Point[]): Affine2D {
  const n = from.length;
  const [fx, fy] = from.reduce(([x, y], p) => [x + p[0] / n, y + p[1] / n], [0, 0]);
  const [tx, ty] = to.reduce(([x, y], p) => [x + p[0] / n, y + p[1] / n], [0, 0]);
  let a = 0;
  let b = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const px = from[i]![0] - fx;
    const py = from[i]![1] - fy;
    const qx = to[i]![0] - tx;
    const qy = to[i]![1] - ty;
    a += px * qx + py * qy;
    b += px * qy - py * qx;
    den += px * px + py * py;
  }
  a /= den;
  b /= den;
  return [a, -b, tx - a * fx + b * fy, b, a, ty - b * fx - a * fy];
}

function pasteFace(
  frame: Uint8Array,
  width: number,
  height: number,
  src: RgbImage,
  sourceId: FacePhotoId,
  targetId: FacePhotoId,
  targetToFrame: Affine2D,
  renderFacePx: number,
  look: PasteLook,
): void {
  const srcToFrame = composeAffine(targetToFrame, fitSimilarity(anchors(sourceId), anchors(targetId)));
  const [eyeL, eyeR, mouth] = anchors(targetId).map((p): Point => applyAffine(targetToFrame, p));
  if (!eyeL || !eyeR || !mouth) return;
  const eyeMid: Point = [(eyeL[0] + eyeR[0]) / 2, (eyeL[1] + eyeR[1]) / 2];
  const eyeGap = Math.hypot(eyeR[0] - eyeL[0], eyeR[1] - eyeL[1]);
  const faceHeight = 2.2 * Math.hypot(mouth[0] - eyeMid[0], mouth[1] - eyeMid[1]);
  // The oval the swap covers: brows to chin, cheek to cheek.
  const cx = eyeMid[0] + 0.45 * (mouth[0] - eyeMid[0]);
  const cy = eyeMid[1] + 0.45 * (mouth[1] - eyeMid[1]);
  const rx = 1.0 * eyeGap;
  const ry = 0.52 * faceHeight;
  const feather = look.blend === 'hard' ? 1 / rx : 0.18;

  // Render the source face small, as a real-time swapper does, over the oval's bounding box.
  const down = Math.min(1, renderFacePx / faceHeight);
  const x0 = Math.max(0, Math.floor(cx - rx - 4));
  const y0 = Math.max(0, Math.floor(cy - ry - 4));
  const x1 = Math.min(width, Math.ceil(cx + rx + 4));
  const y1 = Math.min(height, Math.ceil(cy + ry + 4));
  const pw = Math.max(2, Math.round((x1 - x0) * down));
  const ph = Math.max(2, Math.round((y1 - y0) * down));
  const patch = new Uint8Array(pw * ph * 3);
  drawWarped(patch, pw, ph, src, composeAffine([down, 0, -x0 * down, 0, down, -y0 * down], srcToFrame));

  // Colour-match the patch to the target's face inside the oval (per-channel mean and spread).
  const inside: Array<[number, number, number]> = [];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const u = (x + 0.5 - cx) / rx;
      const v = (y + 0.5 - cy) / ry;
      const r = Math.hypot(u, v);
      if (r >= 1) continue;
      const alpha = r < 1 - feather ? 1 : (1 - r) / feather;
      inside.push([x, y, alpha * alpha * (3 - 2 * alpha)]);
    }
  }
  const upsampled = (x: number, y: number, c: number) => {
    const px = Math.min(pw - 1, Math.max(0, (x + 0.5 - x0) * down - 0.5));
    const py = Math.min(ph - 1, Math.max(0, (y + 0.5 - y0) * down - 0.5));
    const ix = Math.min(pw - 2, Math.floor(px));
    const iy = Math.min(ph - 2, Math.floor(py));
    const fx = px - ix;
    const fy = py - iy;
    const at = (xx: number, yy: number) => patch[(yy * pw + xx) * 3 + c]!;
    return (
      (at(ix, iy) * (1 - fx) + at(ix + 1, iy) * fx) * (1 - fy) +
      (at(ix, iy + 1) * (1 - fx) + at(ix + 1, iy + 1) * fx) * fy
    );
  };
  for (let c = 0; c < 3; c++) {
    const stats = (get: (x: number, y: number) => number) => {
      let m = 0;
      let q = 0;
      for (const [x, y] of inside) {
        const v = get(x, y);
        m += v;
        q += v * v;
      }
      m /= inside.length;
      return [m, Math.sqrt(Math.max(1, q / inside.length - m * m))] as const;
    };
    // Without colour matching the source face keeps its own values (matched = upsampled).
    const [tm, ts] = look.colourMatch ? stats((x, y) => frame[(y * width + x) * 3 + c]!) : [0, 1];
    const [sm, ss] = look.colourMatch ? stats((x, y) => upsampled(x, y, c)) : [0, 1];
    for (const [x, y, alpha] of inside) {
      const o = (y * width + x) * 3 + c;
      const matched = (upsampled(x, y, c) - sm) * (ts / ss) + tm;
      frame[o] = Math.max(0, Math.min(255, Math.round(frame[o]! * (1 - alpha) + matched * alpha)));
    }
  }
}
