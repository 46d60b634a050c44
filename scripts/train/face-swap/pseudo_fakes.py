"""Pseudo-fakes made from genuine crops alone (numpy + OpenCV).

Why: the shared media holds real swaps of only a few identities (DeepFaceLive celebrity models).
A detector trained on those alone learns who is in them, not what swapping leaves behind. These
generators create the traces themselves on any genuine face, so the positives cover every
identity, pose and camera of the genuine set:

* self_blend      Self-blended images (Shiohara & Yamasaki, CVPR 2022): a colour/sharpness-jittered,
                  slightly scaled and shifted copy of the face blended back onto itself through a
                  blurred, randomly eroded/dilated mesh mask. Teaches blending boundaries and
                  statistical mismatch between face and surroundings, with no identity cue.
* mesh_swap       Cross-identity swap: another identity's face warped onto the target's 468 mesh
                  points (piecewise affine), rendered small and upscaled like inswapper (128 px),
                  colour-matched in LAB inside the mask and pasted through a feathered mask.
* colour_mismatch The inner face gets a different colour/lighting than the rest of the head, as when a
                  swapper's colour transfer drifts.
* oval_paste      The crudest cross-identity swap: another identity's face, only moved, turned and scaled
                  onto the target's eyes and mouth (no mesh warp), rendered small, matched per channel in
                  mean and spread (or not at all) and pasted through an oval from soft to hard-edged. The
                  face inside keeps its own shape, so eyes, nose and jaw sit where the donor had them.

All functions take and return 224x224 uint8 RGB crops in the engine's aligned-crop convention, the
crop's 224x224 uint8 face mask (255 inside the mesh's face outline) and its (468, 2) landmarks.
"""

import cv2
import numpy as np

import config as C
from mesh_warp import delaunay, warp_face

#: Every kind make_pseudo_fake knows; config.PSEUDO_KINDS (or `train.py --pseudo-kinds`) picks the mix.
KINDS = ("self_blend", "mesh_swap", "colour_mismatch", "oval_paste")
#: The kinds that paste another identity's face and so need a donor crop.
DONOR_KINDS = ("mesh_swap", "oval_paste")

# MediaPipe mesh indices used to shape masks (subject's right/left as in engine/face/landmark-indices.ts).
CHEEK_RIGHT, CHEEK_LEFT = 234, 454
#: Eye corners (right eye, left eye) and mouth corners: the anchors of the oval paste.
EYE_RIGHT, EYE_LEFT, MOUTH = [33, 133], [362, 263], [61, 291]
BROW_POINTS = [70, 63, 105, 66, 107, 336, 296, 334, 293, 300]


def _u(rng: np.random.Generator, lo_hi) -> float:
    return float(rng.uniform(lo_hi[0], lo_hi[1]))


def _odd(n: float) -> int:
    n = max(1, int(round(n)))
    return n if n % 2 else n + 1


# --- masks ----------------------------------------------------------------------------------------

