"""Balanced batches for training and a fixed validation set, built from a CropSet.

Why: genuine crops outnumber real swap crops by far, and the real swaps come from few identities.
Each batch is therefore drawn to a fixed recipe (config.POSITIVE_SHARE, REAL_SWAP_SHARE,
PSEUDO_KINDS) instead of by epoch over the data. Cross-identity donors come from a DIFFERENT
identity group of the SAME split, so no held-out identity ever leaks into training. Every sample,
genuine or fake, goes through the same flip / jitter / beauty-filter / call-degradation / resize
chain; the pairs (same-frame swap/twin, plain/beautified genuine) go through one shared draw of it.
"""

import cv2
import numpy as np

import config as C
from data import CropSet
from beautify import beautify, beauty_look
from degrade import degrade
from mesh_warp import delaunay, rasterize
from pseudo_fakes import DONOR_KINDS, make_pseudo_fake

_INTERPOLATIONS = [(cv2.INTER_AREA, 0.5), (cv2.INTER_LINEAR, 0.3), (cv2.INTER_CUBIC, 0.2)]


def to_input(img: np.ndarray, interpolation: int = cv2.INTER_AREA) -> np.ndarray:
    """224 crop -> INPUT_PX model input (uint8 RGB)."""
    return cv2.resize(img, (C.INPUT_PX, C.INPUT_PX), interpolation=interpolation)


