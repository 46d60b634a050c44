"""Contact sheet of pseudo-fakes, to look at before training on them.

Why: a generator that produces implausible fakes (misplaced faces, hard black edges, wrong
colours) teaches the detector a shortcut that no real swapper leaves. One row per genuine crop:
original, self-blend, mesh swap, colour mismatch, oval paste, then the original and the mesh swap
after the call-like degradation that training applies to both.

    /usr/bin/python3 scripts/train/face-swap/contact_sheet.py [--crops DIR] [--out /tmp/pseudo-fakes.png]
"""

import argparse

import cv2
import numpy as np

import config as C
from data import decode_samples, read_cache_meta, select_training_samples
from degrade import degrade
from sampler import Sampler


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--crops", default=C.CROPS_DIR)
    ap.add_argument("--out", default="/tmp/pseudo-fakes.png")
    ap.add_argument("--rows", type=int, default=8)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    _, samples, _ = read_cache_meta(args.crops)
    rows = select_training_samples(samples, per_item=4)
    cs = decode_samples(rows, args.crops)
    rng = np.random.default_rng(args.seed)
    genuine = np.flatnonzero(cs.labels == 0)
    # one crop per identity group, as many groups as rows
    seen, picks = set(), []
    for i in rng.permutation(genuine):
        if cs.groups[i] not in seen:
            seen.add(cs.groups[i])
            picks.append(int(i))
        if len(picks) == args.rows:
            break
    s = Sampler(cs, np.arange(len(cs.labels)), args.seed)
    tiles = []
    for i in picks:
        orig = cs.images[i]
        sbi, _ = s.pseudo_fake(i, "self_blend")
        swap, kind = s.pseudo_fake(i, "mesh_swap")
        col, _ = s.pseudo_fake(i, "colour_mismatch")
        oval, _ = s.pseudo_fake(i, "oval_paste")
        row = [orig, sbi, swap, col, oval, degrade(orig, s.rng, p=1.0), degrade(swap, s.rng, p=1.0)]
        tiles.append(np.hstack(row))
    sheet = np.vstack(tiles)[:, :, ::-1].copy()
    for k, name in enumerate(["genuine", "self_blend", "mesh_swap", "colour", "oval_paste", "genuine+call", "swap+call"]):
        cv2.putText(sheet, name, (k * C.CROP_PX + 4, 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 255, 255), 1, cv2.LINE_AA)
    cv2.imwrite(args.out, sheet)
    print(f"wrote {args.out} ({len(picks)} rows)")


if __name__ == "__main__":
    main()