def blend_mask(mask: np.ndarray, landmarks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A soft float32 [0,1] blend mask from the mesh mask: sometimes cut at the brows (a swapper's
    "full face" mask leaves the forehead), randomly eroded or dilated, blurred, scaled in opacity."""
    m = mask.copy()
    if rng.random() < 0.3:
        brow_y = float(landmarks[BROW_POINTS, 1].min()) - _u(rng, (0, 12))
        m[: max(0, int(brow_y))] = 0
    morph = int(round(_u(rng, C.MASK_MORPH_PX)))
    if morph != 0:
        k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * abs(morph) + 1, 2 * abs(morph) + 1))
        m = cv2.erode(m, k) if morph < 0 else cv2.dilate(m, k)
    sigma = _u(rng, C.MASK_BLUR_SIGMA)
    soft = cv2.GaussianBlur(m.astype(np.float32) / 255.0, (0, 0), sigma)
    # Re-blur after clipping (SBI does this) so the peak is flat and the edge stays soft.
    soft = np.clip(soft * 1.2, 0, 1)
    return soft * _u(rng, C.BLEND_MAX)


def _blend(fg: np.ndarray, bg: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    a = alpha[..., None]
    return np.clip(fg.astype(np.float32) * a + bg.astype(np.float32) * (1 - a) + 0.5, 0, 255).astype(np.uint8)


# --- photometric jitter ---------------------------------------------------------------------------

def colour_jitter(img: np.ndarray, rng: np.random.Generator, strength: float = 1.0) -> np.ndarray:
    """Per-channel gain, brightness, contrast, saturation and gamma changes (float math, uint8 out)."""
    x = img.astype(np.float32) / 255.0
    x = x * (1 + strength * rng.uniform(-0.08, 0.08, size=3).astype(np.float32))
    x = x + strength * float(rng.uniform(-0.06, 0.06))
    mean = x.mean()
    x = (x - mean) * (1 + strength * float(rng.uniform(-0.15, 0.15))) + mean
    grey = x.mean(axis=2, keepdims=True)
    x = grey + (x - grey) * (1 + strength * float(rng.uniform(-0.25, 0.25)))
    x = np.clip(x, 0, 1) ** (1 + strength * float(rng.uniform(-0.15, 0.15)))
    return np.clip(x * 255 + 0.5, 0, 255).astype(np.uint8)


def sharpness_jitter(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Blur, sharpen, or down/up-scale (a swapper's low-resolution render), chosen at random."""
    r = rng.random()
    if r < 0.35:
        return cv2.GaussianBlur(img, (0, 0), _u(rng, (0.6, 1.6)))
    if r < 0.6:
        blur = cv2.GaussianBlur(img, (0, 0), _u(rng, (0.8, 2.0)))
        return cv2.addWeighted(img, 1 + _u(rng, (0.3, 1.0)), blur, -_u(rng, (0.3, 1.0)), 0)
    if r < 0.9:
        s = _u(rng, (0.35, 0.7))
        h, w = img.shape[:2]
        small = cv2.resize(img, (max(8, int(w * s)), max(8, int(h * s))), interpolation=cv2.INTER_AREA)
        return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR if rng.random() < 0.5 else cv2.INTER_CUBIC)
    return img


# --- generators -----------------------------------------------------------------------------------

