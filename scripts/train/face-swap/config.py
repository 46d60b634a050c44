"""Every constant of the face-swap detector's training, in one place, with why.

The other modules import from here so that a change of input size, budget or augmentation
strength is one edit, and the model card can record the values that were used.
"""

import os

# --- where things are -------------------------------------------------------------------------
#: The crop cache written by the engine's face pipeline (`callsentinel dataset`).
CROPS_DIR = os.path.expanduser(os.environ.get("CALLSENTINEL_CROPS", "~/.cache/callsentinel/face-crops-v1"))
#: Fold models, out-of-fold scores and logs: outside the repository (they derive from research-only media).
OUT_DIR = os.path.expanduser("~/.cache/callsentinel/face-swap-train")
REPO_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
MODEL_PATH = os.path.join(REPO_DIR, "models", "face-swap.onnx")
CARD_PATH = os.path.join(REPO_DIR, "models", "face-swap.card.json")

# --- crop convention (must match engine/face/config.ts) ----------------------------------------
CROP_PX = 224  #: side of the engine's aligned crop
EYE_Y = 0.40  #: eye line, fraction of the side from the top
EYE_X = (0.32, 0.68)  #: eye centres, fractions of the side

# --- model input --------------------------------------------------------------------------------
#: The whole 224 crop is resized to this side. 128 is where a MobileNetV3-small-like net trains at
#: ~150 images/s on 2 cores (FIELD-NOTES); 224 would be 3.5-4x slower and blow the 60 min budget.
INPUT_PX = 128
#: Normalisation applied inside the exported model (the engine feeds RGB in [0,1]).
NORM_MEAN = 0.5
NORM_STD = 0.25
#: Width multiplier of the from-scratch backbone (1.0 ~ 1.0 M parameters).
WIDTH = 1.0
#: Which network: "scratch" (model.FaceSwapNet, random initialisation; the shipped v1 model) or
#: "faceres" (MobileNet v1 initialised from human's faceres face model and fine-tuned,
#: faceres_backbone.py). `train.py --backbone` overrides it. faceres, measured 2026-12-07 on
#: face-crops-v1: a fold-0 pilot with 32 k samples reached held-out item AUC 0.652 (scratch 0.550),
#: but it trains at ~37 images/s against ~100-150 for scratch, so under the 60 min budget each fold
#: model saw ~20 k samples and the pooled out-of-fold item AUC fell to 0.662 [0.56, 0.75]
#: (scratch 0.733 [0.66, 0.81]): not shipped. Retried 2026-12-07 with `--threads 2 --epochs 8`
#: (~50-65 images/s, 22-28 k samples per fold): pooled item AUC 0.752 [0.66, 0.83] at depth 11 and
#: 0.741 [0.64, 0.82] at depth 8; `callsentinel eval` video AUC 0.773 and 0.810 against 0.744 for
#: the scratch folds on the same cache. Not shipped either: both final models call the untouched
#: portrait clip of the app's alert fixture a swap (0.54 suspicious, 0.61 likely fake; scratch
#: 0.16), see models/README.md.
BACKBONE = "scratch"
#: faceres pairs kept (of 13): 11 ends at 512 channels, 1.6 M parameters, ~5 ms per crop in
#: onnxruntime-node on one thread; 8 keeps three of the 512-channel pairs, 0.8 M, ~3.7 ms.
#: `train.py --faceres-depth` overrides it.
FACERES_DEPTH = 11
#: Learning rate of the pretrained layers relative to the fresh head: large steps would wipe out
#: what faceres learnt before the head has settled.
PRETRAINED_LR_SCALE = 0.1

# --- data selection -----------------------------------------------------------------------------
#: At most this many crops per item are kept in RAM (long genuine clips would otherwise dominate).
MAX_CROPS_PER_ITEM = 80
#: Crops per item used when scoring a validation fold during training (keeps each epoch cheap).
VAL_CROPS_PER_ITEM = 12