def geometric_jitter(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Mirror, and sometimes a small scale/shift/rotation (the engine's alignment wobbles a little)."""
    if rng.random() < 0.5:
        img = img[:, ::-1]
    if rng.random() < 0.5:
        size = img.shape[0]
        m = cv2.getRotationMatrix2D((size / 2, size / 2), float(rng.uniform(-4, 4)), float(rng.uniform(0.95, 1.05)))
        m[:, 2] += rng.uniform(-4, 4, size=2)
        img = cv2.warpAffine(img, m, (size, size), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    return np.ascontiguousarray(img)


class Sampler:
    """Draws training samples from the crops whose index is in `index` (the training split)."""

    def __init__(self, cs: CropSet, index: np.ndarray, seed: int):
        self.cs = cs
        self.rng = np.random.default_rng(seed)
        index = np.asarray(index)
        self.genuine = index[cs.labels[index] == 0]
        self.swaps = index[cs.labels[index] == 1]
        if len(self.genuine) == 0:
            raise SystemExit("the training split has no genuine crops")
        groups = np.array(cs.groups, dtype=object)
        self.genuine_groups = groups[self.genuine]
        # A genuine region of a file that also holds a swap region is that swap's twin.
        swap_files = {cs.files[i] for i in self.swaps}
        self.twins = np.array([i for i in self.genuine if cs.files[i] in swap_files], dtype=np.int64)
        # Same-frame pairs (swap crop, its twin's crop of the same frame) for the ranking term.
        twin_at = {(cs.files[i], int(cs.frames[i])): int(i) for i in self.twins}
        self.pairs = np.array([(int(i), twin_at[(cs.files[i], int(cs.frames[i]))]) for i in self.swaps
                               if (cs.files[i], int(cs.frames[i])) in twin_at], dtype=np.int64).reshape(-1, 2)
        self.tris: dict = {}
        kinds = list(C.PSEUDO_KINDS)
        p = np.array([C.PSEUDO_KINDS[k] for k in kinds], np.float64)
        self.kinds, self.kind_p = kinds, p / p.sum()

    # -- pieces --------------------------------------------------------------------------------
    def _mesh(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Target i's triangulation and its rasterisation at crop size (cached: ~12 ms to make)."""
        mesh = self.tris.get(i)
        if mesh is None:
            tris = delaunay(self.cs.landmarks[i])
            mesh = self.tris[i] = (tris, rasterize(self.cs.landmarks[i], tris, C.CROP_PX))
        return mesh

    def donor_for(self, i: int, candidates: np.ndarray | None = None, groups: np.ndarray | None = None) -> int | None:
        """A genuine crop of another identity group with a similar yaw (warping a profile onto a
        frontal face would look nothing like a swapper's output)."""
        cands = self.genuine if candidates is None else candidates
        cgroups = self.genuine_groups if groups is None else groups
        group = self.cs.groups[i]
        for tries in range(12):
            j = int(cands[self.rng.integers(len(cands))])
            if cgroups is not None and self.cs.groups[j] == group:
                continue
            if abs(float(self.cs.yaw[j] - self.cs.yaw[i])) <= (20 if tries < 8 else 45):
                return j
        return None

    def pseudo_fake(self, i: int, kind: str | None = None, candidates=None, groups=None) -> tuple[np.ndarray, str]:
        cs, rng = self.cs, self.rng
        kind = kind or str(rng.choice(self.kinds, p=self.kind_p))
        donor = None
        if kind in DONOR_KINDS:
            j = self.donor_for(i, candidates, groups)
            if j is None:
                kind = "self_blend"
            else:
                donor = (cs.images[j], cs.landmarks[j])
        tris, index_map = self._mesh(i) if kind == "mesh_swap" else (None, None)
        img = make_pseudo_fake(kind, cs.images[i], cs.masks[i], cs.landmarks[i], rng, donor, tris, index_map)
        return img, kind

    def finish(self, img: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """The chain every sample goes through: beauty filter (over `mask`, the face, when given),
        jitter, call degradation, resize."""
        img = degrade(geometric_jitter(beautify(img, mask, self.rng), self.rng), self.rng)
        interps, p = zip(*_INTERPOLATIONS)
        return to_input(img, int(self.rng.choice(interps, p=p)))

    def finish_pair(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """Crops a and b through the same draw of the finish chain (one random state for both), so
        the pair differs only in what the crops themselves differ in."""
        state = self.rng.bit_generator.state
        xa = self.finish(self.cs.images[a], self.cs.masks[a])
        self.rng.bit_generator.state = state
        return xa, self.finish(self.cs.images[b], self.cs.masks[b])

    def finish_beauty_pair(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Crop i as it is and with the beauty look forced on, both then through the same draw of
        the finish chain: the two differ only by the filter."""
        beautified = beauty_look(self.cs.images[i], self.cs.masks[i], self.rng)
        state = self.rng.bit_generator.state
        plain = self.finish(self.cs.images[i], self.cs.masks[i])
        self.rng.bit_generator.state = state
        return plain, self.finish(beautified, self.cs.masks[i])

    # -- batches -------------------------------------------------------------------------------
    def batch(self, n: int):
        """(n, INPUT_PX, INPUT_PX, 3) uint8 and (n,) float32 labels, balanced per config. With
        PAIR_SHARE > 0 (and same-frame pairs in the split) or BEAUTY_PAIR_SHARE > 0, the batch ends
        in pairs and two more arrays follow: `pairs` (m, 2), the positions of m (swap, twin) pairs,
        and `beauty_pairs` (b, 2), the positions of b (plain, beautified) genuine pairs; either may
        be empty. Layout: singles, then the beauty pairs, then the same-frame pairs."""
        rng = self.rng
        x = np.empty((n, C.INPUT_PX, C.INPUT_PX, 3), np.uint8)
        y = np.zeros(n, np.float32)
        m = int(round(C.PAIR_SHARE * n / 2)) if len(self.pairs) else 0
        b = int(round(C.BEAUTY_PAIR_SHARE * n / 2))
        singles = n - 2 * m - 2 * b
        for k in range(n - 2 * m, n, 2):
            swap, twin = self.pairs[rng.integers(len(self.pairs))]
            x[k], x[k + 1] = self.finish_pair(int(swap), int(twin))
            y[k] = 1
        for k in range(singles, n - 2 * m, 2):
            x[k], x[k + 1] = self.finish_beauty_pair(int(self.genuine[rng.integers(len(self.genuine))]))
        for k in range(singles):
            if rng.random() < C.POSITIVE_SHARE:
                y[k] = 1
                if len(self.swaps) and rng.random() < C.REAL_SWAP_SHARE:
                    i = int(self.swaps[rng.integers(len(self.swaps))])
                    img = self.cs.images[i]
                else:
                    i = int(self.genuine[rng.integers(len(self.genuine))])
                    img, _ = self.pseudo_fake(i)
            else:
                pool = self.twins if len(self.twins) and rng.random() < C.TWIN_GENUINE_SHARE else self.genuine
                i = int(pool[rng.integers(len(pool))])
                img = self.cs.images[i]
            x[k] = self.finish(img, self.cs.masks[i])
        if not (m or b):
            return x, y
        swap_first = np.arange(n - 2 * m, n, 2)
        beauty_first = np.arange(singles, n - 2 * m, 2)
        return (x, y, np.stack([swap_first, swap_first + 1], 1).reshape(-1, 2),
                np.stack([beauty_first, beauty_first + 1], 1).reshape(-1, 2))


def validation_set(cs: CropSet, index: np.ndarray, seed: int, per_item: int = C.VAL_CROPS_PER_ITEM):
    """A fixed set from the validation split: its labelled crops (<= per_item per item) plus one
    pseudo-fake per genuine crop (donors from the same split), all through the same degradation.
    Returns (x uint8, y float32, is_real bool: a real crop rather than a pseudo-fake)."""
    s = Sampler(cs, index, seed)
    chosen = []
    by_item: dict = {}
    for i in index:
        by_item.setdefault(cs.item_ids[i], []).append(int(i))
    for item in sorted(by_item):
        rows = by_item[item]
        sel = np.linspace(0, len(rows) - 1, min(per_item, len(rows))).round().astype(int)
        chosen.extend(rows[j] for j in sel)
    xs, ys, real = [], [], []
    for i in chosen:
        xs.append(s.finish(cs.images[i], cs.masks[i]))
        ys.append(float(cs.labels[i]))
        real.append(True)
        if cs.labels[i] == 0:
            img, _ = s.pseudo_fake(i)
            xs.append(s.finish(img, cs.masks[i]))
            ys.append(1.0)
            real.append(False)
    return np.stack(xs), np.array(ys, np.float32), np.array(real)
