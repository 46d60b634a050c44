"""ISO/IEC 30107-3 style error rates: APCER at a fixed BPCER (numpy only).

Scores are "higher = more likely an attack". An attack is detected when its score is strictly
above the threshold; the threshold is the lowest one at which at most `bpcer` of the bona fide
(genuine) samples are rejected. Ties count against the detector. The engine's evaluation
(engine/eval/pad-metrics.ts) uses the same definition.
"""

import math

import numpy as np


def threshold_at_bpcer(bona, bpcer: float) -> float:
    """Lowest threshold t with share(bona > t) <= bpcer."""
    b = np.sort(np.asarray(bona, np.float64))[::-1]
    if len(b) == 0:
        return float("nan")
    allowed = int(math.floor(bpcer * len(b) + 1e-9))  # bona fide samples allowed above t
    return float(b[allowed]) if allowed < len(b) else float(b[-1]) - 1e-9


def apcer_at_bpcer(bona, attacks, bpcer: float) -> float:
    """Share of attacks not detected (score <= t) at the threshold t of `threshold_at_bpcer`."""
    a = np.asarray(attacks, np.float64)
    if len(a) == 0 or len(bona) == 0:
        return float("nan")
    t = threshold_at_bpcer(bona, bpcer)
    return float((a <= t).mean())
