"""Every constant of the presentation-attack detector's training, in one place, with why.

Named pad_config (not config) because this trainer imports the face-swap trainer's modules
(backbone, degradation, export, budget, metrics), which read their own `config` module: the
crop convention, model input size, normalisation and call-quality degradation are shared on
purpose (one input convention for both models in the engine).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
#: The face-swap trainer's folder: its modules are imported, not copied.
FACE_SWAP_DIR = os.path.join(HERE, "..", "face-swap")
if FACE_SWAP_DIR not in sys.path:
    sys.path.append(FACE_SWAP_DIR)

# --- where things are -------------------------------------------------------------------------
CROPS_DIR = os.path.expanduser(os.environ.get("CALLSENTINEL_CROPS", "~/.cache/callsentinel/face-crops-v1"))
#: Fold models, out-of-fold scores, logs: outside the repository (they derive from research-only media).
OUT_DIR = os.path.expanduser("~/.cache/callsentinel/presentation-attack-train")
#: The held-back simulated attack sequences (video level), in the crop-cache format, for `callsentinel eval`.
SIM_DIR = os.path.expanduser("~/.cache/callsentinel/presentation-attack-sim-v1")
REPO_DIR = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
MODEL_PATH = os.path.join(REPO_DIR, "models", "presentation-attack.onnx")

# --- data -----------------------------------------------------------------------------------------
#: Manifest categories of real presentation attacks in the crop cache (label null there).
ATTACK_CATEGORIES = ("print", "replay")
#: Crops per item kept in RAM for training (long genuine clips would otherwise dominate).
MAX_CROPS_PER_ITEM = 16

#: Which crop of the cache the model sees (`train.py --input`): "aligned", the face crop face-swap
#: sees too, or "context", that crop zoomed out 2x about its centre (engine/face/alignment.ts,
#: CONTEXT_CROP_ZOOM; samples.jsonl `context`), where the sheet's edge, the fingers holding it or a
#: phone's bezel show. Why: the real prints the aligned model misses are colour photos held up with
#: their edges and fingers just outside (or at the rim of) the aligned crop. Context since model
#: 51c3b9a7 (2026-12-07); model 5a28da04 and earlier saw the aligned crop.
#: Not done, measured (2026-12-07, session 9): both crops together. The two miss different prints,
#: so the shipped recipe was run once per input (`--all-folds --input aligned|context`, 11 min
#: each) and their out-of-fold logits combined: prints passing at BPCER 10 % aligned 4 / 23,
#: context 6 / 23, mean logit 5 / 23, max of bona-fide-standardised logits 4 / 23; replays 3, 2,
#: 2, 2 of 4. No gain over one crop, so no two-view model.
INPUT = "context"
INPUTS = ("aligned", "context")

# --- batches ----------------------------------------------------------------------------------------
#: Share of each batch that is an attack sample.
POSITIVE_SHARE = 0.5
#: Of the attacks, the share drawn from REAL attack crops of the training folds (there are ~30
#: crops in all, mostly stills: more would teach those few faces, not the medium).
#: `train.py --real-attack-share`. Tried 0.35 (2026-12-07, session 9, `--all-folds`, 8.1 min): pooled
#: out-of-fold prints passing at BPCER 10 % 7 of 23 (this recipe rerun: 6), replays 1 of 4 (2): the
#: few real attacks are memorised, not generalised; kept at 0.12.
REAL_ATTACK_SHARE = 0.12
#: Simulated attack kinds (the rest of the positives).
SIM_KINDS = {"replay": 0.5, "print": 0.5}
#: Grey-scale conversion, for genuine and attack samples alike (some real attack crops are
#: grey-scale; colour alone must not tell).
GREY_P = 0.08
#: Probability of a beauty-filter look (face-swap trainer's beautify.py: bilateral smoothing +
#: brightening, whole crop), live and attack samples alike; `train.py --beauty-p`. Why: beautified
#: live faces read as prints to the model trained without it (eval, strong filter: BPCER 10 % -> 35.7 %).
#: Aligned crop, 0.3, all before the degradation (2026-12-07, 20.9 min): eval 10 % -> 33.5 %, and
#: beautified-then-encoded data clips still rose about as much as without it (probe): not shipped. Context crop, 0.4, half
#: of them after the degradation (model 51c3b9a7): the eval's filter on cached crops 10 % -> 40.0 %,
#: but beautified-then-encoded clips hardly move (test/integration/data/presentation-attack-beauty.test.ts).
BEAUTY_P = 0.4
#: Share of those looks applied after the call-quality degradation instead of before it: a phone
#: beautifies before the call encodes, but `callsentinel eval` filters the cached (already encoded)
#: crop, and a look followed by degradation noise is not the same smooth image.
BEAUTY_AFTER_DEGRADE_P = 0.5
#: Its bilateral colour sigma: up to the eval's strong filter (cv2 sigma ~80-90 removes as much
#: texture as ffmpeg's bilateral=sigmaS=5:sigmaR=0.12).
BEAUTY_SIGMA_COLOUR = (30.0, 90.0)
#: Not done, measured: black padding is a possible shortcut (81 % of the real attack crops carry it,
#: from tight source crops such as NUAA's, against 31-42 % of genuine crops, and padded genuine
#: stills scored higher), so on 2026-12-07 a retrain blacked out the crop outside a random rectangle
#: around the face for both classes (p = 0.3; the code is in commit cbf4d8e). Pooled out-of-fold:
#: print AUC 0.908 (shipped 0.884), APCER at BPCER 10 % 8 of 23 prints (shipped 7), replay 1 of 4 —
#: no real gain, so it was removed. Log: ~/.cache/callsentinel/presentation-attack-train-blackborder-v2/.

# --- screen replay (simulate.py) ---------------------------------------------------------------------
SUPERSAMPLE = 2  #: the screen is rendered at 2x the crop's resolution, then sampled by the "camera"
SCREEN_PITCH_PX = (1.3, 4.0)  #: one screen pixel, in crop pixels (phone close up .. laptop far)
SCREEN_ANGLE_DEG = (-10.0, 10.0)  #: rotation of the pixel grid against the camera's
SCREEN_GAP = (0.08, 0.35)  #: dark share of each screen pixel (the black matrix)
SCREEN_GRID_P = 0.85  #: probability that the pixel grid is rendered at all (else only the rest)
#: How much of the gridded (moire) image shows against the smooth one: webcams at a distance and
#: focus breathing often leave only a faint pattern, and real recaptures are subtle.
SCREEN_GRID_MIX = (0.15, 1.0)
SCREEN_LENS = (0.0, 2.0)  #: blur of the screen image before the camera samples it, screen pixels
SCREEN_GAMMA = (0.7, 1.4)
SCREEN_TEMP = (-1.0, 1.0)  #: colour temperature shift, -1 warm .. +1 blue
SCREEN_TEMP_GAIN = 0.12
SCREEN_BLACK = (6.0, 45.0)  #: black level of the re-filmed screen, 8-bit
SCREEN_WHITE = (190.0, 250.0)  #: its white level
GLARE_P = 0.45
GLARE_AMP = (25.0, 120.0)
BANDING_P = 0.45
BANDING_AMP = (0.02, 0.08)
BANDING_PERIOD_PX = (10.0, 70.0)
BLUR_SIGMA = (0.2, 1.3)
BEZEL_P = 0.35  #: the screen's edge (bezel) shows inside the crop (aligned input)

# --- print (simulate.py) ------------------------------------------------------------------------------
#: Tried 0.4 on 2026-12-07 (more photo-paper-like prints, for the colour photo prints the model misses):
#: pooled out-of-fold print AUC 0.889, APCER at BPCER 10 % 7 of 23 — the same as 0.8; kept at 0.8.
HALFTONE_P = 0.8
HALFTONE_PERIOD_PX = (1.6, 4.5)  #: dot period in crop pixels
HALFTONE_MIX = (0.12, 0.85)  #: how much of the halftoned image shows (ink spread, focus)
PRINT_CONTRAST = (0.5, 0.9)
PRINT_INK_BLACK = (20.0, 60.0)  #: the darkest ink as the camera sees it, 8-bit
PRINT_PAPER_WHITE = (185.0, 245.0)
PRINT_SATURATION = (0.55, 1.0)
PAPER_TEXTURE = (0.015, 0.06)  #: multiplicative paper grain, std
CAST_GAIN = (0.0, 0.12)  #: warm / yellow colour cast
CURL_P = 0.6
CURL_SHADE = (0.1, 0.45)  #: darkening towards a curled edge
CURL_WARP_PX = (0.0, 6.0)  #: bending of the sheet
PAPER_EDGE_P = 0.3  #: (aligned input)

# --- the sheet's / screen's edge, per input (simulate.py _edge_rect) ----------------------------------
#: sides: how many crop sides the edge cuts; margin_px: how far inside the crop; edge_p / bezel_p
#: replace PAPER_EDGE_P / BEZEL_P; fingers_p: one or two fingers holding the sheet or phone at an edge.
#: In the context crop the face fills the central half, so an edge is there in most attacks.
EDGE_GEOMETRY = {
    "aligned": {"sides": (1, 2), "margin_px": (6, 40), "edge_p": PAPER_EDGE_P, "bezel_p": BEZEL_P, "fingers_p": 0.0},
    "context": {"sides": (1, 4), "margin_px": (0, 58), "edge_p": 0.75, "bezel_p": 0.75, "fingers_p": 0.45},
}
FINGER_WIDTH_PX = (9.0, 17.0)  #: in context-crop pixels (a face there is ~110 px wide)
FINGER_LENGTH_PX = (22.0, 50.0)

# --- sequences (video level) -------------------------------------------------------------------------
SEQ_FRAMES = 8  #: frames per simulated sequence (the cache samples at 2 frames/s)

# --- model / optimisation -------------------------------------------------------------------------------
#: The face-swap trainer's networks (model.build_net): "faceres" (MobileNet v1 initialised from
#: human's faceres face model) or "scratch" (the MobileNetV3-small-like net of model v1).
BACKBONE = "scratch"
THREADS = 1  #: as the face-swap trainer: the second core makes the batches (DataLoader worker)
BATCH = 64
LR = 2e-3
WEIGHT_DECAY = 0.02
#: Epochs per training; samples per epoch shrink to the wall-clock budget (face-swap's Budget).
EPOCHS = 6
SAMPLES_PER_EPOCH = 3072
SEED = 4321
#: Whole command (5 fold models + final), minutes: the brief caps training at 30 min on 2 cores.
BUDGET_MIN = 28.0
