"""A MobileNet-v1 backbone initialised from human's `faceres` face model (models/vendor/faceres.onnx).

Why: the detector has no ImageNet weights offline, and from scratch it learns little beyond the
pseudo-fakes it sees. faceres (HSE FaceRes, MIT via @vladmandic/human) was trained on millions of
faces for identity, age and gender, so its early and middle layers already describe skin, eyes,
mouth and face outlines. We start from them and fine-tune on swaps.

What is taken: the stem and the first `depth` depthwise/pointwise pairs of faceres (MobileNet v1,
ReLU6, batch norm folded into each convolution's weights and bias in the converted graph); the
last pairs (512 -> 1024 channels, 1.6 M parameters) and the embedding/age/gender heads are dropped,
which keeps the detector under the 3 M-parameter cap and fast at 128 px. TensorFlow's "SAME"
padding of the strided convolutions (no padding top/left, one row/column bottom/right) is kept,
so at depth 13 the module reproduces the converted graph's embedding: run this file to check it
against onnxruntime-node (`/usr/bin/python3 scripts/train/face-swap/faceres_backbone.py`; measured
max abs difference 8e-6 on embeddings of magnitude ~5).

Input: NCHW RGB in [0, 1], as every model of the trainer; faceres expects 0..255, so the module
scales.
"""

import json
import os
import subprocess
import tempfile

import numpy as np
import onnx
from onnx import numpy_helper
import torch
import torch.nn as nn
import torch.nn.functional as F

import config as C

FACERES_ONNX = os.path.join(C.REPO_DIR, "models", "vendor", "faceres.onnx")

# (stride, output channels) of conv_dw_1 .. conv_dw_13 / conv_pw_1 .. conv_pw_13 (MobileNet v1)
_PAIRS = [(1, 64), (2, 128), (1, 128), (2, 256), (1, 256), (2, 512),
          (1, 512), (1, 512), (1, 512), (1, 512), (1, 512), (2, 1024), (1, 1024)]


class ConvReLU6(nn.Module):
    """A convolution whose batch norm is folded into weight and bias, then ReLU6."""

    def __init__(self, cin: int, cout: int, k: int, stride: int, groups: int = 1):
        super().__init__()
        self.stride = stride
        self.conv = nn.Conv2d(cin, cout, k, stride, padding=0 if stride == 2 or k == 1 else k // 2,
                              groups=groups, bias=True)

    def forward(self, x):
        if self.stride == 2:  # TensorFlow SAME for an even input: pad bottom/right only
            x = F.pad(x, (0, 1, 0, 1))
        return F.relu6(self.conv(x))


class FaceResBackbone(nn.Module):
    """NCHW RGB [0, 1] -> feature map after conv_pw_<depth>."""

    def __init__(self, depth: int = 11):
        super().__init__()
        self.depth = depth
        layers = [ConvReLU6(3, 32, 3, 2)]
        ch = 32
        for stride, out in _PAIRS[:depth]:
            layers += [ConvReLU6(ch, ch, 3, stride, groups=ch), ConvReLU6(ch, out, 1, 1)]
            ch = out
        self.layers = nn.Sequential(*layers)
        self.out_channels = ch

    def forward(self, x):
        return self.layers(x * 255.0)

    def load_faceres(self, path: str = FACERES_ONNX) -> None:
        """Copy the converted graph's folded weights into the layers (first `depth` pairs)."""
        g = onnx.load(path).graph
        init = {t.name: numpy_helper.to_array(t) for t in g.initializer}
        convs = [n for n in g.node if n.op_type == "Conv"]
        consumers: dict = {}
        for n in g.node:
            for i in n.input:
                consumers.setdefault(i, []).append(n)

        def follow(out: str, op: str):
            nxt = [n for n in consumers.get(out, []) if n.op_type == op]
            return nxt[0] if nxt else None

        mine = [m for m in self.layers]
        assert len(convs) >= len(mine), "faceres graph has fewer convolutions than expected"
        for layer, node in zip(mine, convs):
            w = init[node.input[1]].astype(np.float32)
            scale = np.ones(w.shape[0], np.float32)
            out = node.output[0]
            mul = follow(out, "Mul")
            if mul is not None:  # depthwise: batch-norm scale as a separate Mul
                scale = init[mul.input[1]].reshape(-1).astype(np.float32)
                out = mul.output[0]
            add = follow(out, "Add")
            bias = init[add.input[1]].reshape(-1).astype(np.float32)
            with torch.no_grad():
                layer.conv.weight.copy_(torch.from_numpy(w * scale[:, None, None, None]))
                layer.conv.bias.copy_(torch.from_numpy(bias))


class FaceResSwapNet(nn.Module):
    """faceres-initialised backbone + a fresh head -> one logit per image (NCHW RGB [0, 1])."""

    def __init__(self, depth: int = 11, pretrained: bool = True):
        super().__init__()
        self.backbone = FaceResBackbone(depth)
        if pretrained:
            self.backbone.load_faceres()
        self.fc = nn.Sequential(nn.Dropout(0.3), nn.Linear(self.backbone.out_channels, 1))

    def forward(self, x):
        z = self.backbone(x)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(z, 1), 1))


#: Runs the converted faceres graph in onnxruntime-node (the engine's runtime) on one raw input.
_ORT_EMBEDDING_JS = """
import ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
const [model, input] = process.argv.slice(1);
const b = readFileSync(input);
const x = new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
const s = await ort.InferenceSession.create(model);
const out = await s.run({ input_1: new ort.Tensor('float32', x, [1, 224, 224, 3]) });
console.log(JSON.stringify(Array.from(out['global_pooling_Mean'].data)));
"""


def check_against_faceres() -> float:
    """Max abs difference between the full-depth module's pooled features and faceres's embedding."""
    import cv2

    rng = np.random.default_rng(0)
    img = cv2.GaussianBlur(rng.random((224, 224, 3)).astype(np.float32), (0, 0), 3)
    net = FaceResBackbone(len(_PAIRS))
    net.load_faceres()
    with torch.no_grad():
        mine = net.eval()(torch.from_numpy(img)[None].permute(0, 3, 1, 2)).mean((2, 3)).numpy()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.f32")
        (img * 255.0).astype(np.float32).tofile(path)
        out = subprocess.run(["node", "--input-type=module", "-e", _ORT_EMBEDDING_JS, FACERES_ONNX, path],
                             cwd=C.REPO_DIR, check=True, capture_output=True, text=True)
    return float(np.abs(mine - np.array(json.loads(out.stdout), np.float32)).max())


if __name__ == "__main__":
    diff = check_against_faceres()
    assert diff < 1e-3, f"faceres backbone differs from the converted graph by {diff}"
    print(f"faceres backbone matches models/vendor/faceres.onnx: max abs difference {diff:.1e}")
