"""Reads the engine's crop cache (face-crops-v1) and holds the crops in RAM as uint8.

Why: training draws each crop many times (with different pseudo-fakes and degradations), and PNG
decoding costs about as much as a training step; decoding once and keeping 224x224 uint8 arrays in
memory keeps the two CPU cores on the network. A decoded copy is kept under OUT_DIR so that a
second run (the --final after --all-folds, or a rerun) starts in seconds.
"""

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import cv2
import numpy as np

import config as C


@dataclass
class CropSet:
    """Crops and their per-crop metadata; arrays share the first axis."""

    ids: list  # sample id
    item_ids: list
    files: list  # the media file (a side-by-side clip's halves share it)
    frames: np.ndarray  # int32 frame index in the media file (a side-by-side clip's halves share it too)
    groups: list  # identityGroup
    labels: np.ndarray  # int8: 1 swap, 0 genuine, -1 unlabelled
    folds: np.ndarray  # int16
    images: np.ndarray  # (N, 224, 224, 3) uint8 RGB
    masks: np.ndarray  # (N, 224, 224) uint8
    landmarks: np.ndarray  # (N, 468, 2) float32, crop pixels
    yaw: np.ndarray  # float32 degrees


def read_jsonl(path: str) -> list:
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def read_cache_meta(crops_dir: str = C.CROPS_DIR):
    """(items, samples, folds) from the cache; fails with a clear message when it is missing."""
    items_path = os.path.join(crops_dir, "items.jsonl")
    if not os.path.exists(items_path):
        raise SystemExit(f"no crop cache at {crops_dir} (items.jsonl missing): build it with `callsentinel dataset`")
    items = read_jsonl(items_path)
    samples = read_jsonl(os.path.join(crops_dir, "samples.jsonl"))
    folds_path = os.path.join(crops_dir, "folds.json")
    folds = json.load(open(folds_path)) if os.path.exists(folds_path) else None
    return items, samples, folds


def spread(rows: list, limit: int) -> list:
    """At most `limit` rows, evenly spaced (keeps the whole clip's range of poses and expressions)."""
    if len(rows) <= limit:
        return rows
    idx = np.linspace(0, len(rows) - 1, limit).round().astype(int)
    return [rows[i] for i in idx]


def select_training_samples(samples: list, per_item: int = C.MAX_CROPS_PER_ITEM) -> list:
    """Labelled crops (1 swap / 0 genuine), at most `per_item` per item, in a stable order."""
    by_item: dict = {}
    for s in samples:
        if s.get("label") in (0, 1):
            by_item.setdefault(s["itemId"], []).append(s)
    out = []
    for item_id in sorted(by_item):
        rows = sorted(by_item[item_id], key=lambda s: (s["trackId"], s["frameIndex"]))
        out.extend(spread(rows, per_item))
    return out


def _decode(crops_dir: str, s: dict):
    img = cv2.imread(os.path.join(crops_dir, s["crop"]), cv2.IMREAD_COLOR)
    if img is None:
        raise SystemExit(f"unreadable crop {s['crop']}")
    mask = cv2.imread(os.path.join(crops_dir, s["mask"]), cv2.IMREAD_GRAYSCALE)
    if mask is None:
        mask = np.zeros(img.shape[:2], np.uint8)
    return img[:, :, ::-1], mask


def _meta(rows: list, images: np.ndarray, masks: np.ndarray) -> CropSet:
    return CropSet(
        ids=[s["id"] for s in rows],
        item_ids=[s["itemId"] for s in rows],
        files=[s["file"] for s in rows],
        frames=np.array([int(s.get("frameIndex") or 0) for s in rows], np.int32),
        groups=[s["identityGroup"] for s in rows],
        labels=np.array([-1 if s.get("label") is None else int(s["label"]) for s in rows], np.int8),
        folds=np.array([int(s["fold"]) for s in rows], np.int16),
        images=images,
        masks=masks,
        landmarks=np.array(
            [np.asarray(s["landmarks"], np.float32).reshape(-1, 2) for s in rows], np.float32
        ).reshape(len(rows), -1, 2),
        yaw=np.array([float(s.get("yawDeg") or 0.0) for s in rows], np.float32),
    )


def decode_samples(rows: list, crops_dir: str = C.CROPS_DIR, threads: int = C.THREADS) -> CropSet:
    """Decode the crops of `rows` into a CropSet (OpenCV releases the GIL, so threads help)."""
    n = len(rows)
    images = np.zeros((n, C.CROP_PX, C.CROP_PX, 3), np.uint8)
    masks = np.zeros((n, C.CROP_PX, C.CROP_PX), np.uint8)
    with ThreadPoolExecutor(threads) as pool:
        for i, (img, mask) in enumerate(pool.map(lambda s: _decode(crops_dir, s), rows)):
            images[i], masks[i] = img, mask
    return _meta(rows, images, masks)


def load_training_set(crops_dir: str = C.CROPS_DIR, out_dir: str = C.OUT_DIR) -> CropSet:
    """The training crops, decoded once and kept as .npy under out_dir (keyed by the cache's content)."""
    _, samples, _ = read_cache_meta(crops_dir)
    rows = select_training_samples(samples)
    if not rows:
        raise SystemExit(f"the crop cache at {crops_dir} has no labelled crops")
    key = hashlib.sha1(json.dumps([(s["id"], s["fold"], s["label"]) for s in rows]).encode()).hexdigest()[:12]
    base = os.path.join(out_dir, f"decoded-{key}")
    if os.path.exists(base + "-masks.npy"):
        return _meta(rows, np.load(base + "-images.npy"), np.load(base + "-masks.npy"))
    cs = decode_samples(rows, crops_dir)
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):  # one decoded copy at a time
        if old.startswith("decoded-"):
            os.remove(os.path.join(out_dir, old))
    np.save(base + "-images.npy", cs.images)
    np.save(base + "-masks.npy", cs.masks)  # written last: its presence marks a complete copy
    return cs
