"""Call-like degradation, applied to genuine and fake samples with the same probability.

Why: video calls are rescaled, compressed and noisy. If only fakes (or only genuine crops) were
degraded, the detector would learn "compressed = fake". Applying the same random chain to both
classes makes compression, noise and softness uninformative on their own, so the detector must
look at the face *relative to its surroundings* (blend edges, a softer interior, colour mismatch).
"""

import cv2
import numpy as np

import config as C


def degrade(img: np.ndarray, rng: np.random.Generator, p: float = C.DEGRADE_P) -> np.ndarray:
    """With probability p, a random chain of rescale, blur, noise and JPEG (uint8 RGB in and out)."""
    if rng.random() >= p:
        return img
    h, w = img.shape[:2]
    out = img
    if rng.random() < 0.6:
        s = float(rng.uniform(*C.RESCALE))
        small = cv2.resize(out, (max(16, int(w * s)), max(16, int(h * s))), interpolation=cv2.INTER_AREA)
        out = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR if rng.random() < 0.5 else cv2.INTER_CUBIC)
    if rng.random() < 0.3:
        out = cv2.GaussianBlur(out, (0, 0), float(rng.uniform(*C.BLUR_SIGMA)))
    if rng.random() < 0.4:
        noise = np.empty(out.shape, np.int16)
        cv2.setRNGSeed(int(rng.integers(1 << 30)))  # cv2.randn is ~10x faster than numpy's normal
        cv2.randn(noise, 0, float(rng.uniform(*C.NOISE_SIGMA)))
        out = np.clip(out.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    if rng.random() < 0.7:
        q = int(rng.integers(C.JPEG_Q[0], C.JPEG_Q[1] + 1))
        ok, buf = cv2.imencode(".jpg", out[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, q])
        if ok:
            out = cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1]
    return np.ascontiguousarray(out)
