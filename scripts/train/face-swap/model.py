"""A compact MobileNetV3-small-like classifier, and the wrapper that is exported to ONNX.

Why this size: on 2 CPU cores a ~1.5 M-parameter MobileNetV3-small-like net trains at ~150
images/s at 128x128 (FIELD-NOTES), which lets five folds plus the final model fit in an hour, and
it runs in ~1 ms per crop in onnxruntime-node, well inside the call's frame budget.

Why a high-pass input: swap traces (blend seams, a face interior softer or noisier than its
surroundings, upscaling) live in the high frequencies, which the first strided convolution of a
small net averages away. A fixed 3x3 high-pass of each colour channel is fed next to the RGB
channels (6 input channels); it costs only the stem.

The exported wrapper takes what the engine feeds its other models: NHWC float RGB in [0, 1],
and returns the sigmoid probability of "swapped" as `score` [N, 1].
"""

import torch
import torch.nn as nn
import torch.nn.functional as F

import config as C


def _make_divisible(v: float, divisor: int = 8) -> int:
    return max(divisor, int(v + divisor / 2) // divisor * divisor)


class SqueezeExcite(nn.Module):
    def __init__(self, ch: int):
        super().__init__()
        mid = _make_divisible(ch // 4)
        self.fc1 = nn.Conv2d(ch, mid, 1)
        self.fc2 = nn.Conv2d(mid, ch, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        s = F.hardsigmoid(self.fc2(F.relu(self.fc1(s))))
        return x * s


class InvertedResidual(nn.Module):
    def __init__(self, cin: int, k: int, exp: int, cout: int, se: bool, hs: bool, stride: int):
        super().__init__()
        act = nn.Hardswish if hs else nn.ReLU
        layers = []
        if exp != cin:
            layers += [nn.Conv2d(cin, exp, 1, bias=False), nn.BatchNorm2d(exp), act()]
        layers += [nn.Conv2d(exp, exp, k, stride, k // 2, groups=exp, bias=False), nn.BatchNorm2d(exp), act()]
        if se:
            layers.append(SqueezeExcite(exp))
        layers += [nn.Conv2d(exp, cout, 1, bias=False), nn.BatchNorm2d(cout)]
        self.block = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.block(x)
        return x + y if self.residual else y


# kernel, expansion, out, SE, hard-swish, stride (MobileNetV3-small, Howard et al. 2019)
_SMALL = [
    (3, 16, 16, True, False, 2),
    (3, 72, 24, False, False, 2),
    (3, 88, 24, False, False, 1),
    (5, 96, 40, True, True, 2),
    (5, 240, 40, True, True, 1),
    (5, 240, 40, True, True, 1),
    (5, 120, 48, True, True, 1),
    (5, 144, 48, True, True, 1),
    (5, 288, 96, True, True, 2),
    (5, 576, 96, True, True, 1),
    (5, 576, 96, True, True, 1),
]


class HighPass(nn.Module):
    """Fixed per-channel 3x3 high-pass (pixel minus its 3x3 binomial blur), scaled up."""

    def __init__(self, gain: float = 4.0):
        super().__init__()
        blur = torch.tensor([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]) / 16.0
        k = -blur
        k[1, 1] += 1.0
        self.register_buffer("weight", (gain * k).expand(3, 1, 3, 3).clone())

    def forward(self, x):
        return F.conv2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), self.weight, groups=3)


class FaceSwapNet(nn.Module):
    """NCHW RGB in [0, 1] -> one logit per image."""

    def __init__(self, width: float = C.WIDTH, highpass: bool = True):
        super().__init__()
        self.highpass = HighPass() if highpass else None
        cin = 6 if highpass else 3
        stem = _make_divisible(16 * width)
        self.stem = nn.Sequential(nn.Conv2d(cin, stem, 3, 2, 1, bias=False), nn.BatchNorm2d(stem), nn.Hardswish())
        blocks, ch = [], stem
        for k, exp, out, se, hs, s in _SMALL:
            e, o = _make_divisible(exp * width), _make_divisible(out * width)
            blocks.append(InvertedResidual(ch, k, e, o, se, hs, s))
            ch = o
        self.blocks = nn.Sequential(*blocks)
        last = _make_divisible(576 * width)
        self.head = nn.Sequential(nn.Conv2d(ch, last, 1, bias=False), nn.BatchNorm2d(last), nn.Hardswish())
        self.fc = nn.Sequential(nn.Linear(last, 256), nn.Hardswish(), nn.Dropout(0.2), nn.Linear(256, 1))
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        z = (x - C.NORM_MEAN) / C.NORM_STD
        if self.highpass is not None:
            z = torch.cat([z, self.highpass(x)], dim=1)
        z = self.head(self.blocks(self.stem(z)))
        z = torch.flatten(F.adaptive_avg_pool2d(z, 1), 1)
        return self.fc(z)


class ExportWrapper(nn.Module):
    """What ships: NHWC float RGB [0, 1] `input` -> sigmoid probability of "swapped" `score` [N, 1]."""

    def __init__(self, net: FaceSwapNet):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.sigmoid(self.net(x.permute(0, 3, 1, 2)))


def build_net(backbone: str | None = None) -> nn.Module:
    """The network named by `backbone` (default config.BACKBONE), in channels-last memory."""
    backbone = backbone or C.BACKBONE
    if backbone == "faceres":
        from faceres_backbone import FaceResSwapNet

        net = FaceResSwapNet(C.FACERES_DEPTH)
    elif backbone == "scratch":
        net = FaceSwapNet()
    else:
        raise ValueError(f"unknown backbone {backbone!r} (faceres or scratch)")
    return net.to(memory_format=torch.channels_last)


def describe(backbone: str | None = None) -> dict:
    """The architecture entry of a model card (both trainers' cards use it)."""
    backbone = backbone or C.BACKBONE
    if backbone == "faceres":
        return {
            "kind": f"MobileNet v1 (stem + {C.FACERES_DEPTH} of 13 depthwise/pointwise pairs, ReLU6, batch norm folded) "
                    "initialised from human's faceres face model, global average pool, dropout, one logit",
            "initialisedFrom": "models/vendor/faceres.onnx (@vladmandic/human `faceres`, HSE FaceRes; MIT)",
            "pretrainedLrScale": C.PRETRAINED_LR_SCALE,
            "inputScaling": "scaled to 0..255 inside the model, as faceres expects",
        }
    return {
        "kind": "MobileNetV3-small-like (11 inverted-residual blocks, SE, hard-swish) + fixed 3x3 high-pass input channels",
        "width": C.WIDTH,
        "inputScaling": "normalisation ((x - 0.5) / 0.25) and the high-pass channels inside the model",
    }


def make_optimizer(net: nn.Module, lr: float, weight_decay: float) -> torch.optim.Optimizer:
    """AdamW; a pretrained backbone (attribute `backbone`) learns at PRETRAINED_LR_SCALE x lr.
    Each group's `lr` is its base rate, so a LambdaLR schedule scales both alike."""
    pretrained = getattr(net, "backbone", None)
    if pretrained is None:
        return torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=weight_decay)
    mine = {id(p) for p in pretrained.parameters()}
    rest = [p for p in net.parameters() if id(p) not in mine]
    return torch.optim.AdamW([
        {"params": list(pretrained.parameters()), "lr": lr * C.PRETRAINED_LR_SCALE},
        {"params": rest, "lr": lr},
    ], weight_decay=weight_decay)


def count_parameters(net: nn.Module) -> int:
    return sum(p.numel() for p in net.parameters())
