"""Train the presentation-attack detector (genuine face vs recapture) with grouped folds, export ONNX.

    /usr/bin/python3 scripts/train/presentation-attack/train.py --all-folds --final

--all-folds  for each fold k: train on the other folds, score every crop of fold k (genuine and
             real print / replay crops) and write fold-<k>.onnx and oof-fold-<k>.jsonl; then
             oof-scores.jsonl and summary.json with frame-level APCER at BPCER 10 % / 5 % per
             attack type on the real attack media
--final      train on every fold with the same schedule, export models/presentation-attack.onnx
             (fp16 weights if parity allows) and models/presentation-attack.card.json
--bench      measure sampler and training throughput and stop

Positives are simulated recaptures (simulate.py) of the training folds' genuine crops plus the
training folds' real attack crops; negatives are the genuine crops. Both go through the same
jitter, grey-scale and call-quality degradation. Reused from the face-swap trainer (imported,
not copied): the backbone (model.py), degradation (degrade.py), crop decoding (data.py), ONNX
export and parity (export.py, parity.mjs), the wall-clock budget (budget.py), AUC (metrics.py)
and the training run's log, loader, schedule, epoch and score files (training_run.py).
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import functools
import json
import sys
import time

import pad_config as P  # also puts the face-swap trainer on sys.path

import numpy as np
import torch

import config as C  # the face-swap trainer's, which beautify reads
from beautify import beautify, to_grey
from budget import Budget
from data import decode_samples, read_cache_meta, spread
from degrade import degrade
from export import export_checked, export_onnx
from inputs import add_input_argument, as_input, use_input
from metrics import auc
from model import build_net, count_parameters, make_optimizer
from pad_metrics import apcer_at_bpcer
from sampler import geometric_jitter, to_input
from simulate import ATTACKS
from training_run import (BatchStream, begin_run, fold_epoch_cap, log, make_loader, pool_fold_scores, predict,
                          sha256_file, share, train_epoch, warmup_cosine, write_fold_scores)


# --- data ------------------------------------------------------------------------------------------

def select_rows(samples: list) -> list:
    """Genuine crops (label 0) and real attack crops (category print / replay), <= MAX per item."""
    by_item: dict = {}
    for s in samples:
        if s.get("label") == 0 or s.get("category") in P.ATTACK_CATEGORIES:
            by_item.setdefault(s["itemId"], []).append(s)
    out = []
    for item in sorted(by_item):
        rows = sorted(by_item[item], key=lambda s: (s["trackId"], s["frameIndex"]))
        out.extend(spread(rows, P.MAX_CROPS_PER_ITEM))
    return out


def attack_kind(row: dict) -> str | None:
    return row.get("category") if row.get("category") in P.ATTACK_CATEGORIES else None


class PadSampler:
    """Balanced batches from the crops in `index` (the training split)."""

    def __init__(self, images: np.ndarray, kinds: list, index: np.ndarray, seed: int):
        self.images = images
        self.rng = np.random.default_rng(seed)
        index = np.asarray(index)
        self.genuine = np.array([i for i in index if kinds[i] is None])
        self.attacks = np.array([i for i in index if kinds[i] is not None])
        names = list(P.SIM_KINDS)
        p = np.array([P.SIM_KINDS[k] for k in names], np.float64)
        self.sim_kinds, self.sim_p = names, p / p.sum()

    def finish(self, img: np.ndarray) -> np.ndarray:
        rng = self.rng
        # The beauty look (off unless --beauty-p) before the call degradation, as a phone applies
        # it, or after it, as the eval's filter does on cached crops (no draw when off: the
        # recipe without it stays reproducible).
        after = C.BEAUTY_P > 0 and rng.random() < P.BEAUTY_AFTER_DEGRADE_P
        if not after:
            img = beautify(img, None, rng)
        if rng.random() < P.GREY_P:
            img = to_grey(img)
        img = degrade(geometric_jitter(img, rng), rng)
        if after:
            img = beautify(img, None, rng)
        return to_input(img)

    def sample(self) -> tuple[np.ndarray, float]:
        rng = self.rng
        g = lambda: self.images[int(self.genuine[rng.integers(len(self.genuine))])]
        if rng.random() >= P.POSITIVE_SHARE:
            return self.finish(g()), 0.0
        if len(self.attacks) and rng.random() < P.REAL_ATTACK_SHARE:
            return self.finish(self.images[int(self.attacks[rng.integers(len(self.attacks))])]), 1.0
        kind = str(rng.choice(self.sim_kinds, p=self.sim_p))
        draw, render = ATTACKS[kind]
        return self.finish(render(g(), draw(rng), rng, 0, g())), 1.0

    def batch(self, n: int):
        x = np.empty((n, 128, 128, 3), np.uint8)
        y = np.zeros(n, np.float32)
        for k in range(n):
            x[k], y[k] = self.sample()
        return x, y


def batch_stream(images, kinds, index, seed: int) -> BatchStream:
    return BatchStream(functools.partial(PadSampler, images, kinds, index), seed, P.BATCH)


# --- training --------------------------------------------------------------------------------------

def train_model(images, kinds, train_idx, seed: int, args, budget: Budget, spe_cap=None):
    torch.manual_seed(seed)
    net = build_net(P.BACKBONE)
    opt = make_optimizer(net, P.LR, P.WEIGHT_DECAY)
    spe, deadline = budget.plan(0, args.epochs, spe_cap)
    steps = max(1, spe // P.BATCH)
    sched = warmup_cosine(opt, args.epochs * steps, max_warmup=60)
    it = iter(make_loader(batch_stream(images, kinds, np.asarray(train_idx), seed), args.workers))
    history = []
    log(f"  plan: {args.epochs} epochs x {spe} samples (budget left {budget.remaining_min():.1f} min)")
    for epoch in range(1, args.epochs + 1):
        rec = {"epoch": epoch, **train_epoch(net, opt, sched, it, steps)}
        budget.observe(train_rate=rec["imagesPerSec"])
        history.append(rec)
        log("  " + " ".join(f"{k}={v}" for k, v in rec.items()))
        if time.time() > deadline and epoch < args.epochs:
            log(f"  time budget of this training spent after epoch {epoch}: stopping")
            break
    del it
    return net.eval(), history, spe


def score_held_out(net, images, idx) -> np.ndarray:
    """Crops as cached (no degradation), area resize: as the engine scores them."""
    return predict(net, np.stack([to_input(images[i]) for i in idx])) if len(idx) else np.zeros(0)


def frame_metrics(scores: np.ndarray, kinds: list) -> dict:
    """Frame level, per attack type: APCER at BPCER 10 % and 5 % (genuine crops as bona fide)."""
    bona = np.array([s for s, k in zip(scores, kinds) if k is None])
    out = {"bonaFideFrames": int(len(bona))}
    for kind in P.ATTACK_CATEGORIES:
        att = np.array([s for s, k in zip(scores, kinds) if k == kind])
        y = np.r_[np.zeros(len(bona)), np.ones(len(att))]
        out[kind] = {
            "frames": int(len(att)),
            "auc": _r(auc(np.r_[bona, att], y)),
            "apcerAtBpcer10": _r(apcer_at_bpcer(bona, att, 0.10)),
            "apcerAtBpcer5": _r(apcer_at_bpcer(bona, att, 0.05)),
        }
    return out


def _r(v):
    return None if v is None or v != v else round(float(v), 4)


def all_parity_inputs(images, kinds) -> np.ndarray:
    """What the fp16 decision must hold on: real crops, and the synthetic inputs of the committed
    parity test (their noise and stripes stress the weights more than faces do)."""
    return np.concatenate([parity_inputs(images, kinds), synthetic_parity_inputs()])


def parity_inputs(images, kinds, n: int = 8) -> np.ndarray:
    idx = [i for i, k in enumerate(kinds) if k is not None][: n // 2] + [i for i, k in enumerate(kinds) if k is None][:: 97][: n // 2]
    return np.stack([to_input(images[i]) for i in idx]).astype(np.float32) / 255.0


#: Committed reference outputs of the shipped model on synthetic inputs (no research media), for
#: the ONNX parity test (test/integration/models/presentation-attack.test.ts).
PARITY_FIXTURE = os.path.join(P.REPO_DIR, "test", "fixtures", "presentation-attack-parity.json")


def synthetic_parity_inputs() -> np.ndarray:
    """Five (128, 128, 3) float32 images any language can rebuild from integer formulas, with
    x, y the pixel, c the channel, i the flat NHWC index, s = (x + 2y + 40c) / 464 (a smooth
    ramp) and h = ((i * 2654435761) mod 2^32) / 2^32 (hash noise): s; 0.4 h + 0.6 s; for p = 3
    and 5 the stripes 0.5 (0.3 + 0.4 [x mod p < p / 2] + 0.1 c / 2) + 0.5 s; and h. Computed in
    float64, stored as float32. They span the model's output range (torch: ~0.97, 0.94, 0.15,
    0.90 and ~0 for the shipped model), so the parity test is not decided by a saturated sigmoid."""
    i = np.arange(128 * 128 * 3, dtype=np.uint64)
    h = ((i * np.uint64(2654435761)) % np.uint64(1 << 32)).astype(np.float64) / float(1 << 32)
    y, x, c = np.meshgrid(np.arange(128), np.arange(128), np.arange(3), indexing="ij")
    s = ((x + 2 * y + 40 * c) / 464.0).ravel()
    out = [s, 0.4 * h + 0.6 * s]
    for p in (3, 5):
        out.append(((0.3 + 0.4 * ((x % p) < p / 2) + 0.1 * c / 2) * 0.5).ravel() + 0.5 * s)
    out.append(h)
    return np.stack([v.astype(np.float32).reshape(128, 128, 3) for v in out])


def parity_fixture_path(model_path: str) -> str:
    """The committed fixture belongs to the shipped model only: a candidate exported elsewhere
    (--model) gets its fixture beside it, so trying one leaves the repository's test alone."""
    if os.path.abspath(model_path) == os.path.abspath(P.MODEL_PATH):
        return PARITY_FIXTURE
    return os.path.splitext(model_path)[0] + ".parity.json"


