"""Shared by the probes: the crop cache's items and samples, the trainer's config and metrics."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the trainer's modules

import config as C  # noqa: E402
from metrics import auc  # noqa: E402,F401


def read_jsonl(path: str) -> list:
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def cache_items() -> dict:
    return {it["itemId"]: it for it in read_jsonl(os.path.join(C.CROPS_DIR, "items.jsonl"))}


def cache_samples() -> list:
    return read_jsonl(os.path.join(C.CROPS_DIR, "samples.jsonl"))


def is_labelled_video(item: dict) -> bool:
    """Genuine or swap video items: the unit `callsentinel eval` judges."""
    return item.get("label") in (0, 1) and item["kind"] in ("real_video", "fake_video")
