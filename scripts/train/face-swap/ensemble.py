"""Join trained face-swap runs into one model that averages their logits.

    /usr/bin/python3 scripts/train/face-swap/ensemble.py --runs RUN_A RUN_B [...] --out DIR [--final]

Why: two runs of one recipe on the same crops differ by several hundredths of held-out AUC from
the seed alone (models/README.md), so much of what one net scores is its own noise; the mean of
independently trained nets' logits keeps what they agree on. Each run must hold fold-<k>.onnx for
every fold of the same folds.json (train.py --all-folds), so fold k of the ensemble — the members'
fold-k models, none of which saw fold k — is still out-of-fold, and `callsentinel eval --models-dir
DIR` measures it like any single run. With --final the members' final models (<run>/final/
face-swap.onnx) become DIR/final/face-swap.onnx with a card naming its members.

The joined graph shares one `input`, runs every member (its names prefixed m0/, m1/, …), takes each
member's logit (the input of its last Sigmoid), and gives `score` = sigmoid(mean of the logits): a
[N, 1] probability like every single run's, so the engine and the eval need nothing new.
"""

import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import compose, helper

import config as C
from export import ort_scores
from training_run import model_file_fields, software_fields, write_card_json


def member_logit(model: onnx.ModelProto) -> str:
    """Name of the tensor a member's `score` Sigmoid reads (its logit); fails on any other shape."""
    producers = [n for n in model.graph.node if "score" in n.output]
    if len(producers) != 1 or producers[0].op_type != "Sigmoid":
        raise SystemExit("a member's `score` must come from one Sigmoid (train.py's export)")
    return producers[0].input[0]


def join_models(paths: list) -> onnx.ModelProto:
    """One graph: every member on the shared `input`, `score` = sigmoid(mean of member logits)."""
    members = [onnx.load(p) for p in paths]
    opsets = {tuple((o.domain, o.version) for o in m.opset_import) for m in members}
    if len(opsets) != 1:
        raise SystemExit(f"members differ in opset: {opsets}")
    for p, m in zip(paths, members):
        if [i.name for i in m.graph.input if i.name not in {t.name for t in m.graph.initializer}] != ["input"]:
            raise SystemExit(f"{p}: expected one graph input named `input`")
    nodes, inits, logits = [], [], []
    for i, m in enumerate(members):
        logit = member_logit(m)
        m = compose.add_prefix(m, f"m{i}/")
        for n in m.graph.node:  # every member reads the one shared `input`
            n.input[:] = ["input" if name == f"m{i}/input" else name for name in n.input]
        nodes += [n for n in m.graph.node if list(n.output) != [f"m{i}/score"]]
        inits += list(m.graph.initializer)
        logits.append(f"m{i}/{logit}")
    nodes += [helper.make_node("Mean", logits, ["mean_logit"], name="ensemble_mean"),
              helper.make_node("Sigmoid", ["mean_logit"], ["score"], name="ensemble_sigmoid")]
    graph = helper.make_graph(nodes, "face_swap_ensemble", [members[0].graph.input[0]],
                              [members[0].graph.output[0]], inits)
    joined = helper.make_model(graph, opset_imports=members[0].opset_import, producer_name="callsentinel-ensemble")
    joined.ir_version = members[0].ir_version
    onnx.checker.check_model(joined)
    return joined


def mean_logit_probability(member_probs) -> np.ndarray:
    """What the joined model computes, from the members' probabilities (axis 0: members)."""
    p = np.clip(np.asarray(member_probs, dtype=np.float64), 1e-7, 1 - 1e-7)
    return 1 / (1 + np.exp(-np.log(p / (1 - p)).mean(axis=0)))


def parity(joined_path: str, member_paths: list, x: np.ndarray) -> dict:
    """The joined model against sigmoid(mean(logit(member scores))), all in onnxruntime-node."""
    expected = mean_logit_probability([ort_scores(p, x)["scores"] for p in member_paths])
    got = ort_scores(joined_path, x)
    diff = float(np.abs(np.array(got["scores"]) - expected).max())
    if diff > 1e-4:
        raise SystemExit(f"{joined_path}: joined model differs from the members' mean logit by {diff:.2e}")
    return {"images": int(x.shape[0]), "maxAbsDiffToMemberMean": diff, "medianMsPerImage": got["medianMs"]}


