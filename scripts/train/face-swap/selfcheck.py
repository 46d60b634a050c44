"""Self-check of the pseudo-fake and degradation code on two synthetic "faces" (no data, no torch).

Why: the generators run millions of times inside training; a shape, dtype or range slip there
shows up only as a mysteriously bad model an hour later. This runs each generator on two drawn
faces (ellipse + fake mesh points) and asserts what training relies on. Not part of `npm test`
(CI has no Python ML stack); run it after touching the generators:

    /usr/bin/python3 scripts/train/face-swap/selfcheck.py
"""

import cv2
import numpy as np

import config as C
from degrade import degrade
from mesh_warp import delaunay, warp_face
from pseudo_fakes import DONOR_KINDS, KINDS, make_pseudo_fake
from data import CropSet
from sampler import Sampler, geometric_jitter, to_input


def synthetic_face(seed: int):
    """A 224 crop with a shaded ellipse face, a 468-point pseudo-mesh inside it, and its mask."""
    rng = np.random.default_rng(seed)
    s = C.CROP_PX
    img = np.zeros((s, s, 3), np.uint8)
    img[:] = rng.integers(40, 200, size=3)
    cx, cy, ax, ay = s * 0.5, s * 0.52, s * 0.33, s * 0.42
    colour = tuple(int(v) for v in rng.integers(90, 230, size=3))
    cv2.ellipse(img, (int(cx), int(cy)), (int(ax), int(ay)), 0, 0, 360, colour, -1)
    for ex in C.EYE_X:
        cv2.circle(img, (int(ex * s), int(C.EYE_Y * s)), 8, (20, 20, 20), -1)
    cv2.ellipse(img, (int(cx), int(s * 0.72)), (30, 8), 0, 0, 360, (150, 40, 40), -1)
    mask = np.zeros((s, s), np.uint8)
    cv2.ellipse(mask, (int(cx), int(cy)), (int(ax), int(ay)), 0, 0, 360, 255, -1)
    ang = rng.uniform(0, 2 * np.pi, 468)
    rad = np.sqrt(rng.uniform(0, 0.95, 468))
    lm = np.stack([cx + ax * rad * np.cos(ang), cy + ay * rad * np.sin(ang)], 1).astype(np.float32)
    lm[234] = (cx - ax * 0.97, cy)  # cheeks: the generators measure face width from these
    lm[454] = (cx + ax * 0.97, cy)
    return img, mask, lm


def check_image(name: str, out: np.ndarray, ref: np.ndarray) -> None:
    assert out.shape == ref.shape, f"{name}: shape {out.shape} != {ref.shape}"
    assert out.dtype == np.uint8, f"{name}: dtype {out.dtype}"
    assert out.flags["C_CONTIGUOUS"] or out.base is not None, f"{name}: layout"
    diff = np.abs(out.astype(int) - ref.astype(int))
    assert diff.max() > 0, f"{name}: output identical to input"


