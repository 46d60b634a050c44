"""Does the spread of a clip's frame scores add to their mean? A per-frame swapper might make the
detector's score flicker. Reads a trainer run's out-of-fold crop scores and compares, by grouped
folds, a logistic fit on the item's mean logit with one on mean and standard deviation.

    /usr/bin/python3 probes/score_spread.py ~/.cache/callsentinel/face-swap-train-pairs025 [RUN …]
"""

import os
import sys

import numpy as np

from common import auc, is_labelled_video, read_cache, read_jsonl


def logistic(X, y, l2=1.0, steps=300):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        w -= (X.T @ (p - y) + l2 * w) / len(y)
        b -= float((p - y).mean())
    return w, b


def main() -> None:
    items, _ = read_cache()
    for run in sys.argv[1:]:
        logits = {}
        for r in read_jsonl(os.path.join(run, "oof-scores.jsonl")):
            p = min(max(r["score"], 1e-6), 1 - 1e-6)
            logits.setdefault(r["itemId"], []).append(np.log(p / (1 - p)))
        rows = [(items[i]["fold"], items[i]["label"], np.mean(v), np.std(v))
                for i, v in logits.items() if is_labelled_video(items[i])]
        folds = np.array([r[0] for r in rows])
        y = np.array([r[1] for r in rows], float)
        X = np.array([[r[2], r[3]] for r in rows])
        for cols, name in (([0], "mean"), ([0, 1], "mean + spread")):
            held_out = np.zeros(len(y))
            for k in np.unique(folds):
                train = folds != k
                mu, sd = X[train][:, cols].mean(0), X[train][:, cols].std(0)
                w, b = logistic((X[train][:, cols] - mu) / sd, y[train])
                held_out[~train] = ((X[~train][:, cols] - mu) / sd) @ w + b
            print(f"{os.path.basename(run)}: {name}: held-out item AUC {auc(held_out, y):.3f} ({int(y.sum())} swap / {len(y)} items)")


if __name__ == "__main__":
    main()
