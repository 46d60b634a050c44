"""Simulated presentation attacks made from genuine aligned crops (numpy + OpenCV).

Why: the shared media holds ~30 real attack crops (24 prints, 4 screen replays, mostly stills),
far too few to learn from. The physics of a recapture is well known, so it is simulated on every
genuine face instead (the attack traces, not the identities, are what must be learnt):

* screen replay  the face shown on a display and filmed again: the content is resampled onto the
                 display's pixel grid (RGB sub-pixel stripes and a black matrix), rendered at 2x
                 and sampled by the "camera" on a slightly rotated grid without pre-filtering, which
                 aliases into moire; then the display's gamma and colour temperature, a lifted black
                 and lowered white (reduced dynamic range), a glare blob, refresh banding (rolling
                 horizontal bands), slight defocus and sometimes the bezel inside the crop.
* print          the face printed and held up: CMY halftone dots on rotated screens (rendered at 2x,
                 averaged by the camera), paper grain, flat lighting and low contrast (ink black is
                 grey, paper white is not white), lower saturation, a warm cast, shading towards a
                 curled edge with a slight bend, and sometimes the paper's edge inside the crop.

Parameters are drawn once per attack (`screen_params`, `print_params`) and applied per frame with
a frame index `t`, so a sequence (video level) keeps one screen / one sheet while banding rolls and
glare drifts. Every function takes and returns 224x224 uint8 RGB crops; the call-quality
degradation (face-swap trainer's degrade.py) is applied afterwards to genuine and attack samples
alike. References: Patel et al., "Secure face unlock: spoof detection on smartphones" (moire,
IEEE TIFS 2016); Boulkenafet et al., OULU-NPU (2017); Zhang et al., CelebA-Spoof (ECCV 2020).
"""

from functools import lru_cache

import cv2
import numpy as np

import pad_config as P

CROP = 224


def _u(rng: np.random.Generator, lo_hi) -> float:
    return float(rng.uniform(lo_hi[0], lo_hi[1]))


# --- shared pieces ----------------------------------------------------------------------------------

def _geometry() -> dict:
    """Edge and finger settings of the crop the model is trained on (pad_config.INPUT)."""
    return P.EDGE_GEOMETRY[P.INPUT]


def _edge_rect(rng: np.random.Generator) -> tuple:
    """A rectangle that leaves the face (centre of the crop) inside but cuts some crop sides:
    where a screen's bezel or a photo's border enters the crop."""
    g = _geometry()
    x0, y0, x1, y1 = 0, 0, CROP, CROP
    sides = rng.choice(4, size=int(rng.integers(g["sides"][0], g["sides"][1] + 1)), replace=False)
    for s in sides:
        m = int(rng.integers(*g["margin_px"]))
        if s == 0:
            x0 = m
        elif s == 1:
            x1 = CROP - m
        elif s == 2:
            y0 = m
        else:
            y1 = CROP - m
    return x0, y0, x1, y1


def _finger_params(rect: tuple, rng: np.random.Generator) -> list:
    """One or two fingers holding the sheet / phone, across one of the edges `rect` cuts (none
    when the geometry has no fingers or no edge is inside the crop). Each: centre, half axes, angle."""
    g = _geometry()
    if g["fingers_p"] <= 0 or rng.random() >= g["fingers_p"]:
        return []
    x0, y0, x1, y1 = rect
    edges = [e for e, inside in (("left", x0 > 0), ("right", x1 < CROP), ("top", y0 > 0), ("bottom", y1 < CROP)) if inside]
    if not edges:
        return []
    edge = edges[int(rng.integers(len(edges)))]
    fingers = []
    for _ in range(int(rng.integers(1, 3))):
        along = _u(rng, (0.35, 0.95)) * CROP
        w, length = _u(rng, P.FINGER_WIDTH_PX) / 2, _u(rng, P.FINGER_LENGTH_PX) / 2
        tilt = _u(rng, (-0.5, 0.5))
        if edge in ("left", "right"):  # fingers come in from the side, across the vertical edge
            cx = x0 if edge == "left" else x1
            fingers.append((cx + _u(rng, (-0.3, 0.3)) * length, along, length, w, tilt))
        else:
            cy = y0 if edge == "top" else y1
            fingers.append((along, cy + _u(rng, (-0.3, 0.3)) * length, w, length, tilt))
    return fingers


