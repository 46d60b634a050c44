"""Wall-clock budget for a whole training command (folds + final).

Why: this machine is shared; when another job takes a core, two-thread training drops 5-10x
(FIELD-NOTES), so a fixed number of samples per epoch can turn a 40-minute run into four hours.
The budget splits the remaining time evenly over the trainings still to run and sizes each
training's epochs from the throughput measured so far; a hard per-training deadline catches a
slowdown that starts mid-run. The epoch count stays fixed (early stopping keeps its meaning);
the samples per epoch shrink.
"""

import time

import config as C


class Budget:
    def __init__(self, minutes: float, trainings: int, max_samples_per_epoch: int, epochs: int):
        self.start = time.time()
        self.end = self.start + minutes * 60 if minutes > 0 else float("inf")
        self.left = trainings
        self.max_spe = max_samples_per_epoch
        self.epochs = epochs
        self.rate = None  # training images/s, smoothed
        self.infer_rate = None

    def observe(self, train_rate: float | None = None, infer_rate: float | None = None) -> None:
        if train_rate:
            self.rate = train_rate if self.rate is None else 0.5 * self.rate + 0.5 * train_rate
        if infer_rate:
            self.infer_rate = infer_rate

    def plan(self, val_samples: int, epochs: int | None = None, cap: int | None = None) -> tuple[int, float]:
        """(samples per epoch, deadline) for the next training; call once per training. `cap`
        bounds the samples per epoch (the final model uses the folds' epoch size)."""
        epochs = epochs or self.epochs
        now = time.time()
        max_spe = min(self.max_spe, cap or self.max_spe)
        if self.end == float("inf") or not self.rate:
            self.left = max(0, self.left - 1)
            return max_spe, float("inf")
        # per training: ~C.OVERHEAD_SEC for the validation set, scoring the held-out fold, export
        share = (self.end - now) / max(1, self.left) - C.OVERHEAD_SEC
        val_cost = val_samples / (self.infer_rate or 200.0)
        per_epoch = max(1.0, share / epochs - val_cost)
        spe = int(per_epoch * self.rate) // C.BATCH * C.BATCH
        spe = max(C.MIN_SAMPLES_PER_EPOCH, min(max_spe, spe))
        self.left = max(0, self.left - 1)
        # 10 % slack per training, but never past the end of the whole budget
        return spe, min(now + max(60.0, share) * 1.1, self.end - C.OVERHEAD_SEC)

    def remaining_min(self) -> float:
        return (self.end - time.time()) / 60
