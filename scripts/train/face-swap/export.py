"""ONNX export, fp16 weight storage, and the torch-vs-onnxruntime-node parity check.

Why: the engine runs every model through onnxruntime-node with NHWC float input, so the exported
graph takes `input` [N, H, W, 3] RGB in [0, 1] and transposes inside. Weights are stored as fp16
(with Cast nodes back to fp32, folded by onnxruntime at load) when that keeps the outputs within
config.FP16_TOLERANCE, which halves the file at unchanged speed (FIELD-NOTES). Parity is measured
in onnxruntime-node itself, the runtime whose numbers count.
"""

import json
import os
import subprocess
import tempfile

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

import config as C

from model import ExportWrapper


def export_onnx(net: nn.Module, path: str) -> None:
    """fp32 ONNX of ExportWrapper(net): `input` NHWC [N, INPUT_PX, INPUT_PX, 3] -> `score` [N, 1]."""
    wrapper = ExportWrapper(net).eval()
    dummy = torch.rand(1, C.INPUT_PX, C.INPUT_PX, 3)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            wrapper,
            dummy,
            path,
            opset_version=C.OPSET,
            input_names=["input"],
            output_names=["score"],
            dynamic_axes={"input": {0: "batch"}, "score": {0: "batch"}},
            do_constant_folding=True,
        )
    onnx.checker.check_model(onnx.load(path))


def to_fp16_weights(src: str, dst: str, min_elements: int = 16) -> int:
    """Store float initializers (>= min_elements values) as fp16 followed by a Cast to fp32.
    Returns how many tensors were converted."""
    m = onnx.load(src)
    g = m.graph
    casts, keep, converted = [], [], 0
    for init in g.initializer:
        if init.data_type == TensorProto.FLOAT and int(np.prod(init.dims)) >= min_elements:
            arr = numpy_helper.to_array(init)
            half = numpy_helper.from_array(arr.astype(np.float16), init.name + "_fp16")
            keep.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT, name=init.name + "_cast"))
            converted += 1
        else:
            keep.append(init)
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts + nodes)
    onnx.checker.check_model(m)
    onnx.save(m, dst)
    return converted


def ort_scores(model_path: str, x: np.ndarray) -> dict:
    """Run parity.mjs on x (N, H, W, 3) float32; returns its JSON (scores, medianMs, names)."""
    with tempfile.NamedTemporaryFile(suffix=".f32", delete=False) as f:
        f.write(np.ascontiguousarray(x, np.float32).tobytes())
        raw = f.name
    try:
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parity.mjs")
        out = subprocess.run(
            ["node", script, model_path, raw, str(x.shape[0]), str(x.shape[1]), str(x.shape[2])],
            cwd=C.REPO_DIR, capture_output=True, text=True, check=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])
    finally:
        os.remove(raw)


def torch_scores(net: nn.Module, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return ExportWrapper(net).eval()(torch.from_numpy(np.ascontiguousarray(x, np.float32))).numpy()[:, 0]


def export_checked(net: nn.Module, path: str, x: np.ndarray, try_fp16: bool = True) -> dict:
    """Export fp32, check parity on x in onnxruntime-node, then keep fp16 weights if they stay
    within tolerance. Returns a parity report for the model card."""
    net = net.eval()
    ref = torch_scores(net, x)
    tmp32 = path + ".fp32.tmp"
    export_onnx(net, tmp32)
    r32 = ort_scores(tmp32, x)
    diff32 = float(np.abs(np.array(r32["scores"]) - ref).max())
    if diff32 > 1e-3:
        raise SystemExit(f"fp32 ONNX parity failed: max |torch - onnxruntime-node| = {diff32:.2e} > 1e-3")
    report = {
        "images": int(x.shape[0]),
        "fp32MaxAbsDiff": diff32,
        "fp32MedianMsPerImage": r32["medianMs"],
        "inputNames": r32["inputs"],
        "outputNames": r32["outputs"],
        "torchScores": [round(float(v), 6) for v in ref],
    }
    chosen = tmp32
    if try_fp16:
        tmp16 = path + ".fp16.tmp"
        n = to_fp16_weights(tmp32, tmp16)
        r16 = ort_scores(tmp16, x)
        diff16 = float(np.abs(np.array(r16["scores"]) - ref).max())
        report.update({"fp16MaxAbsDiff": diff16, "fp16MedianMsPerImage": r16["medianMs"], "fp16Tensors": n})
        if diff16 <= C.FP16_TOLERANCE:
            chosen = tmp16
        else:
            os.remove(tmp16)
    report["weights"] = "fp16" if chosen != tmp32 else "fp32"
    os.replace(chosen, path)
    if os.path.exists(tmp32):
        os.remove(tmp32)
    report["bytes"] = os.path.getsize(path)
    return report
