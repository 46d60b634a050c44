"""AUC at crop and item level, with a grouped bootstrap confidence interval (numpy only).

Why grouped: crops of one clip, and clips of one identity group, are not independent. Resampling
identity groups (not crops) gives an interval that reflects how few identities there are.
"""

import numpy as np


def auc(scores, labels) -> float:
    """Area under the ROC curve (Mann-Whitney U with midranks for ties); NaN if one class is absent."""
    s = np.asarray(scores, np.float64)
    y = np.asarray(labels)
    pos, neg = int((y == 1).sum()), int((y == 0).sum())
    if pos == 0 or neg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), np.float64)
    sorted_s = s[order]
    i = 0
    while i < len(s):  # midranks over runs of equal scores
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def item_scores(item_ids, scores, labels) -> tuple[list, np.ndarray, np.ndarray]:
    """Mean crop score per item -> (items, item_scores, item_labels)."""
    acc: dict = {}
    for it, s, y in zip(item_ids, scores, labels):
        a = acc.setdefault(it, [0.0, 0, y])
        a[0] += float(s)
        a[1] += 1
    items = sorted(acc)
    return items, np.array([acc[i][0] / acc[i][1] for i in items]), np.array([acc[i][2] for i in items])


def grouped_bootstrap_ci(scores, labels, groups, n: int = 1000, seed: int = 0, alpha: float = 0.05):
    """Percentile CI of the AUC when whole groups are resampled with replacement; (lo, hi) or NaNs."""
    s, y, g = np.asarray(scores, np.float64), np.asarray(labels), np.asarray(groups, dtype=object)
    uniq = sorted(set(g.tolist()))
    members = {u: np.flatnonzero(g == u) for u in uniq}
    rng = np.random.default_rng(seed)
    vals = []
    for _ in range(n):
        pick = rng.integers(len(uniq), size=len(uniq))
        idx = np.concatenate([members[uniq[p]] for p in pick])
        a = auc(s[idx], y[idx])
        if a == a:
            vals.append(a)
    if len(vals) < n // 2:
        return float("nan"), float("nan")
    return float(np.quantile(vals, alpha / 2)), float(np.quantile(vals, 1 - alpha / 2))
