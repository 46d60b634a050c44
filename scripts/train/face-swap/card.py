"""Writes models/face-swap.card.json: what the model expects, what it was trained on, how well it
did on held-out identity groups, and how to reproduce it.

Why a machine-readable card: the engine's face-swap signal reads the input convention (size,
resize, range) from here, the evaluation compares its numbers with these, and a reviewer can see
the exact command and data behind the committed weights.
"""

from collections import Counter

import config as C
from model import describe
from training_run import model_file_fields, software_fields, write_card_json


def _architecture(summary: dict, final: dict) -> dict:
    return {**describe(), "parameters": summary.get("params"), "onnxOpset": C.OPSET, "weights": final["parity"]["weights"]}


def write_card(summary: dict, cs, items: list, folds_json: dict | None, args, command: str) -> dict:
    by_item = {it["itemId"]: it for it in items}
    train_items = sorted(set(cs.item_ids))
    crops_per_item = Counter(cs.item_ids)

    def counts(label: int) -> dict:
        its = [i for i in train_items if by_item.get(i, {}).get("label") == label]
        methods = Counter((by_item[i].get("method") or by_item[i].get("category") or "?") for i in its)
        return {
            "items": len(its),
            "crops": int(sum(crops_per_item[i] for i in its)),
            "identityGroups": len({by_item[i]["identityGroup"] for i in its}),
            "byMethod": dict(sorted(methods.items())),
        }

    folds = summary.get("folds", [])
    final = summary["final"]
    card = {
        "name": "face-swap",
        **model_file_fields(args.model),
        "task": "probability that the face in an aligned crop is swapped (face replaced by another identity)",
        "input": {
            "name": "input",
            "dims": [1, C.INPUT_PX, C.INPUT_PX, 3],
            "layout": "NHWC",
            "dtype": "float32",
            "range": "RGB in [0, 1] (pixel / 255); " + describe()["inputScaling"],
            "valueRange": [0, 1],
            "resize": "area",
            "resizeNote": f"the whole {C.CROP_PX}x{C.CROP_PX} aligned crop shrunk to {C.INPUT_PX}x{C.INPUT_PX} by area averaging (OpenCV INTER_AREA); training also used bilinear/bicubic 30%/20% of the time",
            "dynamicBatch": True,
        },
        "output": {"name": "score", "dims": [1, 1], "meaning": "sigmoid probability of 'swapped' (uncalibrated)"},
        "cropConvention": {
            "source": "engine/face alignFace (DEFAULT_FACE_CONFIG)",
            "sidePx": C.CROP_PX,
            "eyeCentres": {"x": list(C.EYE_X), "y": C.EYE_Y},
            "eyesLevel": True,
        },
        "architecture": _architecture(summary, final),
        "trainingData": {
            "cropCache": "face-crops-v1 (callsentinel dataset; engine face pipeline crops of ../shared/data media)",
            "selection": f"every crop of the items with label 1 (swap) or 0 (genuine) in items.jsonl (as many as the cache keeps — `callsentinel dataset --max-per-item`; the trainer caps at {C.MAX_CROPS_PER_ITEM}, evenly spaced)",
            "swap": counts(1),
            "genuine": counts(0),
            "notUsed": "items without a swap/genuine label (talking_head, print, replay in this cache) are scored out-of-fold but never trained on",
        },
        "folds": {
            "k": summary.get("K"),
            "groupedBy": "identityGroup (folds.json of the crop cache)",
            "seed": (folds_json or {}).get("seed"),
            "scheme": "fold k held out; fold (k+1) mod K held back for early stopping; the rest trained on",
            "final": ("trained on all folds for the median best epoch of the fold runs"
                      + (", scaled by all crops / a fold model's training crops (--final-passes crops)" if args.final_passes == "crops" else "")),
        },
        "augmentations": {
            "positives": f"{int(C.POSITIVE_SHARE * 100)}% of each batch; of those {int(C.REAL_SWAP_SHARE * 100)}% real swap crops, the rest pseudo-fakes from genuine crops",
            "genuineTwinShare": C.TWIN_GENUINE_SHARE,
            "sameFramePairs": {"share": C.PAIR_SHARE, "rankWeight": C.PAIR_RANK_WEIGHT},
            "beautyPairs": {"share": C.BEAUTY_PAIR_SHARE, "hingeWeight": C.BEAUTY_PAIR_WEIGHT},
            "pseudoFakes": C.PSEUDO_KINDS,
            "selfBlend": {"scale": C.SBI_SCALE, "shiftPx": C.SBI_SHIFT_PX, "maskMorphPx": C.MASK_MORPH_PX,
                          "maskBlurSigma": C.MASK_BLUR_SIGMA, "blendMax": C.BLEND_MAX},
            "meshSwap": {"renderFacePx": C.SWAP_FACE_PX, "warp": "piecewise affine over a Delaunay triangulation of the 468 mesh points",
                         "colour": "LAB mean/std match inside the mask (90%)", "donor": "genuine crop of a different identity group of the same training split, yaw within 20 degrees"},
            "callDegradation": {"p": C.DEGRADE_P, "rescale": C.RESCALE, "jpegQuality": C.JPEG_Q,
                                "noiseSigma": C.NOISE_SIGMA, "blurSigma": C.BLUR_SIGMA,
                                "note": "same probability for genuine and fake samples"},
            "beautyFilter": {"p": C.BEAUTY_P, "bilateralSigmaColour": C.BEAUTY_SIGMA_COLOUR, "bilateralSigmaSpace": C.BEAUTY_SIGMA_SPACE,
                             "brightenLevels": C.BEAUTY_LIFT, "greyscaleP": C.GREY_P,
                             "note": "whole crop or face mask only (half each); same probability for genuine and fake samples (beautify.py); p 0 = off, greyscale too"},
            "geometric": "horizontal flip 50%; rotation +-4 deg, scale 0.95-1.05, shift +-4 px 50%",
        },
        "optimisation": {
            "optimizer": "AdamW", "lr": C.LR, "weightDecay": C.WEIGHT_DECAY, "schedule": "linear warm-up then cosine",
            "batch": C.BATCH, "seed": C.SEED, "samplesPerEpoch": summary.get("samplesPerEpoch"), "epochsMax": summary.get("epochsMax"),
            "patience": C.PATIENCE, "finalEpochs": final["epochs"],
            "foldBestEpochs": [f["bestEpoch"] for f in folds],
        },
        "metrics": {
            "measuredOn": "out-of-fold: each crop scored by the fold model that never saw its identity group; crops as the cache stores them (no degradation), area resize",
            "perFold": [
                {k: f.get(k) for k in ("fold", "crops", "swapCrops", "items", "swapItems", "cropAuc", "itemAuc", "pseudoFakeAuc", "bestEpoch")}
                for f in folds
            ],
            "pooled": summary.get("pooled"),
            "itemLevel": "mean of the item's crop scores",
            "note": "a sanity check; the official numbers come from `callsentinel eval`",
        },
        "parity": final["parity"] | {"runtime": "onnxruntime-node (engine runtime), graphOptimizationLevel all, 2 threads"},
        "throughput": summary.get("throughput"),
        "timing": {"crossValidationSeconds": summary.get("cvSeconds"), "finalSeconds": final.get("seconds"),
                   "machine": "2 cores, no GPU"},
        "command": command,
        "selfCheck": "/usr/bin/python3 scripts/train/face-swap/selfcheck.py (pseudo-fake generators on synthetic images; not part of npm test)",
        **software_fields(),
        "licence": {
            "weights": "Apache-2.0 (this project)" + ("; initialised from faceres weights (redistributed under MIT in @vladmandic/human; upstream terms unclear, see models/README.md)" if C.BACKBONE == "faceres" else ""),
            "trainingMedia": "../shared/data (see its MANIFEST.tsv): much of it under research-only dataset terms (VoxCeleb, HDTF, MEAD, NUAA, FGNet and others) or without a stated licence; this model is trained on that media. It is not redistributed, but the weights derive from it: check those terms before any commercial use.",
        },
    }
    write_card_json(args.model, card)
    return card
