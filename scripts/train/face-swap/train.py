"""Train the face-swap artefact detector with grouped cross-validation, and export it to ONNX.

    /usr/bin/python3 scripts/train/face-swap/train.py --all-folds --final

--fold k       train on every fold except k (one more fold, k+1 mod K, is held back for early
               stopping), score every crop of fold k, write fold-<k>.onnx and oof-fold-<k>.jsonl
--all-folds    --fold k for every k, then oof-scores.jsonl ({id, itemId, fold, score}) and
               summary.json with per-fold and pooled held-out AUCs (crop and item level)
--final        train on every fold for the median best epoch count of the fold runs (--final-passes
               crops: scaled so each crop gets as many passes as in a fold model), export
               models/face-swap.onnx (fp16 weights if parity allows) and models/face-swap.card.json
--bench        measure sampler and training throughput and stop

Why this shape: with a few dozen identity groups a single split is a coin flip, so every number
reported is out-of-fold by identity group (folds come from the crop cache's folds.json, made by
the dataset builder). Early stopping uses a fold that is neither trained on nor reported, so the
held-out numbers are not tuned on. Everything heavy (fold models, scores, decoded crops) goes to
--out, outside the repository: it derives from research-only media.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # no spinning OpenMP threads on a shared machine

import argparse
import functools
import json
import sys
import time

import numpy as np
import torch

import config as C
from budget import Budget
from data import CropSet, decode_samples, load_training_set, read_cache_meta
from export import export_checked, export_onnx
from metrics import auc, grouped_bootstrap_ci, item_scores
from model import build_net, count_parameters, make_optimizer
from pseudo_fakes import KINDS
from sampler import Sampler, to_input, validation_set
from training_run import (BatchStream, begin_run, final_epoch_count, fold_epoch_cap, log, make_loader, pool_fold_scores, predict,
                          share, train_epoch, warmup_cosine, write_fold_scores)

item_category: dict = {}  # itemId -> manifest category (for the per-category summary)


def batch_stream(cs: CropSet, index: np.ndarray, seed: int) -> BatchStream:
    """Balanced batches of genuine crops, real swaps and pseudo-fakes from the crops in `index`."""
    return BatchStream(functools.partial(Sampler, cs, index), seed, C.BATCH)


# --- one training run -----------------------------------------------------------------------------

def train_model(cs: CropSet, train_idx, val_idx, epochs: int, seed: int, args, budget: Budget,
                spe_cap: int | None = None) -> tuple:
    """Train on train_idx; when val_idx is given, keep the epoch with the best validation AUC and
    stop after PATIENCE epochs without improvement. Epoch size and deadline come from the budget.
    Returns (net, history, best_epoch, samples_per_epoch)."""
    torch.manual_seed(seed)
    net = build_net()
    opt = make_optimizer(net, C.LR, C.WEIGHT_DECAY)
    val = None
    if val_idx is not None and len(val_idx):
        t0 = time.time()
        val = validation_set(cs, val_idx, seed + 1)
        log(f"  validation set: {len(val[1])} samples ({int(val[2].sum())} real crops, "
            f"{int((~val[2]).sum())} pseudo-fakes) in {time.time() - t0:.0f}s")
    spe, deadline = budget.plan(len(val[1]) if val is not None else 0, epochs, spe_cap)
    log(f"  plan: {epochs} epochs x {spe} samples (budget left {budget.remaining_min():.1f} min)")
    steps_per_epoch = max(1, spe // C.BATCH)
    sched = warmup_cosine(opt, epochs * steps_per_epoch, max_warmup=100)
    loader = make_loader(batch_stream(cs, np.asarray(train_idx), seed), args.workers)
    it = iter(loader)
    history, best, best_epoch, best_state, stale = [], -1.0, epochs, None, 0
    for epoch in range(1, epochs + 1):
        rec = {"epoch": epoch, **train_epoch(net, opt, sched, it, steps_per_epoch, C.PAIR_RANK_WEIGHT, C.BEAUTY_PAIR_WEIGHT)}
        budget.observe(train_rate=rec["imagesPerSec"])
        if val is not None:
            t1 = time.time()
            p = predict(net, val[0])
            budget.observe(infer_rate=len(p) / max(1e-3, time.time() - t1))
            real = val[2]
            rec["valAuc"] = _r(auc(p, val[1]))
            rec["valAucReal"] = _r(auc(p[real], val[1][real]))  # None when the fold has no real swaps
            rec["valAucPseudo"] = _r(auc(p[(val[1] == 0) | ~real], val[1][(val[1] == 0) | ~real]))
            if (rec["valAuc"] if rec["valAuc"] is not None else -1.0) > best + 1e-4:
                best, best_epoch, stale = rec["valAuc"], epoch, 0
                best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
            else:
                stale += 1
        history.append(rec)
        log(f"  epoch {epoch}/{epochs} " + " ".join(f"{k}={v}" for k, v in rec.items() if k != "epoch"))
        if val is not None and stale >= C.PATIENCE:
            log(f"  early stop: no validation gain for {C.PATIENCE} epochs")
            break
        if time.time() > deadline and epoch < epochs:
            log(f"  time budget of this training spent after epoch {epoch}: stopping")
            break
    del it, loader
    if best_state is not None:
        net.load_state_dict(best_state)
    return net.eval(), history, (best_epoch if val is not None else len(history)), spe


# --- scoring --------------------------------------------------------------------------------------

def score_rows(net: torch.nn.Module, rows: list, crops_dir: str, chunk: int = 512) -> np.ndarray:
    """Scores of the crops in `rows` (decoded in chunks; deterministic area resize, no augmentation)."""
    out = []
    for i in range(0, len(rows), chunk):
        cs = decode_samples(rows[i : i + chunk], crops_dir)
        x = np.stack([to_input(im) for im in cs.images]) if len(cs.images) else np.zeros((0, C.INPUT_PX, C.INPUT_PX, 3), np.uint8)
        out.append(predict(net, x))
    return np.concatenate(out) if out else np.zeros(0, np.float32)


def pseudo_auc(net: torch.nn.Module, cs: CropSet, idx: np.ndarray, seed: int) -> float:
    """Diagnostic: genuine crops of a held-out fold vs pseudo-fakes made from them (donors from the same fold)."""
    idx = idx[cs.labels[idx] == 0]
    if len(idx) == 0:
        return float("nan")
    rng = np.random.default_rng(seed)
    idx = rng.choice(idx, size=min(600, len(idx)), replace=False)
    s = Sampler(cs, idx, seed)
    xs, ys = [], []
    for i in idx:
        xs.append(to_input(cs.images[i]))
        ys.append(0)
        img, _ = s.pseudo_fake(int(i))
        xs.append(to_input(img))
        ys.append(1)
    return auc(predict(net, np.stack(xs)), np.array(ys))


def fold_metrics(rows: list, scores: np.ndarray, item_label: dict) -> dict:
    labels = np.array([-1 if r.get("label") is None else r["label"] for r in rows])
    keep = labels >= 0
    items, iscore, ilabel = item_scores([r["itemId"] for r in rows], scores, [item_label.get(r["itemId"]) for r in rows])
    ilab = np.array([-1 if v is None else v for v in ilabel])
    return {
        "crops": int(keep.sum()),
        "swapCrops": int((labels == 1).sum()),
        "items": int((ilab >= 0).sum()),
        "swapItems": int((ilab == 1).sum()),
        "cropAuc": _r(auc(scores[keep], labels[keep])),
        "itemAuc": _r(auc(iscore[ilab >= 0], ilab[ilab >= 0])),
    }


def _r(v: float):
    """Rounded for JSON; None for NaN (a fold without one of the classes)."""
    return None if v != v else round(float(v), 4)


# --- runs -----------------------------------------------------------------------------------------

def run_fold(k: int, K: int, cs: CropSet, samples: list, item_label: dict, args, budget: Budget) -> dict:
    t0 = time.time()
    val_fold = (k + 1) % K
    train_idx = np.flatnonzero((cs.folds != k) & (cs.folds != val_fold))
    val_idx = np.flatnonzero(cs.folds == val_fold)
    log(f"fold {k}: train {len(train_idx)} crops ({int((cs.labels[train_idx] == 1).sum())} swap), "
        f"validation fold {val_fold} ({len(val_idx)} crops), held-out fold {k}")
    net, history, best_epoch, spe = train_model(cs, train_idx, val_idx, args.epochs, C.SEED + k, args, budget)
    rows = [s for s in samples if int(s["fold"]) == k]
    scores = score_rows(net, rows, args.crops)
    write_fold_scores(args.out, k, rows, scores)
    export_onnx(net, os.path.join(args.out, f"fold-{k}.onnx"))
    m = fold_metrics(rows, scores, item_label)
    m.update({
        "fold": k,
        "validationFold": val_fold,
        "trainCrops": int(len(train_idx)),
        "trainSwapCrops": int((cs.labels[train_idx] == 1).sum()),
        "pseudoFakeAuc": _r(pseudo_auc(net, cs, np.flatnonzero(cs.folds == k), C.SEED + 100 + k)),
        "bestEpoch": best_epoch,
        "epochsRun": len(history),
        "samplesPerEpoch": spe,
        "history": history,
        "seconds": round(time.time() - t0, 1),
    })
    log(f"fold {k}: held-out crop AUC {m['cropAuc']} ({m['crops']} crops, {m['swapCrops']} swap), item AUC "
        f"{m['itemAuc']} ({m['items']} items, {m['swapItems']} swap), pseudo-fake AUC {m['pseudoFakeAuc']}, "
        f"best epoch {best_epoch}, {m['seconds']:.0f}s")
    return m


def pooled(samples: list, item_label: dict, out: str, K: int) -> dict:
    """Pool the per-fold OOF files into oof-scores.jsonl and compute pooled metrics with CIs."""
    by_id = {s["id"]: s for s in samples}
    records = pool_fold_scores(out, K)
    rows = [by_id[r["id"]] for r in records]
    scores = np.array([r["score"] for r in records])
    labels = np.array([-1 if r.get("label") is None else r["label"] for r in rows])
    keep = labels >= 0
    groups = np.array([r["identityGroup"] for r in rows], dtype=object)
    res = fold_metrics(rows, scores, item_label)
    lo, hi = grouped_bootstrap_ci(scores[keep], labels[keep], groups[keep])
    res["cropAucCi95"] = [_r(lo), _r(hi)]
    items, iscore, ilabel = item_scores([r["itemId"] for r in rows], scores, [item_label.get(r["itemId"]) for r in rows])
    igroup = {r["itemId"]: r["identityGroup"] for r in rows}
    ilab = np.array([-1 if v is None else v for v in ilabel])
    ik = ilab >= 0
    lo, hi = grouped_bootstrap_ci(iscore[ik], ilab[ik], np.array([igroup[i] for i in items], dtype=object)[ik])
    res["itemAucCi95"] = [_r(lo), _r(hi)]
    # per category of unlabelled media: mean item score (talking heads, prints, ... are not trained on)
    cats: dict = {}
    for it, s in zip(items, iscore):
        cats.setdefault(item_category.get(it, "?"), []).append(float(s))
    res["meanItemScoreByCategory"] = {c: {"items": len(v), "meanScore": round(float(np.mean(v)), 4)} for c, v in sorted(cats.items())}
    return res


def parity_inputs(samples: list, crops_dir: str, n: int = 8) -> np.ndarray:
    """n real crops (both labels, different items) as float [0, 1] model inputs."""
    seen, rows = set(), []
    for want in (1, 0):
        for s in samples:
            if s.get("label") == want and s["itemId"] not in seen and len(rows) < (n // 2 if want == 1 else n):
                seen.add(s["itemId"])
                rows.append(s)
    cs = decode_samples(rows[:n], crops_dir)
    return np.stack([to_input(im) for im in cs.images]).astype(np.float32) / 255.0


def measure_throughput(cs: CropSet, args) -> dict:
    """images/s of the sampler alone and of a full training step fed by the worker."""
    idx = np.arange(len(cs.labels))
    s = Sampler(cs, idx, 0)
    s.batch(16)
    t0 = time.time()
    s.batch(64)
    sampler_rate = 64 / (time.time() - t0)
    net = build_net()
    opt = make_optimizer(net, C.LR, C.WEIGHT_DECAY)  # the training's own optimiser, so the step costs the same
    sched = warmup_cosine(opt, 8, max_warmup=0)
    it = iter(make_loader(batch_stream(cs, idx, 0), args.workers))
    train_epoch(net, opt, sched, it, 3)  # warm-up: the worker starts, the first steps allocate
    train_rate = train_epoch(net, opt, sched, it, 5)["imagesPerSec"]
    del it
    x = np.zeros((256, C.INPUT_PX, C.INPUT_PX, 3), np.uint8)
    predict(net, x[:32])
    t0 = time.time()
    predict(net, x)
    return {"samplerImagesPerSec": round(sampler_rate, 1), "trainImagesPerSec": round(train_rate, 1),
            "inferImagesPerSec": round(256 / (time.time() - t0), 1), "workers": args.workers}


def parse_pseudo_kinds(text: str) -> dict:
    """'kind=p,kind=p' -> {kind: p}: known kinds only, probabilities >= 0 with a positive sum."""
    mix = {}
    for part in text.split(","):
        name, _, p = part.partition("=")
        if name.strip() not in KINDS:
            raise argparse.ArgumentTypeError(f"unknown pseudo-fake kind {name.strip()!r} (known: {', '.join(KINDS)})")
        try:
            mix[name.strip()] = float(p)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{part!r}: give kind=probability") from None
    if any(v < 0 for v in mix.values()) or sum(mix.values()) <= 0:
        raise argparse.ArgumentTypeError("probabilities must be >= 0 with a positive sum")
    return mix


def main() -> None:
    ap = argparse.ArgumentParser(description="Train the face-swap detector (grouped CV + final export).")
    ap.add_argument("--fold", type=int)
    ap.add_argument("--all-folds", action="store_true")
    ap.add_argument("--final", action="store_true")
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--crops", default=C.CROPS_DIR)
    ap.add_argument("--out", default=C.OUT_DIR)
    ap.add_argument("--epochs", type=int, default=C.EPOCHS)
    ap.add_argument("--samples-per-epoch", type=int, default=C.SAMPLES_PER_EPOCH)
    ap.add_argument("--workers", type=int, default=1, help="DataLoader workers generating batches (0 = in process)")
    ap.add_argument("--budget-min", type=float, default=C.BUDGET_MIN,
                    help="wall-clock budget of the whole command; epochs shrink to fit (0 = no limit)")
    ap.add_argument("--backbone", choices=["faceres", "scratch"], default=C.BACKBONE,
                    help="faceres: MobileNet v1 from human's faceres weights, fine-tuned; scratch: the v1 net")
    ap.add_argument("--model", default=C.MODEL_PATH, help="where --final writes the ONNX (card next to it)")
    ap.add_argument("--threads", type=int, default=C.THREADS,
                    help="intra-op threads of the training process (see config.THREADS before raising it)")
    ap.add_argument("--faceres-depth", type=int, default=C.FACERES_DEPTH,
                    help="depthwise/pointwise pairs of faceres kept (1-13; fewer = faster, see config.FACERES_DEPTH)")
    ap.add_argument("--beauty-p", type=share, default=C.BEAUTY_P,
                    help="probability of the beauty-filter look on each sample, genuine and fake alike (beautify.py; default off, see config.BEAUTY_P)")
    ap.add_argument("--pseudo-kinds", type=parse_pseudo_kinds, default=C.PSEUDO_KINDS,
                    help="pseudo-fake mix, e.g. self_blend=0.38,mesh_swap=0.35,colour_mismatch=0.12,oval_paste=0.15 "
                         "(default config.PSEUDO_KINDS)")
    ap.add_argument("--twin-share", type=share, default=C.TWIN_GENUINE_SHARE,
                    help="share of the genuine samples drawn from the real swaps' genuine twins (other half of the same clip; config.TWIN_GENUINE_SHARE)")
    ap.add_argument("--pair-share", type=share, default=C.PAIR_SHARE,
                    help="share of each batch given to same-frame (swap, genuine twin) pairs with a ranking term (config.PAIR_SHARE)")
    ap.add_argument("--pair-weight", type=float, default=C.PAIR_RANK_WEIGHT,
                    help="weight of that ranking term against the cross-entropy (config.PAIR_RANK_WEIGHT)")
    ap.add_argument("--beauty-pair-share", type=share, default=C.BEAUTY_PAIR_SHARE,
                    help="share of each batch given to (genuine crop, its beautified copy) pairs with a hinge: the filter must not raise the score (config.BEAUTY_PAIR_SHARE)")
    ap.add_argument("--beauty-pair-weight", type=float, default=C.BEAUTY_PAIR_WEIGHT,
                    help="weight of that hinge against the cross-entropy (config.BEAUTY_PAIR_WEIGHT)")
    ap.add_argument("--final-passes", choices=["epochs", "crops"], default="epochs",
                    help="--final's length: the folds' median best epoch (epochs), or that scaled by all crops / a fold's "
                         "training crops, so each crop is seen as often as in a fold model (crops)")
    ap.add_argument("--seed", type=int, default=C.SEED,
                    help="base random seed of weights and sampling (config.SEED); another seed repeats a recipe to see its run-to-run spread")
    args = ap.parse_args()
    if args.pair_weight < 0 or args.beauty_pair_weight < 0:
        ap.error("--pair-weight and --beauty-pair-weight must be >= 0")
    if args.pair_share + args.beauty_pair_share > 1:
        ap.error("--pair-share and --beauty-pair-share together must not exceed 1 (the rest of a batch is single samples)")
    if args.fold is None and not (args.all_folds or args.final or args.bench):
        ap.error("give --fold K, --all-folds, --final or --bench")
    C.BACKBONE, C.FACERES_DEPTH = args.backbone, args.faceres_depth  # one place the other modules read them from
    C.THREADS = args.threads  # data.decode_samples reads it too
    C.BEAUTY_P = args.beauty_p  # beautify.beautify reads it
    C.PSEUDO_KINDS = args.pseudo_kinds  # the sampler and the card read it
    C.TWIN_GENUINE_SHARE = args.twin_share  # the sampler and the card read it
    C.PAIR_SHARE, C.PAIR_RANK_WEIGHT = args.pair_share, args.pair_weight  # the sampler, the loss and the card read them
    C.BEAUTY_PAIR_SHARE, C.BEAUTY_PAIR_WEIGHT = args.beauty_pair_share, args.beauty_pair_weight  # the sampler, the loss and the card
    C.SEED = args.seed  # the fold runs, the final run and the card read it
    started = begin_run(args.out, C.THREADS)

    items, samples, folds_json = read_cache_meta(args.crops)
    item_label = {it["itemId"]: it.get("label") for it in items}
    item_category.update({it["itemId"]: it.get("category") for it in items})
    t0 = time.time()
    cs = load_training_set(args.crops, args.out)
    K = int(folds_json["k"]) if folds_json else int(cs.folds.max()) + 1
    log(f"crop cache {args.crops}: {len(items)} items, {len(samples)} crops; training set {len(cs.labels)} crops "
        f"({int((cs.labels == 1).sum())} swap, {int((cs.labels == 0).sum())} genuine) from "
        f"{len(set(cs.item_ids))} items, {len(set(cs.groups))} identity groups, K={K}; loaded in {time.time() - t0:.0f}s")
    tp = measure_throughput(cs, args)
    log(f"throughput: {tp}")
    if args.bench:
        return
    folds = list(range(K)) if args.all_folds else ([args.fold] if args.fold is not None else [])
    budget = Budget(args.budget_min - (time.time() - started) / 60, len(folds) + int(args.final),
                    args.samples_per_epoch, args.epochs)
    budget.observe(tp["trainImagesPerSec"], tp["inferImagesPerSec"])

    summary_path = os.path.join(args.out, "summary.json")
    summary = json.load(open(summary_path)) if os.path.exists(summary_path) else {}
    summary.update({"K": K, "throughput": tp, "backbone": C.BACKBONE, "params": count_parameters(build_net()), "epochsMax": args.epochs,
                    "samplesPerEpoch": args.samples_per_epoch})
    per_fold = {int(f["fold"]): f for f in summary.get("folds", [])}
    for k in folds:
        per_fold[k] = run_fold(k, K, cs, samples, item_label, args, budget)
        summary["folds"] = [per_fold[i] for i in sorted(per_fold)]
        json.dump(summary, open(summary_path, "w"), indent=1)
    if args.all_folds:
        summary["pooled"] = pooled(samples, item_label, args.out, K)
        summary["cvSeconds"] = round(time.time() - started, 1)
        json.dump(summary, open(summary_path, "w"), indent=1)
        p = summary["pooled"]
        log(f"pooled out-of-fold: crop AUC {p['cropAuc']} {p['cropAucCi95']}, item AUC {p['itemAuc']} {p['itemAucCi95']}")

    if args.final:
        import card  # only the final run writes the card

        best = sorted(f["bestEpoch"] for f in summary.get("folds", []))
        epochs = final_epoch_count(summary.get("folds", []), len(cs.labels), args.final_passes, args.epochs)
        cap = fold_epoch_cap(summary.get("folds", []), C.BATCH)
        log(f"final: all {K} folds, {epochs} epochs (median best epoch of the folds: {best or 'n/a'}; passes: {args.final_passes}), "
            f"at most {cap or args.samples_per_epoch} samples per epoch (the folds' median)")
        t0 = time.time()
        net, history, _, spe = train_model(cs, np.arange(len(cs.labels)), None, epochs, C.SEED + 999, args, budget, cap)
        parity = export_checked(net, args.model, parity_inputs(samples, args.crops))
        log(f"final: exported {args.model} ({parity['bytes']} bytes, {parity['weights']} weights); parity "
            f"fp32 {parity['fp32MaxAbsDiff']:.2e}, fp16 {parity.get('fp16MaxAbsDiff', float('nan')):.2e}")
        summary["final"] = {"epochs": epochs, "epochsRun": len(history), "samplesPerEpoch": spe, "history": history, "parity": parity, "seconds": round(time.time() - t0, 1)}
        summary["totalSeconds"] = round(time.time() - started, 1)
        json.dump(summary, open(summary_path, "w"), indent=1)
        card.write_card(summary, cs, items, folds_json, args, " ".join(["/usr/bin/python3"] + sys.argv))
    log(f"done in {(time.time() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
