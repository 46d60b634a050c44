"""Is a swapped face softer than what surrounds it? A swapper renders the face at its own resolution
and pastes it back, so the face's fine detail may fall below the hair's, neck's and background's.
Per crop: band-pass energy inside the eroded face mask against a ring just outside it (aligned crop),
averaged per item; AUC with "softer inside" as the swap direction.

    /usr/bin/python3 probes/sharpness_mismatch.py
"""

import os

import cv2
import numpy as np

from common import C, auc, is_labelled_video, read_cache


def band_energy(gray):
    return cv2.Laplacian(cv2.GaussianBlur(gray, (3, 3), 0.8), cv2.CV_32F) ** 2


def main() -> None:
    items, samples = read_cache()
    per_item = {}
    for s in samples:
        it = items.get(s["itemId"])
        if not it or not is_labelled_video(it):
            continue
        crop = cv2.imread(os.path.join(C.CROPS_DIR, s["crop"]), cv2.IMREAD_GRAYSCALE)
        mask = cv2.imread(os.path.join(C.CROPS_DIR, s["mask"]), cv2.IMREAD_GRAYSCALE)
        if crop is None or mask is None:
            continue
        face = (mask > 127).astype(np.uint8)
        inner = cv2.erode(face, np.ones((9, 9), np.uint8)).astype(bool)
        ring = (cv2.dilate(face, np.ones((25, 25), np.uint8)) > 0) & ~face.astype(bool)
        if inner.sum() < 200 or ring.sum() < 200:
            continue
        e = band_energy(crop.astype(np.float32))
        per_item.setdefault(s["itemId"], []).append(
            (np.log(e[inner].mean() + 1) - np.log(e[ring].mean() + 1), np.log(e[inner].mean() + 1)))
    ids = list(per_item)
    y = np.array([items[i]["label"] for i in ids])
    f = np.array([np.mean(per_item[i], axis=0) for i in ids])
    print(f"{int(y.sum())} swap / {len(y)} video items")
    print(f"face softer than its surround (inside - ring): AUC {auc(-f[:, 0], y):.3f}")
    print(f"face soft on its own (inside only):           AUC {auc(-f[:, 1], y):.3f}")


if __name__ == "__main__":
    main()