# --- sampling -----------------------------------------------------------------------------------
#: Share of each batch that is a positive ("swapped") sample; the rest are genuine crops.
POSITIVE_SHARE = 0.5
#: Of the positives, the share drawn from real swap crops (when the split has any); the rest are
#: pseudo-fakes made from genuine crops. Real swaps come from few identities (DeepFaceLive models),
#: so leaning on them alone teaches identities, not artefacts.
REAL_SWAP_SHARE = 0.35
#: Of the genuine samples, the share drawn from the real swaps' genuine twins: the genuine half of a
#: side-by-side clip (or panel) whose other half is a swap of the training split — same streamer,
#: motion and codec. Why: real swap crops are 35 % of the positives, drawn from a few tools' demo
#: clips, so a tool's demo look (compression, lighting) alone would pass for swap evidence unless
#: the same look shows up as often among the genuine samples (0: genuine crops drawn uniformly,
#: where the twins are ~1 in 5). `callsentinel eval` checks it with its same-clip pairs.
#: `train.py --twin-share`. Tried 0.2 on the v1 recipe (2026-12-07, session 9; twins then ~36 % of
#: the genuine samples, as common as the real swaps among the positives), against a rerun of the
#: v1 recipe on the same cache: no measurable change — video AUC 0.685 [0.583, 0.774] vs 0.673
#: [0.572, 0.769], swapped half above its twin in 17 of 28 pairs for both, the twins against the
#: other genuine items AUC 0.650 for both. Off.
TWIN_GENUINE_SHARE = 0.0
#: Share of each batch given to same-frame pairs: a real swap crop and its genuine twin's crop of
#: the same frame (the two halves of a side-by-side clip), sent through one identical augmentation
#: and degradation, and trained with a ranking term as well (PAIR_RANK_WEIGHT x softplus(twin
#: logit - swap logit)). Why: within a pair only the swap differs — same camera, light, motion and
#: codec — so this term can only be lowered by swap evidence, not by a demo clip's look (the
#: same-clip pairs of `callsentinel eval` show v1 puts a swap above its own twin in 17 of 28 clips,
#: chance). `train.py --pair-share`; 0 turns it off. Model v2 (2026-12-07, session 10) is 0.25 with
#: weight 1; against the v1 recipe rerun on the same cache (`45f7e741`, fold models, `callsentinel
#: eval`): video AUC 0.729 [0.626, 0.828] (0.673), swap above its own twin in 18 of 28 clips (17),
#: the twins against the other genuine items AUC 0.569 (0.650: less of the demos' look taken for
#: evidence), strong-beauty false alarms 5.1 % -> 9.6 % (17.9 %); `--seed 2026` repeated it (0.706,
#: 19 of 28, twins 0.535, beauty 10.9 %). 0.5 with weight 2 did worse on
#: the three folds run before it was stopped (item AUC 0.70, 0.52, 0.64 against 0.78, 0.67, 0.80):
#: ~270 pair crops from ~20 clips per training split are soon learnt by heart.
PAIR_SHARE = 0.25
#: Weight of the ranking term against the batch's binary cross-entropy (`train.py --pair-weight`).
PAIR_RANK_WEIGHT = 1.0
#: Share of each batch given to beauty pairs: a genuine crop and its own beauty-filtered copy
#: (beautify.beauty_look, forced), through one identical draw of the rest of the chain, with a
#: hinge BEAUTY_PAIR_WEIGHT x relu(p(beautified) - p(plain)), the plain side held fixed.
#: Why: the face-pretrained start reads smooth, retouched genuine faces as swapped (strong beauty
#: raises its held-out false alarms to ~20 %), and drawing the look on both classes alike
#: (BEAUTY_P) did not teach it otherwise; within such a pair only the filter differs, so the term
#: asks exactly "the filter alone must not raise the score" and nothing else. Off by default
#: (`train.py --beauty-pair-share`). Tried 0.2 with weight 2 on the faceres start with pairs and
#: BEAUTY_P 0.25 (session 12): the eval's strong filter moved held-out false alarms 7.3 % -> 9.8 %
#: (without the pairs 4.9 % -> 20.1 %) and video AUC rose 0.770 -> 0.791, but the false alarms at
#: the 5 % thresholds were 7.3 % (models/README.md). On v2's recipe (0.2, weight 2): video AUC
#: 0.743 (v2 0.719), false alarms 4.9 % (4.9 %), strong filter -> 6.7 % (9.1 %), but the final
#: model scored the app's alert fixture swap likely_real (0.177), and so did a final fit with as
#: many passes per crop as the folds had (0.124, `--final-passes crops`); share 0.1 was worse on
#: the trainer's held-out check (item AUC 0.650). So it stays off.
BEAUTY_PAIR_SHARE = 0.0
#: Weight of that hinge against the batch's binary cross-entropy (`train.py --beauty-pair-weight`).
BEAUTY_PAIR_WEIGHT = 1.0
#: Pseudo-fake kinds and their probabilities (`train.py --pseudo-kinds` overrides the mix).
#: oval_paste (pseudo_fakes.py) is left out: tried 2026-12-07 as
#: `--pseudo-kinds self_blend=0.38,mesh_swap=0.35,colour_mismatch=0.12,oval_paste=0.15
#: --samples-per-epoch 8192 --beauty-p 0.3` (52.8 min) — held-out video AUC 0.620 [0.518, 0.717]
#: against v1's 0.744, and the issue's paste clip, though now far apart in raw logits (3.73 vs
#: -0.38), stays 0.07 apart after calibration: the Platt slope fitted on the real folds is
#: 0.08-0.13 per logit, so +0.3 needs ~10 logits. Not shipped (models/README.md). Tried again in
#: session 11 on the v2 recipe (same-frame pairs) with only that mix changed: the first two folds'
#: held-out item AUC fell to 0.49 and 0.46 (v2: 0.78, 0.67), so the run was stopped there.
PSEUDO_KINDS = {"self_blend": 0.45, "mesh_swap": 0.40, "colour_mismatch": 0.15}

