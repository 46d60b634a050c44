"""Which crop of the face-crop cache the presentation-attack model sees (pad_config.INPUT): the
scripts read `crop` paths, so for the context input each row's `crop` points at its `context` crop.
"""

import pad_config as P


def add_input_argument(ap) -> None:
    ap.add_argument("--input", choices=P.INPUTS, default=P.INPUT,
                    help="the cache crop the model sees: the aligned face crop or the 2x wider context crop (pad_config.INPUT)")


def use_input(kind: str) -> None:
    """Select the input for this run: the simulator's edge geometry follows it."""
    P.INPUT = kind


def as_input(rows: list, kind: str) -> list:
    """`rows` with `crop` replaced by the crop of `kind` (a cache built before the context crop fails loudly)."""
    if kind == "aligned":
        return rows
    missing = [r["id"] for r in rows if not r.get("context")]
    if missing:
        raise SystemExit(f"{len(missing)} samples have no context crop (e.g. {missing[0]}): rebuild the cache with `npm run dataset`")
    return [r | {"crop": r["context"]} for r in rows]
