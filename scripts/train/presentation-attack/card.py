"""Writes models/presentation-attack.card.json: input convention, training data, folds, simulation,
held-out numbers and the exact command (machine-readable, like face-swap.card.json)."""

import pad_config as P
import config as C  # the face-swap trainer's: the beauty look's settings as train.py set them
from model import describe
from training_run import model_file_fields, software_fields, write_card_json


def _constants() -> dict:
    return {k: v for k, v in vars(P).items() if k.isupper() and isinstance(v, (int, float, tuple, dict)) and not k.endswith("_DIR")}


def write_card(summary: dict, items: list, folds_json, args, command: str) -> dict:
    final = summary["final"]
    ts = summary["trainingSet"]
    crop = summary.get("input", "aligned")  # the trainer's --input; runs before it saw the aligned crop
    card = {
        "name": "presentation-attack",
        **model_file_fields(args.model),
        "task": "probability that the face in the crop is a presentation attack (a recaptured screen or a printed photo) rather than a live face",
        "input": {
            "name": "input",
            "dims": [1, 128, 128, 3],
            "layout": "NHWC",
            "dtype": "float32",
            "range": "RGB in [0, 1] (pixel / 255); " + describe(P.BACKBONE)["inputScaling"],
            "valueRange": [0, 1],
            "resize": "area",
            # The engine's crop classifier reads `crop` to hand the model the crop it was trained on.
            "crop": crop,
            "resizeNote": ("the whole 224x224 aligned crop shrunk to 128x128 by area averaging (as face-swap)"
                           if crop == "aligned" else
                           "the whole 224x224 context crop (the aligned crop zoomed out 2x about its centre, "
                           "engine/face/alignment.ts contextCrop) shrunk to 128x128 by area averaging"),
            "dynamicBatch": True,
        },
        "output": {"name": "score", "dims": [1, 1], "meaning": "sigmoid probability of 'presentation attack' (uncalibrated)"},
        "architecture": {
            **describe(P.BACKBONE),
            "builtBy": "the face-swap trainer's model.build_net (scripts/train/face-swap/model.py)",
            "parameters": summary.get("params"),
            "onnxOpset": 13,
            "weights": final["parity"]["weights"],
        },
        "trainingData": {
            "cropCache": "face-crops-v1 (callsentinel dataset --categories genuine,swap,print,replay --max-per-item 16 --sample-fps 2)",
            "genuineCrops": ts["genuine"],
            "realAttackCrops": ts["realAttacks"],
            "items": ts["items"],
            "identityGroups": ts["identityGroups"],
            "simulated": "screen replays and prints simulated on the genuine crops of the training folds (scripts/train/presentation-attack/simulate.py)",
            "notUsed": "swap, talking-head and synthetic-image media",
        },
        "folds": {
            "k": summary.get("K"),
            "groupedBy": "identityGroup (folds.json of the crop cache)",
            "seed": (folds_json or {}).get("seed"),
            "scheme": "fold k held out (scored by fold-<k>.onnx, trained on the other folds); no early stopping (fixed schedule)",
            "final": "trained on all folds with the folds' schedule",
        },
        "simulation": {
            "positives": f"{int(P.POSITIVE_SHARE * 100)}% of each batch; of those {int(P.REAL_ATTACK_SHARE * 100)}% real attack crops of the training folds, the rest simulated {P.SIM_KINDS}",
            "constants": _constants(),
            "callDegradation": "face-swap trainer's degrade.py (rescale, blur, noise, JPEG; p = 0.75), genuine and attack alike; grey-scale p = %.2f both classes" % P.GREY_P,
            "beautyFilter": {"p": C.BEAUTY_P, "bilateralSigmaColour": C.BEAUTY_SIGMA_COLOUR, "bilateralSigmaSpace": C.BEAUTY_SIGMA_SPACE,
                             "brightenLevels": C.BEAUTY_LIFT, "afterDegradationShare": P.BEAUTY_AFTER_DEGRADE_P,
                             "note": "face-swap trainer's beautify.py, whole crop, genuine and attack alike, before the call degradation or (that share) after it; p 0 = off"},
        },
        "optimisation": {"optimizer": "AdamW", "lr": P.LR, "weightDecay": P.WEIGHT_DECAY, "schedule": "linear warm-up then cosine",
                          "batch": P.BATCH, "epochs": summary.get("epochs"), "finalSamplesPerEpoch": final["samplesPerEpoch"],
                          "finalHistory": final["history"]},
        "metrics": {
            "measuredOn": "out-of-fold frame level: every crop scored by the fold model that never saw its identity group; crops as cached (no degradation); bona fide = genuine crops",
            "perFold": [{k: f.get(k) for k in ("fold", "bonaFideFrames", "print", "replay")} for f in summary.get("folds", [])],
            "pooled": summary.get("pooled"),
            "note": "the official numbers (and the video-level numbers on the held-back simulated sequences) come from `callsentinel eval --scorer presentation-attack` (README)",
        },
        "parity": final["parity"] | {"runtime": "onnxruntime-node, graphOptimizationLevel all, 2 threads"},
        "timing": {"crossValidationSeconds": summary.get("cvSeconds"), "finalSeconds": final.get("seconds"),
                   "totalSeconds": summary.get("totalSeconds"), "machine": "2 shared cores, no GPU"},
        "command": command,
        **software_fields(),
        "licence": {
            "weights": "Apache-2.0 (this project)",
            "trainingMedia": "../shared/data (see its MANIFEST.tsv): genuine media largely under research-only dataset terms (VoxCeleb, HDTF, MEAD, FGNet and others) or without a stated licence; real attack crops from NUAA Imposter (research-only dataset licence), minivision Silent-Face-Anti-Spoofing samples (Apache-2.0 repository), kby-ai and Doubango SDK samples (no licence found) and vietmoney samples. The media is not redistributed, but the weights derive from it: check those terms before any commercial use.",
        },
    }
    write_card_json(args.model, card)
    return card