def write_parity_fixture(net, model_path: str) -> str:
    from export import torch_scores

    x = synthetic_parity_inputs()
    scores = torch_scores(net, x)
    fixture = parity_fixture_path(model_path)
    os.makedirs(os.path.dirname(fixture), exist_ok=True)
    with open(fixture, "w") as f:
        json.dump({"model": os.path.basename(model_path), "sha256": sha256_file(model_path),
                   "inputs": " ".join(synthetic_parity_inputs.__doc__.split()),
                   "torchScores": [float(v) for v in scores], "tolerance": 1e-2,
                   "madeBy": "scripts/train/presentation-attack/train.py --final"}, f, indent=1)
        f.write("\n")
    return os.path.relpath(fixture, P.REPO_DIR)


def load_final_net(out: str) -> torch.nn.Module:
    """The final model's weights as --final saved them (<out>/final.pt), in eval mode."""
    net = build_net(P.BACKBONE)
    net.load_state_dict(torch.load(os.path.join(out, "final.pt")))
    return net.eval()


def reexport(args, images, kinds, items, folds_json) -> None:
    """The final weights exported again with today's export rules; the card keeps the training's command."""
    import card

    summary_path = os.path.join(args.out, "summary.json")
    summary = json.load(open(summary_path))
    if summary.get("input", "aligned") != args.input:
        raise SystemExit(f"{summary_path} was trained on the {summary.get('input', 'aligned')} crop, not --input {args.input}")
    net = load_final_net(args.out)
    parity = export_checked(net, args.model, all_parity_inputs(images, kinds))
    parity["fixture"] = write_parity_fixture(net, args.model)
    log(f"re-exported {args.model} ({parity['bytes']} bytes, {parity['weights']})")
    summary["final"]["parity"] = parity
    json.dump(summary, open(summary_path, "w"), indent=1)
    command = summary.get("command") or json.load(open(os.path.splitext(args.model)[0] + ".card.json"))["command"]
    card.write_card(summary, items, folds_json, args, command)