def check_inputs(seed: int = 7) -> np.ndarray:
    """Inputs for the parity check: smooth random images in [0, 1] (parity needs no real faces)."""
    rng = np.random.default_rng(seed)
    small = rng.random((6, 8, 8, 3), dtype=np.float32)
    return np.repeat(np.repeat(small, C.INPUT_PX // 8, axis=1), C.INPUT_PX // 8, axis=2)


def pooled_oof(runs: list, out: str) -> int:
    """oof-scores.jsonl of the ensemble (mean logit per crop), so the eval's trainer-agreement check holds."""
    per_run = []
    for r in runs:
        with open(os.path.join(r, "oof-scores.jsonl")) as f:
            per_run.append({row["id"]: row for row in map(json.loads, f)})
    ids = set(per_run[0])
    if any(set(p) != ids for p in per_run):
        raise SystemExit("the runs scored different crops (another crop cache?)")
    with open(os.path.join(out, "oof-scores.jsonl"), "w") as f:
        for crop_id in sorted(ids):
            score = mean_logit_probability([run[crop_id]["score"] for run in per_run])
            row = dict(per_run[0][crop_id], score=round(float(score), 6))
            f.write(json.dumps(row) + "\n")
    return len(ids)


def main() -> None:
    ap = argparse.ArgumentParser(description="Average the logits of trained face-swap runs (fold models and final).")
    ap.add_argument("--runs", nargs="+", required=True, help="train.py --out folders (fold-<k>.onnx, oof-scores.jsonl)")
    ap.add_argument("--out", required=True, help="folder for the joined fold-<k>.onnx, oof-scores.jsonl, summary.json")
    ap.add_argument("--final", action="store_true", help="also join <run>/final/face-swap.onnx into <out>/final/")
    args = ap.parse_args()
    if len(args.runs) < 2:
        ap.error("give at least two --runs")
    summaries = []
    for r in args.runs:
        with open(os.path.join(r, "summary.json")) as f:
            summaries.append(json.load(f))
    ks = {s["K"] for s in summaries}
    if len(ks) != 1:
        raise SystemExit(f"the runs have different fold counts: {ks}")
    K = ks.pop()
    os.makedirs(args.out, exist_ok=True)
    x = check_inputs()
    folds = []
    for k in range(K):
        paths = [os.path.join(r, f"fold-{k}.onnx") for r in args.runs]
        target = os.path.join(args.out, f"fold-{k}.onnx")
        onnx.save(join_models(paths), target)
        folds.append({"fold": k, "parity": parity(target, paths, x)})
        print(f"fold {k}: joined {len(paths)} members, parity {folds[-1]['parity']['maxAbsDiffToMemberMean']:.1e}", flush=True)
    crops = pooled_oof(args.runs, args.out)
    summary = {"K": K, "ensemble": {"method": "mean of member logits, then sigmoid", "members": args.runs},
               "folds": folds, "oofCrops": crops}
    if args.final:
        paths = [os.path.join(r, "final", "face-swap.onnx") for r in args.runs]
        target = os.path.join(args.out, "final", "face-swap.onnx")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        onnx.save(join_models(paths), target)
        summary["final"] = {"parity": parity(target, paths, x)}
        write_card(target, paths, summary)
        print(f"final: {target} ({os.path.getsize(target)} bytes)", flush=True)
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)


def write_card(target: str, member_paths: list, summary: dict) -> None:
    """The ensemble's card: what the engine reads (input, output, licence) from the first member's
    card, plus the members' own cards whole, so each one's data, recipe and command stay on record."""
    cards = []
    for p in member_paths:
        with open(os.path.splitext(p)[0] + ".card.json") as f:
            cards.append(json.load(f))
    first = cards[0]
    card = {
        **model_file_fields(target),
        "task": first.get("task"),
        "input": first.get("input"),
        "output": first.get("output"),
        "cropConvention": first.get("cropConvention"),
        "architecture": {
            "kind": f"ensemble: score = sigmoid(mean of {len(cards)} members' logits); members: "
                    + "; ".join(str((c.get("architecture") or {}).get("kind")) for c in cards),
            "parameters": sum(int((c.get("architecture") or {}).get("parameters") or 0) for c in cards),
            "members": len(cards),
        },
        "parity": summary["final"]["parity"],
        "command": " ".join(["/usr/bin/python3"] + sys.argv),
        "licence": first.get("licence"),
        "members": cards,
        **software_fields(),
    }
    write_card_json(target, card)


if __name__ == "__main__":
    main()
