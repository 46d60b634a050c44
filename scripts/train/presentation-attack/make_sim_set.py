"""The held-back simulated set for the video-level evaluation: short sequences of genuine video
crops, each shown three ways: as is (bona fide), as a screen replay and as a print, every frame
then through the call-quality degradation. Written in the crop-cache format (items.jsonl,
samples.jsonl, folds.json, crops/<itemId>/<n>.png) so `callsentinel eval --scorer
presentation-attack` reads it like the engine's own cache.

    /usr/bin/python3 scripts/train/presentation-attack/make_sim_set.py [--out DIR]

Why held back: each sequence keeps its source item's fold and identity group, and the evaluation
scores fold k's sequences with fold-<k>.onnx, trained without those identities; the sequences are
fresh random draws (own seed) that no training ever saw. One screen / one sheet per sequence
(simulate.simulate_sequence): banding rolls and glare drifts across its frames.
"""

import argparse
import hashlib
import json
import os
import shutil

import pad_config as P

import cv2
import numpy as np

from data import decode_samples, read_cache_meta
from degrade import degrade
from inputs import add_input_argument, as_input, use_input
from simulate import simulate_sequence

SEED = 20261206
#: Per-sequence degradation: one call (scale, JPEG quality) for the whole sequence, like a real call.
SEQ_DEGRADE_P = 1.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--crops", default=P.CROPS_DIR)
    ap.add_argument("--out", default=P.SIM_DIR)
    ap.add_argument("--frames", type=int, default=P.SEQ_FRAMES)
    add_input_argument(ap)
    args = ap.parse_args()
    use_input(args.input)
    items, samples, folds_json = read_cache_meta(args.crops)
    by_item: dict = {}
    for s in samples:
        by_item.setdefault(s["itemId"], []).append(s)
    sources = [it for it in items if it.get("label") == 0 and it.get("durationSec", 0) > 0
               and len(by_item.get(it["itemId"], [])) >= 4]
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(os.path.join(args.out, "crops"))
    rng = np.random.default_rng(SEED)
    out_items, out_samples = [], []
    for it in sources:
        rows = sorted(by_item[it["itemId"]], key=lambda s: (s["trackId"], s["frameIndex"]))[: args.frames]
        frames = list(decode_samples(as_input(rows, args.input), args.crops).images)
        bg_item = sources[int(rng.integers(len(sources)))]["itemId"]
        bg = decode_samples(as_input(by_item[bg_item][:1], args.input), args.crops).images[0]
        for kind in ("genuine", "replay", "print"):
            seq = frames if kind == "genuine" else simulate_sequence(kind, frames, rng, bg)
            call_seed = int(rng.integers(1 << 30))
            item_id = f"{it['itemId']}~{kind}"
            folder = os.path.join(args.out, "crops", item_id)
            os.makedirs(folder)
            for n, (img, src) in enumerate(zip(seq, rows)):
                # the same call for every frame: one degradation chain seeded per sequence
                img = degrade(img, np.random.default_rng(call_seed), p=SEQ_DEGRADE_P)
                crop = f"crops/{item_id}/{n}.png"
                mask = f"crops/{item_id}/{n}-mask.png"
                cv2.imwrite(os.path.join(args.out, crop), img[:, :, ::-1])
                shutil.copy(os.path.join(args.crops, src["mask"]), os.path.join(args.out, mask))
                # `crop` and `context` both name the written crop (of the --input kind), so the eval reads it either way
                out_samples.append(src | {"id": f"{item_id}/{n}", "itemId": item_id, "crop": crop, "mask": mask, "context": crop,
                                          "label": 0 if kind == "genuine" else None, "category": kind,
                                          "method": None if kind == "genuine" else f"simulated {kind}"})
            out_items.append(it | {"itemId": item_id, "label": 0 if kind == "genuine" else None, "category": kind,
                                   "method": None if kind == "genuine" else f"simulated {kind}", "samples": len(seq)})
    with open(os.path.join(args.out, "items.jsonl"), "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in out_items)
    with open(os.path.join(args.out, "samples.jsonl"), "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in out_samples)
    json.dump(folds_json, open(os.path.join(args.out, "folds.json"), "w"))
    src_sha = hashlib.sha256(open(os.path.join(args.crops, "samples.jsonl"), "rb").read()).hexdigest()
    json.dump({"seed": SEED, "input": args.input, "frames": args.frames, "sources": len(sources), "items": len(out_items),
               "crops": len(out_samples), "sourceSamplesSha256": src_sha,
               "command": "/usr/bin/python3 scripts/train/presentation-attack/make_sim_set.py" + (f" --input {args.input}" if args.input != "aligned" else "")},
              open(os.path.join(args.out, "sim-set.json"), "w"), indent=1)
    print(f"wrote {len(out_items)} sequences ({len(out_samples)} crops) from {len(sources)} genuine videos to {args.out}")


if __name__ == "__main__":
    main()
