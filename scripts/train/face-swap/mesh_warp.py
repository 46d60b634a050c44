"""Piecewise-affine warp of one face onto another face's 468 mesh points.

Why: a cross-identity pseudo-fake must put another person's face texture exactly where the
target's face is, following the target's expression and pose, the way a real-time swapper does.
A Delaunay triangulation of the target's mesh points, with one affine map per triangle, does that
with OpenCV alone. The map is built densely (a triangle-index raster plus per-pixel affine
coordinates) so one cv2.remap renders the face: ~2 ms at swapper resolution.
"""

import cv2
import numpy as np


def delaunay(points: np.ndarray) -> np.ndarray:
    """Triangles (T, 3) of vertex indices of a Delaunay triangulation of `points` (N, 2)."""
    pts = points.astype(np.float32)
    lo = np.floor(pts.min(axis=0)).astype(int) - 10
    hi = np.ceil(pts.max(axis=0)).astype(int) + 10
    subdiv = cv2.Subdiv2D((int(lo[0]), int(lo[1]), int(hi[0] - lo[0]), int(hi[1] - lo[1])))
    for x, y in pts:
        subdiv.insert((float(x), float(y)))
    # getTriangleList gives corner coordinates; map them back to point indices. Corners on
    # Subdiv2D's outer bounding triangle match no point and drop out, as do coincident points.
    keys = {(round(float(x), 2), round(float(y), 2)): i for i, (x, y) in enumerate(pts)}
    tris = []
    for tri in subdiv.getTriangleList().reshape(-1, 3, 2):
        idx = [keys.get((round(float(x), 2), round(float(y), 2))) for x, y in tri]
        if None not in idx and len(set(idx)) == 3:
            tris.append(idx)
    return np.asarray(tris, dtype=np.int32).reshape(-1, 3)


def triangle_affines(src_pts: np.ndarray, dst_pts: np.ndarray, tris: np.ndarray) -> np.ndarray:
    """(T, 2, 3) affine maps taking each destination triangle to its source triangle."""
    d = dst_pts[tris]  # (T, 3, 2)
    s = src_pts[tris]
    ones = np.ones((len(tris), 3, 1), dtype=np.float64)
    dh = np.concatenate([d, ones], axis=2)  # (T, 3, 3): rows [x y 1]
    # Solve dh @ M^T = s for each triangle; degenerate triangles get a least-squares answer.
    det = np.linalg.det(dh)
    good = np.abs(det) > 1e-6
    out = np.zeros((len(tris), 2, 3))
    if good.any():
        out[good] = np.transpose(np.linalg.solve(dh[good], s[good]), (0, 2, 1))
    return out


def rasterize(dst_pts: np.ndarray, tris: np.ndarray, size: int) -> np.ndarray:
    """(size, size) uint16 map: 1 + the index of the triangle covering each pixel, 0 outside."""
    index_map = np.zeros((size, size), dtype=np.uint16)
    corners = np.round(dst_pts[tris] * 16).astype(np.int32)  # 4 fractional bits
    for t in range(len(tris)):
        cv2.fillConvexPoly(index_map, corners[t], t + 1, lineType=cv2.LINE_8, shift=4)
    return index_map


_GRIDS: dict = {}


def _grid(size: int):
    g = _GRIDS.get(size)
    if g is None:
        ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
        g = _GRIDS[size] = (xs, ys)
    return g


def warp_face(
    src_img: np.ndarray,
    src_pts: np.ndarray,
    dst_pts: np.ndarray,
    out_size: int,
    tris: np.ndarray | None = None,
    index_map: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Render `src_img`'s face at `dst_pts` on an out_size x out_size canvas.

    src_pts / dst_pts are (468, 2) in source-image and canvas pixels. `index_map` (from
    rasterize(), possibly computed at another size and resized nearest-neighbour: neighbouring
    triangles' maps agree on shared edges) skips the rasterisation. Returns (image, covered),
    covered = 255 where a mesh triangle was rendered.
    """
    if tris is None:
        tris = delaunay(dst_pts)
    if index_map is None:
        index_map = rasterize(dst_pts, tris, out_size)
    elif index_map.shape[0] != out_size:
        index_map = cv2.resize(index_map, (out_size, out_size), interpolation=cv2.INTER_NEAREST)
    affines = triangle_affines(src_pts.astype(np.float64), dst_pts.astype(np.float64), tris).astype(np.float32)
    affines = np.concatenate([np.zeros((1, 2, 3), np.float32), affines])  # row 0: outside the mesh
    covered = index_map > 0
    xs, ys = _grid(out_size)
    a = affines[index_map]  # (H, W, 2, 3)
    map_x = a[..., 0, 0] * xs + a[..., 0, 1] * ys + a[..., 0, 2]
    map_y = a[..., 1, 0] * xs + a[..., 1, 1] * ys + a[..., 1, 2]
    map_x[~covered] = -1
    map_y[~covered] = -1
    img = cv2.remap(src_img, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return img, covered.astype(np.uint8) * 255