def _draw_fingers(x: np.ndarray, fingers: list, skin: np.ndarray) -> np.ndarray:
    """Skin-coloured rounded fingers in front of the sheet, lit from above (uint8 in and out)."""
    if not fingers:
        return x
    out = x.astype(np.float32)
    for cx, cy, sx, sy, tilt in fingers:
        body = _blob(cx, cy, sx, sy, tilt)
        alpha = np.clip((body - 0.45) * 8, 0, 1)[:, :, None]  # a soft-edged ellipse
        shade = (0.75 + 0.3 * body)[:, :, None]  # rounder = brighter in the middle
        out = out * (1 - alpha) + alpha * skin[None, None, :] * shade
    return np.clip(out, 0, 255).astype(np.uint8)


def _skin_colour(img: np.ndarray) -> np.ndarray:
    """Mean colour of the crop's centre (the face), the holder's skin for the fingers."""
    c = CROP // 2
    return img[c - 12:c + 12, c - 12:c + 12].reshape(-1, 3).astype(np.float32).mean(axis=0)


def _outside_fill(img: np.ndarray, rect: tuple, frame_colour, frame_px: int, bg: np.ndarray) -> np.ndarray:
    """Pixels outside `rect`: a band of `frame_colour` (bezel / paper margin) `frame_px` wide, and
    beyond it the background `bg`."""
    x0, y0, x1, y1 = rect
    yy, xx = np.mgrid[0:CROP, 0:CROP]
    dist = np.maximum.reduce([x0 - xx, xx - (x1 - 1), y0 - yy, yy - (y1 - 1)])  # > 0 outside
    out = img.copy()
    band = (dist > 0) & (dist <= frame_px)
    out[band] = np.asarray(frame_colour, np.uint8)
    beyond = dist > frame_px
    out[beyond] = bg[beyond]
    return out


def _background(rng: np.random.Generator, bg: np.ndarray | None) -> np.ndarray:
    """The room behind the screen / sheet: a blurred other crop, or a flat noisy colour."""
    if bg is not None and rng.random() < 0.7:
        return cv2.GaussianBlur(bg, (0, 0), _u(rng, (2.0, 6.0)))
    col = rng.integers(30, 200, size=3).astype(np.float32)
    noise = rng.normal(0, 6, (CROP, CROP, 1)).astype(np.float32)
    return np.clip(col + noise, 0, 255).astype(np.uint8)


def _blob(cx: float, cy: float, sx: float, sy: float, angle: float) -> np.ndarray:
    yy, xx = np.mgrid[0:CROP, 0:CROP].astype(np.float32)
    c, s = np.cos(angle), np.sin(angle)
    u = ((xx - cx) * c + (yy - cy) * s) / sx
    v = (-(xx - cx) * s + (yy - cy) * c) / sy
    return np.exp(-0.5 * (u * u + v * v))