def main() -> None:
    rng = np.random.default_rng(0)
    a_img, a_mask, a_lm = synthetic_face(1)
    b_img, _, b_lm = synthetic_face(2)

    tris = delaunay(a_lm)
    assert tris.ndim == 2 and tris.shape[1] == 3 and len(tris) > 800, f"delaunay: {tris.shape}"
    assert tris.min() >= 0 and tris.max() < 468

    face, covered = warp_face(b_img, b_lm, a_lm, C.CROP_PX, tris)
    assert face.shape == a_img.shape and covered.shape == a_mask.shape
    inside = (covered > 0).mean()
    assert 0.2 < inside < 0.6, f"warp covers {inside:.2f} of the crop"
    # warping a face onto its own points reproduces it inside the mesh
    same, cov = warp_face(a_img, a_lm, a_lm, C.CROP_PX, tris)
    err = np.abs(same.astype(int) - a_img.astype(int))[cov > 0].mean()
    assert err < 2.0, f"identity warp error {err:.2f}"

    # a cached crop-size rasterisation resized to the canvas gives the same render
    from mesh_warp import rasterize
    idx = rasterize(a_lm * 0.5, tris, C.CROP_PX // 2)
    cached, _ = warp_face(b_img, b_lm, a_lm * 0.5, C.CROP_PX // 2, tris, rasterize(a_lm, tris, C.CROP_PX))
    direct, _ = warp_face(b_img, b_lm, a_lm * 0.5, C.CROP_PX // 2, tris, idx)
    frac = (np.abs(cached.astype(int) - direct.astype(int)).max(2) > 8).mean()
    # (differences sit on the mesh outline, where one map covers a pixel and the other does not;
    # the paste-back mask is eroded there; ~1 % on real crops, more on this random mesh)
    assert frac < 0.05, f"cached rasterisation differs on {frac:.3f} of pixels"

    for kind in KINDS:  # every generator, also those the current mix leaves out
        for k in range(5):
            donor = (b_img, b_lm) if kind in DONOR_KINDS else None
            out = make_pseudo_fake(kind, a_img, a_mask, a_lm, rng, donor, tris if kind == "mesh_swap" else None)
            check_image(kind, out, a_img)
            # the change is concentrated on the face, not the background corners
            diff = np.abs(out.astype(int) - a_img.astype(int)).sum(2)
            if kind in DONOR_KINDS:
                assert diff[:10, :10].max() == 0, f"{kind}: background corner changed"
                assert diff[a_mask > 0].mean() > 1.0, f"{kind}: face barely changed"

    for k in range(20):
        d = degrade(a_img, rng, p=1.0)
        assert d.shape == a_img.shape and d.dtype == np.uint8
        j = geometric_jitter(a_img, rng)
        assert j.shape == a_img.shape and j.dtype == np.uint8
        x = to_input(d)
        assert x.shape == (C.INPUT_PX, C.INPUT_PX, 3) and x.dtype == np.uint8
    same = degrade(a_img, rng, p=0.0)
    assert same is a_img, "p=0 must leave the image alone"
    check_pairs(a_img, a_mask, a_lm, b_img)
    print("selfcheck: ok (delaunay, warp, %s, degrade, jitter, resize, same-frame and beauty pairs)" % ", ".join(KINDS))


def check_pairs(img, mask, lm, other) -> None:
    """The sampler pairs a swap crop with its twin's crop of the same frame, and a pair shares one
    augmentation draw."""
    files, frames, labels = ["clip.mp4", "clip.mp4", "clip.mp4", "other.mp4"], [0, 0, 5, 0], [0, 1, 1, 0]
    n = len(files)
    cs = CropSet(ids=[str(i) for i in range(n)], item_ids=["g", "s", "s", "o"], files=files,
                 frames=np.array(frames, np.int32), groups=["a", "a", "a", "b"], labels=np.array(labels, np.int8),
                 folds=np.zeros(n, np.int16), images=np.stack([img, other, other, img]), masks=np.stack([mask] * n),
                 landmarks=np.stack([lm] * n), yaw=np.zeros(n, np.float32))
    s = Sampler(cs, np.arange(n), 0)
    assert s.pairs.tolist() == [[1, 0]], f"pairs {s.pairs.tolist()}: only the swap of frame 0 has a twin"
    x, y = s.finish_pair(0, 0)
    assert np.array_equal(x, y), "a pair must share one augmentation draw"
    plain_half, beautified = s.finish_beauty_pair(0)
    assert plain_half.shape == beautified.shape and not np.array_equal(plain_half, beautified), \
        "a beauty pair differs by the filter"
    saved = C.PAIR_SHARE, C.BEAUTY_PAIR_SHARE
    try:
        C.PAIR_SHARE, C.BEAUTY_PAIR_SHARE = 0.5, 0.0
        xb, yb, pairs, beauty_pairs = s.batch(8)
        C.PAIR_SHARE, C.BEAUTY_PAIR_SHARE = 0.5, 0.25
        _, yc, pairs_c, beauty_c = s.batch(8)
        C.PAIR_SHARE, C.BEAUTY_PAIR_SHARE = 0.0, 0.0
        plain = s.batch(8)
    finally:
        C.PAIR_SHARE, C.BEAUTY_PAIR_SHARE = saved
    assert pairs.tolist() == [[4, 5], [6, 7]] and yb[4] == 1 and yb[5] == 0, f"pairs {pairs.tolist()}, labels {yb}"
    assert beauty_pairs.shape == (0, 2), "no beauty pairs at BEAUTY_PAIR_SHARE 0"
    assert pairs_c.tolist() == [[4, 5], [6, 7]] and beauty_c.tolist() == [[2, 3]], \
        f"layout: singles, beauty pairs, same-frame pairs; got {beauty_c.tolist()} and {pairs_c.tolist()}"
    assert yc[beauty_c[0, 0]] == 0 and yc[beauty_c[0, 1]] == 0, "both halves of a beauty pair are genuine"
    assert len(plain) == 2, "with no pairs a batch is (x, y)"

if __name__ == "__main__":
    main()