def main() -> None:
    ap = argparse.ArgumentParser(description="Train the presentation-attack detector (grouped folds + final export).")
    ap.add_argument("--all-folds", action="store_true")
    ap.add_argument("--final", action="store_true")
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--parity-fixture", action="store_true",
                    help="rewrite the test fixture from <out>/final.pt (the weights --final exported) and stop")
    ap.add_argument("--reexport", action="store_true",
                    help="export <out>/final.pt to --model again (fp16 only if parity holds on the crops and the test's "
                         "synthetic inputs), rewrite the card and the test fixture, and stop; give the training's --input and --beauty-p")
    ap.add_argument("--crops", default=P.CROPS_DIR)
    ap.add_argument("--out", default=P.OUT_DIR)
    ap.add_argument("--epochs", type=int, default=P.EPOCHS)
    ap.add_argument("--samples-per-epoch", type=int, default=P.SAMPLES_PER_EPOCH)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--budget-min", type=float, default=P.BUDGET_MIN)
    ap.add_argument("--model", default=P.MODEL_PATH)
    ap.add_argument("--beauty-p", type=share, default=P.BEAUTY_P,
                    help="probability of a beauty-filter look on each sample, live and attack alike (see pad_config.BEAUTY_P)")
    ap.add_argument("--real-attack-share", type=share, default=P.REAL_ATTACK_SHARE,
                    help="share of the attack samples drawn from the training folds' real attack crops (pad_config.REAL_ATTACK_SHARE)")
    add_input_argument(ap)
    args = ap.parse_args()
    P.REAL_ATTACK_SHARE = args.real_attack_share  # the sampler (and the card) read it from pad_config
    use_input(args.input)
    if args.parity_fixture:
        print("wrote", write_parity_fixture(load_final_net(args.out), args.model))
        return
    if not (args.all_folds or args.final or args.bench or args.reexport):
        ap.error("give --all-folds, --final, --bench, --reexport or --parity-fixture")
    # The face-swap trainer's beauty look (beautify.py reads its config), at this trainer's strength; greyscale stays P.GREY_P's.
    C.BEAUTY_P, C.BEAUTY_SIGMA_COLOUR, C.GREY_P = args.beauty_p, P.BEAUTY_SIGMA_COLOUR, 0.0
    started = begin_run(args.out, P.THREADS)

    items, samples, folds_json = read_cache_meta(args.crops)
    rows = select_rows(samples)
    cs = decode_samples(as_input(rows, args.input), args.crops)
    images = cs.images
    kinds = [attack_kind(r) for r in rows]
    folds = np.array([int(r["fold"]) for r in rows])
    K = int(folds_json["k"]) if folds_json else int(folds.max()) + 1
    counts = {k: sum(1 for x in kinds if x == k) for k in P.ATTACK_CATEGORIES}
    log(f"crop cache {args.crops}: {len(rows)} crops of {len(set(r['itemId'] for r in rows))} items "
        f"({sum(1 for k in kinds if k is None)} genuine, real attacks {counts}), K={K}, "
        f"decoded in {time.time() - started:.0f}s")

    # throughput
    s = PadSampler(images, kinds, np.arange(len(rows)), 0)
    t0 = time.time()
    s.batch(32)
    sampler_rate = 32 / (time.time() - t0)
    log(f"sampler: {sampler_rate:.1f} samples/s (one process)")
    if args.bench:
        return
    if args.reexport:
        reexport(args, images, kinds, items, folds_json)
        return

    trainings = (K if args.all_folds else 0) + int(args.final)
    budget = Budget(args.budget_min - (time.time() - started) / 60, trainings, args.samples_per_epoch, args.epochs)
    budget.observe(train_rate=min(sampler_rate * 1.5, 120.0), infer_rate=300.0)
    summary_path = os.path.join(args.out, "summary.json")
    summary = json.load(open(summary_path)) if os.path.exists(summary_path) and not args.all_folds else {}
    summary.update({"K": K, "input": args.input, "beautyP": args.beauty_p, "realAttackShare": args.real_attack_share,
                    "command": " ".join(["/usr/bin/python3"] + sys.argv), "backbone": P.BACKBONE, "params": count_parameters(build_net(P.BACKBONE)), "epochs": args.epochs,
                    "samplesPerEpochMax": args.samples_per_epoch, "samplerRate": round(sampler_rate, 1),
                    "trainingSet": {"crops": len(rows), "genuine": sum(1 for k in kinds if k is None), "realAttacks": counts,
                                    "items": len(set(r["itemId"] for r in rows)),
                                    "identityGroups": len(set(r["identityGroup"] for r in rows))}})

    if args.all_folds:
        per_fold = []
        oof_rows, oof_scores = [], []
        for k in range(K):
            t0 = time.time()
            train_idx = np.flatnonzero(folds != k)
            test_idx = np.flatnonzero(folds == k)
            log(f"fold {k}: train {len(train_idx)} crops, held out {len(test_idx)}")
            net, history, spe = train_model(images, kinds, train_idx, P.SEED + k, args, budget)
            sc = score_held_out(net, images, test_idx)
            export_onnx(net, os.path.join(args.out, f"fold-{k}.onnx"))
            write_fold_scores(args.out, k, [rows[i] for i in test_idx], sc)
            m = frame_metrics(sc, [kinds[i] for i in test_idx])
            per_fold.append({"fold": k, **m, "samplesPerEpoch": spe, "history": history, "seconds": round(time.time() - t0, 1)})
            oof_rows.extend(int(i) for i in test_idx)
            oof_scores.extend(float(v) for v in sc)
            log(f"fold {k}: {json.dumps(m)} ({time.time() - t0:.0f}s)")
        pool_fold_scores(args.out, K)
        pooled = frame_metrics(np.array(oof_scores), [kinds[i] for i in oof_rows])
        summary["folds"] = per_fold
        summary["pooled"] = pooled
        summary["cvSeconds"] = round(time.time() - started, 1)
        json.dump(summary, open(summary_path, "w"), indent=1)
        log(f"pooled out-of-fold frame level: {json.dumps(pooled)}")

    if args.final:
        import card

        cap = fold_epoch_cap(summary.get("folds", []), P.BATCH)
        t0 = time.time()
        log(f"final: all folds, {args.epochs} epochs, at most {cap or args.samples_per_epoch} samples per epoch")
        net, history, spe = train_model(images, kinds, np.arange(len(rows)), P.SEED + 999, args, budget, cap)
        torch.save(net.state_dict(), os.path.join(args.out, "final.pt"))
        parity = export_checked(net, args.model, all_parity_inputs(images, kinds))
        parity["fixture"] = write_parity_fixture(net, args.model)
        log(f"final: exported {args.model} ({parity['bytes']} bytes, {parity['weights']}); parity fp32 "
            f"{parity['fp32MaxAbsDiff']:.2e}, fp16 {parity.get('fp16MaxAbsDiff', float('nan')):.2e}")
        summary["final"] = {"epochs": args.epochs, "samplesPerEpoch": spe, "history": history, "parity": parity,
                            "seconds": round(time.time() - t0, 1)}
        summary["totalSeconds"] = round(time.time() - started, 1)
        json.dump(summary, open(summary_path, "w"), indent=1)
        card.write_card(summary, items, folds_json, args, " ".join(["/usr/bin/python3"] + sys.argv))
    log(f"done in {(time.time() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
