"""Self-check of the attack simulator on synthetic crops (no data, no torch).

Why: the simulator runs hundreds of thousands of times inside training; a dtype, range or shape
slip there shows up only as a strange model half an hour later. Asserts what training and the
held-back sequences rely on. Not part of `npm test` (CI has no Python ML stack); run it after
touching simulate.py:

    /usr/bin/python3 scripts/train/presentation-attack/selfcheck.py
"""

import numpy as np

import pad_config as P  # also puts the face-swap trainer on sys.path
from beautify import to_grey
from simulate import ATTACKS, CROP, _halftone, _pixel_grid, simulate, simulate_sequence


def synthetic_crop(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:CROP, 0:CROP].astype(np.float32)
    img = np.stack([(xx / CROP) * 200 + 30, (yy / CROP) * 180 + 40, np.full_like(xx, 120.0)], -1)
    img += rng.normal(0, 8, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def main() -> None:
    rng = np.random.default_rng(0)
    img, bg = synthetic_crop(1), synthetic_crop(2)
    for kind in ATTACKS:
        for _ in range(20):
            out = simulate(kind, img, rng, bg)
            assert out.shape == (CROP, CROP, 3) and out.dtype == np.uint8, (kind, out.shape, out.dtype)
            assert np.abs(out.astype(int) - img.astype(int)).mean() > 1.0, f"{kind}: output equals input"
        seq = simulate_sequence(kind, [img] * P.SEQ_FRAMES, rng, bg)
        assert len(seq) == P.SEQ_FRAMES and all(f.shape == img.shape for f in seq)
    # a display grid keeps the mean light (normalised transmission) and has dark gaps
    grid = _pixel_grid(60, CROP * P.SUPERSAMPLE, 0.2, True)
    assert abs(float(grid.mean()) - 1.0) < 1e-2 and float(grid.min()) < 0.2
    # halftone of mid grey keeps roughly the grey level (ink coverage ~ 1 - value)
    ht = _halftone(np.full((CROP, CROP, 3), 0.5, np.float32), 3.0, 10.0)
    assert abs(float(ht.mean()) - 0.5) < 0.1, float(ht.mean())
    g = to_grey(img)
    assert (g[:, :, 0] == g[:, :, 1]).all() and (g[:, :, 1] == g[:, :, 2]).all()
    print("presentation-attack simulator self-check: ok")


if __name__ == "__main__":
    main()
