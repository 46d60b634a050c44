"""Does a per-frame swap flicker? In a DeepFaceLive side-by-side clip both halves carry the same head
motion, so the frame-to-frame change of the face's fine detail can be compared between the swapped
half and its own genuine half. For each cached crop: decode its frame and the next, recover the
crop's similarity transform by matching the cached crop to its frame (ORB), warp both frames with it,
and measure the change of the high-pass image inside the face relative to the detail present.

    /usr/bin/python3 probes/pair_flicker.py ../shared/data
"""

import collections
import os
import subprocess
import sys

import cv2
import numpy as np

from common import C, read_cache

ORB = cv2.ORB_create(1500)


def two_frames(path: str, index: int) -> np.ndarray:
    """Frames index and index + 1 of a video, BGR."""
    size = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                           "-of", "csv=p=0", path], capture_output=True, text=True, check=True).stdout
    w, h = map(int, size.strip().split(",")[:2])
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-vf", f"select='between(n\\,{index}\\,{index + 1})'",
                          "-vsync", "0", "-f", "rawvideo", "-pix_fmt", "bgr24", "-"], capture_output=True, check=True).stdout
    n = len(raw) // (w * h * 3)
    return np.frombuffer(raw, np.uint8)[: n * w * h * 3].reshape(n, h, w, 3)


def crop_transform(crop, frame):
    """The similarity transform frame -> aligned crop, from ORB matches; None when too few agree."""
    k1, d1 = ORB.detectAndCompute(cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY), None)
    k2, d2 = ORB.detectAndCompute(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY), None)
    if d1 is None or d2 is None:
        return None
    matches = cv2.BFMatcher(cv2.NORM_HAMMING, crossCheck=True).match(d1, d2)
    if len(matches) < 12:
        return None
    src = np.float32([k2[m.trainIdx].pt for m in matches])
    dst = np.float32([k1[m.queryIdx].pt for m in matches])
    M, inliers = cv2.estimateAffinePartial2D(src, dst, ransacReprojThreshold=2.0)
    return M if M is not None and inliers.sum() >= 10 else None


def high_pass(gray):
    return gray - cv2.GaussianBlur(gray, (0, 0), 1.5)


def relative_flicker(samples, media_dir: str, region: str):
    values = []
    for s in samples[:8]:
        frames = two_frames(os.path.join(media_dir, s["file"]), s["frameIndex"])
        if len(frames) < 2:
            continue
        w = frames.shape[2] // 2
        halves = [f[:, :w] if region == "left" else f[:, w:2 * w] for f in frames]
        crop = cv2.imread(os.path.join(C.CROPS_DIR, s["crop"]))
        mask = cv2.imread(os.path.join(C.CROPS_DIR, s["mask"]), cv2.IMREAD_GRAYSCALE) > 127
        M = crop_transform(crop, halves[0])
        if M is None:
            continue
        a, b = (cv2.warpAffine(h, M, (224, 224)).astype(np.float32).mean(2) for h in halves)
        inner = cv2.erode(mask.astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
        if inner.sum() >= 500:
            values.append(np.abs(high_pass(b) - high_pass(a))[inner].mean() / np.abs(high_pass(a))[inner].mean())
    return float(np.mean(values)) if values else None


def main() -> None:
    media_dir = os.path.join(sys.argv[1], "media") if len(sys.argv) > 1 else None
    if not media_dir or not os.path.isdir(media_dir):
        raise SystemExit("usage: pair_flicker.py DATA_DIR (the shared data folder, with media/)")
    clips = collections.defaultdict(lambda: collections.defaultdict(list))
    for s in read_cache()[1]:
        if "doc_celebs" in s["file"] and s["region"] in ("left", "right"):
            clips[s["file"]][s["region"]].append(s)
    more, pairs = 0, 0
    for name, regions in sorted(clips.items()):
        genuine = relative_flicker(regions["left"], media_dir, "left")
        swap = relative_flicker(regions["right"], media_dir, "right")
        if genuine is None or swap is None:
            continue
        pairs += 1
        more += swap > genuine
        print(f"{name}: genuine half {genuine:.3f}, swapped half {swap:.3f}")
    print(f"the swapped half flickers more in {more} of {pairs} clips (chance: half)")


if __name__ == "__main__":
    main()
