"""Beauty-filter and greyscale looks, applied to genuine and fake samples with the same probability.

Why: most phone video-call apps smooth and brighten the skin by default ("beauty mode"), and many
genuine portraits are retouched. A swapper's output is smooth too, so without this a detector may
learn "smooth skin = swap": the faceres-started model of session 5 did (an untouched clip run
through ffmpeg's bilateral filter rose from 0.16 to 0.50, past its 5 % false-alarm threshold of
0.43, while v1 moved 0.14 -> 0.16). Smoothing both classes alike leaves the cues a beauty filter
does not make: blend seams, colour and lighting mismatch, a face that does not belong to its head.
"""

import cv2
import numpy as np

import config as C


def beautify(img: np.ndarray, mask: np.ndarray | None, rng: np.random.Generator) -> np.ndarray:
    """With probability C.BEAUTY_P the beauty look (beauty_look: edge-preserving smoothing plus a
    slight brightening), then, with probability C.GREY_P, greyscale. Both looks are off when C.BEAUTY_P is 0 (the
    default; `train.py --beauty-p`). uint8 RGB in and out."""
    if C.BEAUTY_P <= 0:
        return img
    out = beauty_look(img, mask, rng) if rng.random() < C.BEAUTY_P else img
    if rng.random() < C.GREY_P:
        out = to_grey(out)
    return np.ascontiguousarray(out)


def beauty_look(img: np.ndarray, mask: np.ndarray | None, rng: np.random.Generator) -> np.ndarray:
    """The beauty look itself, always applied: bilateral smoothing with a random strength plus a
    slight brightening, over the whole crop or (half the time, when `mask` is given) the face only
    through a feathered mask. uint8 RGB in and out."""
    sigma_colour = float(rng.uniform(*C.BEAUTY_SIGMA_COLOUR))
    smooth = cv2.bilateralFilter(np.ascontiguousarray(img), 9, sigma_colour, float(rng.uniform(*C.BEAUTY_SIGMA_SPACE)))
    lift = float(rng.uniform(*C.BEAUTY_LIFT))
    smooth = cv2.convertScaleAbs(smooth, alpha=1.0 - lift / 255.0, beta=lift)  # lighter, same white point
    if mask is not None and rng.random() < 0.5:
        w = cv2.GaussianBlur(mask.astype(np.float32) / 255.0, (0, 0), 6.0)[..., None]
        return (smooth * w + img * (1.0 - w)).round().astype(np.uint8)
    return smooth


def to_grey(img: np.ndarray) -> np.ndarray:
    """Greyscale, kept as three equal RGB channels (the models take colour input)."""
    g = cv2.cvtColor(np.ascontiguousarray(img), cv2.COLOR_RGB2GRAY)
    return np.repeat(g[:, :, None], 3, axis=2)
