"""Contact sheet of simulated attacks, to look at before training on them.

One row per genuine crop: original, two screen replays, two prints, then the original and a
replay after the call-quality degradation that training applies to both classes.

    /usr/bin/python3 scripts/train/presentation-attack/contact_sheet.py [--out /tmp/pad-sheet.png]
"""

import argparse

import cv2
import numpy as np

import pad_config as P
from data import decode_samples, read_cache_meta  # face-swap trainer's modules
from degrade import degrade
from inputs import add_input_argument, as_input, use_input
from simulate import print_attack, print_params, screen_params, screen_replay


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--crops", default=P.CROPS_DIR)
    ap.add_argument("--out", default="/tmp/pad-sheet.png")
    ap.add_argument("--rows", type=int, default=6)
    ap.add_argument("--seed", type=int, default=7)
    add_input_argument(ap)
    args = ap.parse_args()
    use_input(args.input)
    _, samples, _ = read_cache_meta(args.crops)
    rng = np.random.default_rng(args.seed)
    genuine = [s for s in samples if s.get("label") == 0]
    picks = [genuine[int(i)] for i in rng.choice(len(genuine), size=args.rows + 1, replace=False)]
    cs = decode_samples(as_input(picks, args.input), args.crops)
    bg = cs.images[-1]
    tiles = []
    for img in cs.images[:-1]:
        r1 = screen_replay(img, screen_params(rng), rng, 0, bg)
        r2 = screen_replay(img, screen_params(rng), rng, 0, bg)
        p1 = print_attack(img, print_params(rng), rng, 0, bg)
        p2 = print_attack(img, print_params(rng), rng, 0, bg)
        tiles.append(np.hstack([img, r1, r2, p1, p2, degrade(img, rng, p=1.0), degrade(r1, rng, p=1.0)]))
    sheet = np.vstack(tiles)[:, :, ::-1].copy()
    for k, name in enumerate(["genuine", "replay", "replay", "print", "print", "genuine+call", "replay+call"]):
        cv2.putText(sheet, name, (k * 224 + 4, 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 255, 255), 1, cv2.LINE_AA)
    cv2.imwrite(args.out, sheet)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
