"""What a training command does around its own network and data, shared by both trainers.

The face-swap trainer (train.py here) and the presentation-attack trainer
(../presentation-attack/train.py) differ in what a batch holds and what a fold reports; the log,
the batch loader, the learning-rate schedule, one epoch of optimisation, inference, the
out-of-fold score files and the model card's common fields are the same, and live here once.
"""

import argparse
import datetime
import hashlib
import json
import math
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, IterableDataset, get_worker_info

_log_file = None


def begin_run(out_dir: str, threads: int) -> float:
    """Sets torch's and OpenCV's threads, sends every later log() line to <out_dir>/train.log as
    well as stdout, logs the command; returns the start time."""
    global _log_file
    torch.set_num_threads(threads)
    cv2.setNumThreads(1)
    os.makedirs(out_dir, exist_ok=True)
    _log_file = open(os.path.join(out_dir, "train.log"), "a")
    log(f"command: {' '.join(sys.argv)}")
    return time.time()


def log(msg: str) -> None:
    line = f"[{datetime.datetime.now().strftime('%H:%M:%S')}] {msg}"
    print(line, flush=True)
    if _log_file:
        _log_file.write(line + "\n")
        _log_file.flush()


# --- batches --------------------------------------------------------------------------------------

class BatchStream(IterableDataset):
    """Endless batches from `make_sampler(worker_seed).batch(n)`, generated in a DataLoader worker
    so that making the samples (pseudo-fakes, simulated attacks) overlaps the training step."""

    def __init__(self, make_sampler, seed: int, batch: int):
        self.make_sampler, self.seed, self.batch = make_sampler, seed, batch

    def __iter__(self):
        info = get_worker_info()
        cv2.setNumThreads(1)
        sampler = self.make_sampler(self.seed + (info.id if info else 0) * 7919)
        while True:
            yield sampler.batch(self.batch)