def self_blend(img: np.ndarray, mask: np.ndarray, landmarks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """SBI: blend a jittered, slightly scaled/shifted copy of the face back onto itself."""
    src, tgt = img, img
    # SBI jitters either the source or the target copy; the blend exposes the mismatch either way.
    jittered = sharpness_jitter(colour_jitter(img, rng), rng)
    if rng.random() < 0.5:
        src = jittered
    else:
        tgt = jittered
    h, w = img.shape[:2]
    scale = _u(rng, C.SBI_SCALE)
    sx, sy = rng.uniform(-C.SBI_SHIFT_PX, C.SBI_SHIFT_PX, size=2)
    cx, cy = landmarks.mean(axis=0)
    m = np.array([[scale, 0, (1 - scale) * cx + sx], [0, scale, (1 - scale) * cy + sy]], dtype=np.float32)
    src = cv2.warpAffine(src, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    return _blend(src, tgt, blend_mask(mask, landmarks, rng))


def _lab_match(face: np.ndarray, target: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Match `face`'s LAB mean/std to `target`'s inside `region` (uint8 mask)."""
    if cv2.countNonZero(region) < 50:
        return face
    f = cv2.cvtColor(face, cv2.COLOR_RGB2LAB)
    fm, fs = (v.ravel() for v in cv2.meanStdDev(f, mask=region))
    tm, ts = (v.ravel() for v in cv2.meanStdDev(cv2.cvtColor(target, cv2.COLOR_RGB2LAB), mask=region))
    # The std ratio is bounded: make-up or shadows in one face would otherwise blow up the other's contrast.
    gain = np.clip(ts / (fs + 1e-3), 0.7, 1.4).astype(np.float32)
    out = (f.astype(np.float32) - fm.astype(np.float32)) * gain + tm.astype(np.float32)
    return cv2.cvtColor(np.clip(out + 0.5, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB)


def mesh_swap(
    tgt: np.ndarray,
    tgt_mask: np.ndarray,
    tgt_lm: np.ndarray,
    src: np.ndarray,
    src_lm: np.ndarray,
    rng: np.random.Generator,
    tris: np.ndarray | None = None,
    index_map: np.ndarray | None = None,
) -> np.ndarray:
    """Another identity's face (src) rendered at the target's mesh points, inswapper-style.

    `tris` / `index_map` (the target's triangulation and its rasterisation at crop size) may be
    passed in to reuse them across calls."""
    size = tgt.shape[0]
    face_w = float(np.linalg.norm(tgt_lm[CHEEK_LEFT] - tgt_lm[CHEEK_RIGHT])) + 1e-3
    # Render scale: the swapped face is generated at SWAP_FACE_PX wide, then upscaled to the crop.
    r = min(1.0, _u(rng, C.SWAP_FACE_PX) / face_w)
    canvas = max(32, int(round(size * r)))
    r = canvas / size
    src_small = cv2.resize(src, (canvas, canvas), interpolation=cv2.INTER_AREA) if r < 1 else src
    if tris is None:
        tris = delaunay(tgt_lm)
    face, covered = warp_face(src_small, src_lm * r, tgt_lm * r, canvas, tris, index_map)
    if r < 1:
        interp = cv2.INTER_LINEAR if rng.random() < 0.6 else cv2.INTER_CUBIC
        face = cv2.resize(face, (size, size), interpolation=interp)
        covered = cv2.resize(covered, (size, size), interpolation=cv2.INTER_LINEAR)
    if rng.random() < 0.25:  # a face enhancer / sharpening pass, as some swappers add
        blur = cv2.GaussianBlur(face, (0, 0), 1.2)
        face = cv2.addWeighted(face, 1.6, blur, -0.6, 0)
    region = ((covered > 200) & (tgt_mask > 0)).astype(np.uint8)
    if rng.random() < 0.9:  # most swappers colour-transfer; some do not
        face = _lab_match(face, tgt, region)
    # Paste back through the eroded, feathered intersection of the target mask and the render.
    m = np.minimum(tgt_mask, covered)
    k = _odd(_u(rng, (5, 19)))
    m = cv2.erode(m, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    if rng.random() < 0.3:
        brow_y = float(tgt_lm[BROW_POINTS, 1].min()) - _u(rng, (0, 12))
        m[: max(0, int(brow_y))] = 0
    alpha = cv2.GaussianBlur(m.astype(np.float32) / 255.0, (0, 0), _u(rng, (2.0, 8.0)))
    return _blend(face, tgt, alpha)


def colour_mismatch(img: np.ndarray, mask: np.ndarray, landmarks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Inner face with its own colour and lighting (gain, gamma, a lighting gradient)."""
    x = colour_jitter(img, rng, strength=_u(rng, (1.2, 2.2))).astype(np.float32)
    h, w = img.shape[:2]
    if rng.random() < 0.6:  # a directional lighting change across the face
        angle = rng.uniform(0, 2 * np.pi)
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        ramp = ((xs - w / 2) * np.cos(angle) + (ys - h / 2) * np.sin(angle)) / (w / 2)
        x = x * (1 + _u(rng, (0.08, 0.25)) * ramp[..., None])
    x = np.clip(x + 0.5, 0, 255).astype(np.uint8)
    alpha = blend_mask(mask, landmarks, rng)
    return _blend(x, img, alpha)


def _anchors(landmarks: np.ndarray) -> np.ndarray:
    """Both eye centres and the mouth centre, (3, 2) float32."""
    return np.stack([landmarks[idx].mean(axis=0) for idx in (EYE_RIGHT, EYE_LEFT, MOUTH)]).astype(np.float32)


def oval_paste(tgt: np.ndarray, tgt_lm: np.ndarray, src: np.ndarray, src_lm: np.ndarray,
               rng: np.random.Generator) -> np.ndarray:
    """Another identity's face moved onto the target's eyes and mouth and pasted through an oval."""
    size = tgt.shape[0]
    a_t, a_s = _anchors(tgt_lm), _anchors(src_lm)
    m, _ = cv2.estimateAffinePartial2D(a_s, a_t)  # rotation, uniform scale, shift
    if m is None:
        return tgt
    eye_mid = (a_t[0] + a_t[1]) / 2
    eye_gap = float(np.linalg.norm(a_t[1] - a_t[0])) + 1e-3
    down_axis = a_t[2] - eye_mid
    face_h = 2.2 * float(np.linalg.norm(down_axis)) + 1e-3
    # Render the donor face small, as a real-time swapper does, then scale it back up.
    r = min(1.0, _u(rng, C.OVAL_RENDER_FACE_PX) / face_h)
    face = cv2.warpAffine(src, m, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    if r < 1:
        small = cv2.resize(face, (max(8, int(size * r)), max(8, int(size * r))), interpolation=cv2.INTER_AREA)
        face = cv2.resize(small, (size, size), interpolation=cv2.INTER_LINEAR if rng.random() < 0.6 else cv2.INTER_CUBIC)
    # The oval: brows to chin, cheek to cheek, turned with the eye line.
    centre = eye_mid + _u(rng, (0.4, 0.5)) * down_axis
    rx, ry = _u(rng, (0.85, 1.1)) * eye_gap, _u(rng, (0.45, 0.56)) * face_h
    angle = float(np.arctan2(a_t[1][1] - a_t[0][1], a_t[1][0] - a_t[0][0]))
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32) + 0.5
    dx, dy = xs - centre[0], ys - centre[1]
    u = (dx * np.cos(angle) + dy * np.sin(angle)) / rx
    v = (-dx * np.sin(angle) + dy * np.cos(angle)) / ry
    dist = np.sqrt(u * u + v * v)
    feather = _u(rng, C.OVAL_FEATHER)
    t = np.clip((1 - dist) / feather, 0, 1)
    alpha = (t * t * (3 - 2 * t)).astype(np.float32)
    inside = dist < 1
    if rng.random() < C.OVAL_COLOUR_MATCH_P and inside.sum() > 50:
        # Per-channel mean and spread, as a quick colour transfer does; the spread ratio is left
        # almost free, so a flat-lit donor on a contrasty target comes out garish, as such pastes do.
        f, g = face.astype(np.float32), tgt.astype(np.float32)
        fm, fs = f[inside].mean(axis=0), f[inside].std(axis=0) + 1.0
        gm, gs = g[inside].mean(axis=0), g[inside].std(axis=0) + 1.0
        face = np.clip((f - fm) * np.clip(gs / fs, 0.5, 3.0) + gm + 0.5, 0, 255).astype(np.uint8)
    return _blend(face, tgt, alpha)


def make_pseudo_fake(
    kind: str,
    img: np.ndarray,
    mask: np.ndarray,
    landmarks: np.ndarray,
    rng: np.random.Generator,
    donor: tuple[np.ndarray, np.ndarray] | None = None,
    tris: np.ndarray | None = None,
    index_map: np.ndarray | None = None,
) -> np.ndarray:
    """One pseudo-fake of `kind`; `donor` = (image, landmarks) of another identity for mesh_swap and
    oval_paste."""
    if kind in DONOR_KINDS and donor is None:
        kind = "self_blend"
    if kind == "oval_paste":
        return oval_paste(img, landmarks, donor[0], donor[1], rng)
    if kind == "mesh_swap":
        return mesh_swap(img, mask, landmarks, donor[0], donor[1], rng, tris, index_map)
    if kind == "self_blend":
        return self_blend(img, mask, landmarks, rng)
    if kind == "colour_mismatch":
        return colour_mismatch(img, mask, landmarks, rng)
    raise ValueError(f"unknown pseudo-fake kind: {kind}")
