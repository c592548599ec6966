"""PyTorch reference of @zerosiam/models' resnet20-gn, for the parity test.

Defines the same architecture (3x3 stem conv 16 -> 3 stages x 3 basic blocks of 16/32/64 channels,
stride 2 at stages 2 and 3, 1x1 conv + GroupNorm projection shortcuts, GroupNorm(8, C) with eps 1e-5,
global average pool, linear head), fills it with seeded random weights (norm affine parameters too, so
they are exercised), and writes into src/__fixtures__/:
  resnet20-gn-parity.safetensors  the state dict (PyTorch layouts, F32), written without the
                                  `safetensors` package (header length, JSON header, raw data)
  resnet20-gn-parity.json         input [2, 28, 28, 1] (NHWC, row-major) and the expected logits [2, 10]
Run from packages/models:  /usr/bin/python3 parity/resnet20_gn.py
"""
import json
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

GROUPS = 8


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.GroupNorm(GROUPS, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.GroupNorm(GROUPS, cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.GroupNorm(GROUPS, cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class ResNet20GN(nn.Module):
    def __init__(self, in_channels=1, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.GroupNorm(GROUPS, 16)
        cin = 16
        for stage, cout in enumerate([16, 32, 64]):
            blocks = []
            for index in range(3):
                stride = 2 if stage > 0 and index == 0 else 1
                blocks.append(BasicBlock(cin, cout, stride))
                cin = cout
            setattr(self, f"layer{stage + 1}", nn.Sequential(*blocks))
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def write_safetensors(path, state):
    header, chunks, offset = {}, [], 0
    for name, tensor in state.items():
        data = tensor.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text.encode())
        for chunk in chunks:
            f.write(chunk)


def main():
    torch.manual_seed(0)
    model = ResNet20GN().eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("weight") and p.dim() == 1:  # norm gamma
                p.copy_(1 + 0.2 * torch.randn_like(p))
            elif name.endswith("bias") and "fc" not in name:  # norm beta
                p.copy_(0.2 * torch.randn_like(p))
    x = torch.randn(2, 1, 28, 28)
    with torch.no_grad():
        logits = model(x)
    out = os.path.join(os.path.dirname(__file__), "..", "src", "__fixtures__")
    os.makedirs(out, exist_ok=True)
    write_safetensors(os.path.join(out, "resnet20-gn-parity.safetensors"), model.state_dict())
    with open(os.path.join(out, "resnet20-gn-parity.json"), "w") as f:
        json.dump(
            {
                "architecture": "resnet20-gn",
                "inputShape": [28, 28, 1],
                "numClasses": 10,
                "torch": torch.__version__,
                "input": [round(v, 7) for v in x.permute(0, 2, 3, 1).reshape(-1).tolist()],
                "logits": [round(v, 7) for v in logits.reshape(-1).tolist()],
            },
            f,
        )
    print("logits", logits)


if __name__ == "__main__":
    main()