def share(text: str) -> float:
    """argparse type of the trainers' share and probability options: a number in [0, 1]."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not in [0, 1]")
    return value


def make_loader(stream: BatchStream, workers: int) -> DataLoader:
    if workers:
        return DataLoader(stream, batch_size=None, num_workers=workers, prefetch_factor=4)
    return DataLoader(stream, batch_size=None, num_workers=0)


def to_tensor(x_uint8) -> torch.Tensor:
    """NHWC uint8 -> NCHW float [0, 1] in channels_last memory (1.7x faster training here)."""
    x = torch.as_tensor(x_uint8).permute(0, 3, 1, 2).float().div_(255.0)
    return x.contiguous(memory_format=torch.channels_last)


def predict(net: torch.nn.Module, x_uint8: np.ndarray, batch: int = 256) -> np.ndarray:
    """Sigmoid scores of NHWC uint8 inputs, in eval mode."""
    net.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x_uint8), batch):
            out.append(torch.sigmoid(net(to_tensor(x_uint8[i : i + batch]))).numpy()[:, 0])
    return np.concatenate(out) if out else np.zeros(0, np.float32)


# --- optimisation -----------------------------------------------------------------------------------

def warmup_cosine(opt: torch.optim.Optimizer, total_steps: int, max_warmup: int):
    """Linear warm-up over min(max_warmup, 10 % of the steps), then cosine decay to zero."""
    warmup = min(max_warmup, total_steps // 10)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total_steps - warmup)))

    return torch.optim.lr_scheduler.LambdaLR(opt, factor)


def train_epoch(net, opt, sched, batches, steps: int, rank_weight: float = 0.0, beauty_weight: float = 0.0) -> dict:
    """`steps` optimisation steps on batches from the iterator; loss, accuracy and images/s. A batch
    is (x, y) or (x, y, pairs, beauty_pairs) (sampler.Sampler.batch): pairs (m, 2) holds the
    positions of (swap, twin) samples, and rank_weight x softplus(twin - swap) joins the loss;
    beauty_pairs (b, 2) holds (plain, beautified) genuine samples, and beauty_weight x
    relu(p(beautified) - p(plain)), the plain copy's probability held fixed, joins it: the filter
    alone must not raise the score, and the plain copy is not pushed up to make room. On
    probabilities, not logits: a hinge on logits is unbounded and chased the genuine logits towards
    minus infinity (a first run's loss rose to 22 and its validation AUC to chance)."""
    net.train()
    t0, loss_sum, correct, seen = time.time(), 0.0, 0, 0
    for _ in range(steps):
        x, y, *rest = next(batches)
        logits = net(to_tensor(x))[:, 0]
        target = torch.as_tensor(y)
        loss = F.binary_cross_entropy_with_logits(logits, target)
        if rest and rank_weight > 0 and len(rest[0]):
            pairs = torch.as_tensor(rest[0])
            loss = loss + rank_weight * F.softplus(logits[pairs[:, 1]] - logits[pairs[:, 0]]).mean()
        if rest and beauty_weight > 0 and len(rest[1]):
            bp = torch.as_tensor(rest[1])
            p = torch.sigmoid(logits)
            loss = loss + beauty_weight * F.relu(p[bp[:, 1]] - p[bp[:, 0]].detach()).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        loss_sum += float(loss)
        correct += int(((logits > 0).float() == target).sum())
        seen += len(y)
    return {"loss": round(loss_sum / steps, 4), "trainAcc": round(correct / max(1, seen), 4),
            "imagesPerSec": round(seen / (time.time() - t0), 1)}


def fold_epoch_cap(folds: list, batch: int) -> int | None:
    """The final model's samples per epoch: the fold models' median, so it trains like them."""
    spe = [f["samplesPerEpoch"] for f in folds if f.get("samplesPerEpoch")]
    return int(np.median(spe)) // batch * batch if spe else None


def final_epoch_count(folds: list, n_crops: int, passes: str, fallback: int) -> int:
    """Epochs of the final model: the fold models' median best epoch ("epochs"), or that count
    scaled by all crops / a fold model's training crops ("crops"). A fold model trains on three
    folds, the final model on all five with the same samples per epoch, so at equal epochs each
    crop is seen ~3/5 as often; "crops" gives every crop as many passes as the folds gave theirs."""
    best = sorted(f["bestEpoch"] for f in folds)
    if not best:
        return fallback
    fold_crops = [f["trainCrops"] for f in folds if f.get("trainCrops")]
    if passes == "crops" and fold_crops:
        return max(3, int(round(float(np.median(best)) * n_crops / float(np.median(fold_crops)))))
    return max(3, int(np.median(best)))  # as models v1 and v2 were trained


# --- out-of-fold scores ---------------------------------------------------------------------------

def write_fold_scores(out_dir: str, k: int, rows: list, scores) -> None:
    """oof-fold-<k>.jsonl: {id, itemId, fold, score} for each crop the fold-k model held out."""
    with open(os.path.join(out_dir, f"oof-fold-{k}.jsonl"), "w") as f:
        for r, s in zip(rows, scores):
            f.write(json.dumps({"id": r["id"], "itemId": r["itemId"], "fold": k, "score": round(float(s), 6)}) + "\n")


def pool_fold_scores(out_dir: str, K: int) -> list:
    """Concatenates the folds' score files into oof-scores.jsonl; returns its records."""
    records = []
    with open(os.path.join(out_dir, "oof-scores.jsonl"), "w") as f:
        for k in range(K):
            for line in open(os.path.join(out_dir, f"oof-fold-{k}.jsonl")):
                f.write(line)
                records.append(json.loads(line))
    return records


# --- model card -----------------------------------------------------------------------------------

def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def model_file_fields(model_path: str) -> dict:
    """The card's first fields: which file, its hash and size."""
    return {"file": os.path.basename(model_path), "sha256": sha256_file(model_path), "bytes": os.path.getsize(model_path)}


def software_fields() -> dict:
    return {"torch": torch.__version__, "numpy": np.__version__, "date": datetime.date.today().isoformat()}


def write_card_json(model_path: str, card: dict) -> str:
    """Writes the card next to the model (<model>.card.json); returns its path."""
    path = os.path.splitext(model_path)[0] + ".card.json"
    with open(path, "w") as f:
        json.dump(card, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return path
