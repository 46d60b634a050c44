"""Shared by the probes: the crop cache's items and samples (read by the trainer's data.py), the
trainer's config and metrics."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the trainer's modules

import config as C  # noqa: E402,F401
from data import read_cache_meta, read_jsonl  # noqa: E402,F401
from metrics import auc  # noqa: E402,F401


def read_cache() -> tuple[dict, list]:
    """(items by itemId, samples) of the crop cache, read once."""
    items, samples, _ = read_cache_meta()
    return {it["itemId"]: it for it in items}, samples


def is_labelled_video(item: dict) -> bool:
    """Genuine or swap video items: the unit `callsentinel eval` judges."""
    return item.get("label") in (0, 1) and item["kind"] in ("real_video", "fake_video")