# --- pseudo-fakes (see pseudo_fakes.py) ---------------------------------------------------------
SBI_SCALE = (0.96, 1.04)  #: scale of the source copy
SBI_SHIFT_PX = 4.0  #: max shift of the source copy, in 224-crop pixels
MASK_MORPH_PX = (-10, 6)  #: erode (<0) / dilate (>0) of the mesh mask before blurring
MASK_BLUR_SIGMA = (2.0, 9.0)  #: feathering of the blend mask
BLEND_MAX = (0.6, 1.0)  #: the blend mask is scaled to this peak opacity (SBI's random ratio)
#: Cheek-to-cheek width at which the swapped face is rendered before upscaling (inswapper renders a
#: 128 px aligned face, ~100 px cheek to cheek; DeepFaceLive models 224-320 px, i.e. no upscaling here).
SWAP_FACE_PX = (80, 150)
#: oval_paste: height (brows to chin) at which the donor face is rendered before upscaling; the
#: aligned crop shows a face ~130 px high, so 40-100 px is a 1.3-3x upscale.
OVAL_RENDER_FACE_PX = (40.0, 100.0)
#: oval_paste: width of the oval's fade as a share of its radius (0.02 ~ a hard edge).
OVAL_FEATHER = (0.02, 0.3)
#: oval_paste: share of pastes whose colours are matched to the target (the rest keep the donor's).
OVAL_COLOUR_MATCH_P = 0.8

# --- call-like degradation (applied to genuine and fake alike; see degrade.py) -------------------
DEGRADE_P = 0.75  #: probability that a sample is degraded at all
RESCALE = (0.35, 0.9)  #: down- then up-scale factor
JPEG_Q = (30, 80)
NOISE_SIGMA = (1.0, 6.0)  #: Gaussian noise, 8-bit levels
BLUR_SIGMA = (0.3, 1.1)

# --- beauty filter and greyscale (applied to genuine and fake alike; see beautify.py) ------------
#: Probability of a beauty-filter look (bilateral smoothing + brightening); `train.py --beauty-p`.
#: Off by default: at 0.25 (the faceres 8-pair recipe, 2026-12-07) it did not make the detector
#: any less sensitive to beautified genuine faces — `callsentinel eval`'s strong beauty filter
#: raised held-out false alarms 5.1 % -> 28.2 % with it, 4.5 % -> 27.6 % without (v1: 4.5 % ->
#: 21.2 %). On this from-scratch net at 0.3 (the oval-paste run above) the same filter moved them
#: only 5.1 % -> 9.0 %, and a final-model pilot's mean logit on the app's untouched alert portrait
#: (a retouched, smooth-skinned photo) fell from 3.84 without the look to 0.32 with it. The v1
#: recipe with only `--beauty-p 0.3` (fold models, 22 min) kept the trainer's pooled item AUC (0.728
#: [0.65, 0.80]) but not the eval's robustness: video AUC 0.707 [0.610, 0.793], strong filter
#: 6.4 % -> 18.6 %. Not shipped either; both runs are in models/README.md.
BEAUTY_P = 0.0
BEAUTY_SIGMA_COLOUR = (15.0, 50.0)  #: bilateral filter's colour sigma, 8-bit levels
BEAUTY_SIGMA_SPACE = (3.0, 8.0)  #: its spatial sigma, 224-crop pixels (the kernel is 9 px wide)
BEAUTY_LIFT = (0.0, 14.0)  #: brightening of the dark end, 8-bit levels (white stays white)
GREY_P = 0.04  #: probability of a greyscale sample (monochrome cameras, filters), when BEAUTY_P > 0

# --- optimisation -------------------------------------------------------------------------------
#: Intra-op threads of the training process. One, not two: on this shared 2-core machine, when
#: another job holds a core, two OpenMP threads collapse (measured 9-26 images/s against ~145 with
#: one thread at the same moment); the second core runs the DataLoader worker that makes the
#: pseudo-fakes instead. `train.py --threads 2` helps the slower faceres net when nothing else runs
#: (57 against 49 images/s, measured 2026-12-07).
THREADS = 1
BATCH = 64
LR = 2e-3
WEIGHT_DECAY = 0.02
EPOCHS = 12
#: Samples drawn per epoch (balanced sampling with replacement; not tied to the data size). At
#: 4096 the net ends its 12 epochs underfit (final-model pilot: training accuracy 0.73, in-sample
#: pseudo-fake AUC 0.72-0.85; 8192: 0.84 and 0.81-0.94) — yet the 8192 run above was no better on
#: the real held-out swaps. ~200 images/s here (2026-12-07) would leave room for 8192 in 60 min.
SAMPLES_PER_EPOCH = 4096
#: Stop when validation AUC has not improved for this many epochs.
PATIENCE = 4
SEED = 1234

# --- export -------------------------------------------------------------------------------------
OPSET = 13
#: fp16 weights are kept only if every parity output stays within this of fp32 (FIELD-NOTES: ~1e-2).
FP16_TOLERANCE = 1e-2

# --- time budget (see budget.py) ------------------------------------------------------------------
#: Default wall-clock budget of one train.py command (--all-folds --final), minutes.
BUDGET_MIN = 60.0
#: Time reserved per training for the validation set, held-out scoring, export and parity.
OVERHEAD_SEC = 45.0
#: Under a tight budget an epoch never shrinks below this many samples.
MIN_SAMPLES_PER_EPOCH = 1024