def _camera_sample(hi: np.ndarray, angle_deg: float, shift: tuple) -> np.ndarray:
    """Sample a SUPERSAMPLE x rendered image down to the crop with rotation and no pre-filter:
    the camera's pixels land between screen pixels and alias into moire."""
    s = P.SUPERSAMPLE
    m = cv2.getRotationMatrix2D((hi.shape[1] / 2, hi.shape[0] / 2), angle_deg, 1.0 / s)
    m[0, 2] += -hi.shape[1] / 2 + CROP / 2 + shift[0]
    m[1, 2] += -hi.shape[0] / 2 + CROP / 2 + shift[1]
    return cv2.warpAffine(hi, m, (CROP, CROP), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


# --- screen replay ----------------------------------------------------------------------------------

def screen_params(rng: np.random.Generator) -> dict:
    p = {
        "grid": rng.random() < P.SCREEN_GRID_P,
        "pitch": _u(rng, P.SCREEN_PITCH_PX),
        "angle": _u(rng, P.SCREEN_ANGLE_DEG),
        "shift": (float(rng.uniform(-1, 1)), float(rng.uniform(-1, 1))),
        "gap": _u(rng, P.SCREEN_GAP),
        "subpixel": rng.random() < 0.75,
        "lens": _u(rng, P.SCREEN_LENS),
        "mix": _u(rng, P.SCREEN_GRID_MIX),
        "gamma": _u(rng, P.SCREEN_GAMMA),
        "temp": _u(rng, P.SCREEN_TEMP),
        "black": _u(rng, P.SCREEN_BLACK),
        "white": _u(rng, P.SCREEN_WHITE),
        "blur": _u(rng, P.BLUR_SIGMA),
        "glare": None,
        "banding": None,
        "bezel": None,
    }
    if rng.random() < P.GLARE_P:
        p["glare"] = {
            "cx": _u(rng, (0, CROP)), "cy": _u(rng, (0, CROP)), "sx": _u(rng, (15, 80)), "sy": _u(rng, (10, 50)),
            "angle": _u(rng, (0, np.pi)), "amp": _u(rng, P.GLARE_AMP), "drift": (float(rng.normal(0, 2)), float(rng.normal(0, 2))),
        }
    if rng.random() < P.BANDING_P:
        p["banding"] = {"amp": _u(rng, P.BANDING_AMP), "period": _u(rng, P.BANDING_PERIOD_PX),
                        "phase": _u(rng, (0, 2 * np.pi)), "speed": _u(rng, (0.3, 2.5))}
    if rng.random() < _geometry()["bezel_p"]:
        p["bezel"] = {"rect": _edge_rect(rng), "colour": [int(rng.integers(5, 60))] * 3,
                      "px": int(rng.integers(3, 25)), "seed": int(rng.integers(1 << 30))}
        p["bezel"]["fingers"] = _finger_params(p["bezel"]["rect"], rng)
    return p


def _pixel_grid(n: int, size: int, gap: float, subpixel: bool) -> np.ndarray:
    """(size, size, 3) float32 transmission of a display with n x n pixels rendered at `size`
    (cached per parameters, gap rounded to 0.02: the grid is ~a third of a replay's cost)."""
    return _pixel_grid_cached(n, size, round(gap * 50) / 50, subpixel)


@lru_cache(maxsize=96)
def _pixel_grid_cached(n: int, size: int, gap: float, subpixel: bool) -> np.ndarray:
    coord = (np.arange(size, dtype=np.float32) + 0.5) * n / size
    frac = coord - np.floor(coord)
    row_lit = (frac < 1.0 - gap).astype(np.float32)  # black matrix between pixel rows
    if subpixel:
        cols = []
        for c in range(3):  # R, G, B vertical stripes, each a third of a pixel minus a gap
            lo, hi = c / 3.0, (c + 1) / 3.0 - gap / 3.0
            cols.append(((frac >= lo) & (frac < hi)).astype(np.float32))
        col_lit = np.stack(cols, -1) * 3.0  # each stripe carries its channel's whole light
    else:
        col_lit = np.repeat((frac < 1.0 - gap).astype(np.float32)[:, None], 3, 1)
    grid = row_lit[:, None, None] * col_lit[None, :, :]
    grid = 0.08 + 0.92 * grid  # light bleeds into the gaps
    return grid / grid.mean(axis=(0, 1), keepdims=True)


def screen_replay(img: np.ndarray, p: dict, rng: np.random.Generator, t: int = 0, bg: np.ndarray | None = None) -> np.ndarray:
    """The crop as a camera sees it on a display (uint8 RGB in and out)."""
    x = img
    if p["bezel"] is not None:
        b = p["bezel"]
        x = _outside_fill(x, b["rect"], b["colour"], b["px"], _background(np.random.default_rng(b["seed"]), bg))
    x = x.astype(np.float32) / 255.0
    # display gamma and colour temperature act on the shown image
    x = np.power(np.clip(x, 0, 1), p["gamma"])
    k = P.SCREEN_TEMP_GAIN * p["temp"]
    x = x * np.array([1 - k, 1 - 0.2 * k, 1 + k], np.float32)
    if p["grid"]:
        s = P.SUPERSAMPLE
        n = max(16, int(round(CROP / p["pitch"])))
        disp = cv2.resize(x, (n, n), interpolation=cv2.INTER_AREA)
        hi = cv2.resize(disp, (CROP * s, CROP * s), interpolation=cv2.INTER_NEAREST)
        hi = hi * _pixel_grid(n, CROP * s, p["gap"], p["subpixel"])
        if p["lens"] > 0.05:
            hi = cv2.GaussianBlur(hi, (0, 0), p["lens"] * s * p["pitch"] / 2)
        x = (1 - p["mix"]) * x + p["mix"] * _camera_sample(hi, p["angle"], p["shift"])
    # the re-filmed screen: black is grey, white is dim
    x = (p["black"] + np.clip(x, 0, 1.3) * (p["white"] - p["black"])) / 255.0
    if p["banding"] is not None:
        b = p["banding"]
        yy = np.arange(CROP, dtype=np.float32)[:, None, None]
        x = x * (1 + b["amp"] * np.sin(2 * np.pi * yy / b["period"] + b["phase"] + b["speed"] * t))
    if p["glare"] is not None:
        g = p["glare"]
        blob = _blob(g["cx"] + g["drift"][0] * t, g["cy"] + g["drift"][1] * t, g["sx"], g["sy"], g["angle"])
        x = x + (g["amp"] / 255.0) * blob[:, :, None]
    x = np.clip(x * 255.0, 0, 255).astype(np.uint8)
    if p["bezel"] is not None:  # the hand holding the phone, in front of the screen
        x = _draw_fingers(x, p["bezel"].get("fingers", []), _skin_colour(img))
    if p["blur"] > 0.25:
        x = cv2.GaussianBlur(x, (0, 0), p["blur"])
    return x


# --- print -------------------------------------------------------------------------------------------

def print_params(rng: np.random.Generator) -> dict:
    p = {
        "halftone": rng.random() < P.HALFTONE_P,
        "period": _u(rng, P.HALFTONE_PERIOD_PX),
        "screen": _u(rng, (0, 90)),  # base screen angle (CMY at +15/+75/+0 from it)
        "mix": _u(rng, P.HALFTONE_MIX),
        "contrast": _u(rng, P.PRINT_CONTRAST),
        "black": _u(rng, P.PRINT_INK_BLACK),
        "white": _u(rng, P.PRINT_PAPER_WHITE),
        "saturation": _u(rng, P.PRINT_SATURATION),
        "texture": _u(rng, P.PAPER_TEXTURE),
        "texture_seed": int(rng.integers(1 << 30)),
        "cast": _u(rng, P.CAST_GAIN),
        "blur": _u(rng, P.BLUR_SIGMA),
        "curl": None,
        "edge": None,
        "glare": None,
    }
    if rng.random() < P.CURL_P:
        p["curl"] = {"angle": _u(rng, (0, 2 * np.pi)), "shade": _u(rng, P.CURL_SHADE),
                     "warp": _u(rng, P.CURL_WARP_PX), "power": _u(rng, (1.5, 3.0))}
    if rng.random() < P.PAPER_EDGE_P:
        p["edge"] = {"rect": _edge_rect(rng), "colour": [int(rng.integers(170, 245))] * 3,
                     "px": int(rng.integers(2, 18)), "seed": int(rng.integers(1 << 30))}
    if rng.random() < 0.25:  # glossy photo paper
        p["glare"] = {"cx": _u(rng, (0, CROP)), "cy": _u(rng, (0, CROP)), "sx": _u(rng, (20, 90)),
                      "sy": _u(rng, (8, 40)), "angle": _u(rng, (0, np.pi)), "amp": _u(rng, (20, 90))}
    return p


def _halftone(x: np.ndarray, period: float, base_deg: float) -> np.ndarray:
    """CMY halftone of x (float RGB [0,1]) rendered at SUPERSAMPLE x and area-averaged back."""
    size = CROP * P.SUPERSAMPLE
    hi = cv2.resize(x, (size, size), interpolation=cv2.INTER_LINEAR)
    dots = _dot_screens(round(period * 10) / 10, round(base_deg / 3) * 3)
    ink = 1.0 - hi  # cyan / magenta / yellow coverage
    out = 1.0 - (ink > dots).astype(np.float32)
    return cv2.resize(out, (CROP, CROP), interpolation=cv2.INTER_AREA)


@lru_cache(maxsize=64)
def _dot_screens(period: float, base_deg: float) -> np.ndarray:
    """(size, size, 3) threshold screens in 0..1, one rotated dot screen per ink (cached)."""
    s = P.SUPERSAMPLE
    size = CROP * s
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    f = 2 * np.pi / (period * s)
    dots = np.empty((size, size, 3), np.float32)
    for c, off in enumerate((15.0, 75.0, 0.0)):
        a = np.deg2rad(base_deg + off)
        u = xx * np.cos(a) + yy * np.sin(a)
        v = -xx * np.sin(a) + yy * np.cos(a)
        dots[:, :, c] = 0.5 + 0.25 * (np.cos(f * u) + np.cos(f * v))
    return dots


def print_attack(img: np.ndarray, p: dict, rng: np.random.Generator, t: int = 0, bg: np.ndarray | None = None) -> np.ndarray:
    """The crop as a camera sees it on a printed sheet held up (uint8 RGB in and out)."""
    x = img.astype(np.float32) / 255.0
    # printing: less saturation and contrast, then ink on paper
    grey = x.mean(axis=2, keepdims=True)
    x = grey + (x - grey) * p["saturation"]
    x = grey.mean() + (x - grey.mean()) * p["contrast"]
    x = np.clip(x, 0, 1)
    if p["halftone"]:
        x = (1 - p["mix"]) * x + p["mix"] * _halftone(x, p["period"], p["screen"])
    tex_rng = np.random.default_rng(p["texture_seed"])  # the same sheet in every frame
    grain = tex_rng.normal(0, 1, (CROP // 4, CROP // 4)).astype(np.float32)
    grain = cv2.resize(grain, (CROP, CROP), interpolation=cv2.INTER_CUBIC)
    fine = tex_rng.normal(0, 0.5, (CROP, CROP)).astype(np.float32)
    x = x * (1 + p["texture"] * (grain + fine))[:, :, None]
    # flat lighting: ink black and paper white as the camera sees them
    x = (p["black"] + x * (p["white"] - p["black"])) / 255.0
    x = x * np.array([1 + p["cast"], 1 + 0.5 * p["cast"], 1 - p["cast"]], np.float32)
    if p["curl"] is not None:
        c = p["curl"]
        yy, xx = np.mgrid[0:CROP, 0:CROP].astype(np.float32)
        d = ((xx - CROP / 2) * np.cos(c["angle"]) + (yy - CROP / 2) * np.sin(c["angle"])) / CROP + 0.5  # 0..1
        ramp = np.clip(d, 0, 1) ** c["power"]
        x = x * (1 - c["shade"] * ramp)[:, :, None]
        if c["warp"] > 0.5:  # the sheet bends: pixels pushed along the curl direction
            disp = c["warp"] * ramp
            mx = (xx + disp * np.cos(c["angle"])).astype(np.float32)
            my = (yy + disp * np.sin(c["angle"])).astype(np.float32)
            x = cv2.remap(x.astype(np.float32), mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    if p["glare"] is not None:
        g = p["glare"]
        x = x + (g["amp"] / 255.0) * _blob(g["cx"], g["cy"], g["sx"], g["sy"], g["angle"])[:, :, None]
    x = np.clip(x * 255.0, 0, 255).astype(np.uint8)
    if p["edge"] is not None:
        e = p["edge"]
        x = _outside_fill(x, e["rect"], e["colour"], e["px"], _background(np.random.default_rng(e["seed"]), bg))
        x = _draw_fingers(x, e.get("fingers", []), _skin_colour(img))
    if p["blur"] > 0.25:
        x = cv2.GaussianBlur(x, (0, 0), p["blur"])
    return x


#: kind -> (parameter draw, renderer); looked up by name, no if/elif chains.
ATTACKS = {
    "replay": (screen_params, screen_replay),
    "print": (print_params, print_attack),
}


def simulate(kind: str, img: np.ndarray, rng: np.random.Generator, bg: np.ndarray | None = None) -> np.ndarray:
    """One simulated still of `kind` (fresh parameters)."""
    draw, render = ATTACKS[kind]
    return render(img, draw(rng), rng, 0, bg)


def simulate_sequence(kind: str, frames: list, rng: np.random.Generator, bg: np.ndarray | None = None) -> list:
    """A sequence: one screen / sheet (parameters drawn once) over consecutive crops."""
    draw, render = ATTACKS[kind]
    p = draw(rng)
    return [render(f, p, rng, t, bg) for t, f in enumerate(frames)]
