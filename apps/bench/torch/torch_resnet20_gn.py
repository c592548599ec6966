"""ResNet-20-GN in PyTorch, mirroring packages/models/src/zoo/resnet20.ts (same parameter names,
GroupNorm(8) with eps 1e-5, bias-free convs, 1x1 conv + norm projection shortcuts, GAP, fc).
Used only when packages/models/parity/resnet20_gn.py is not present."""

import torch
import torch.nn.functional as F
from torch import nn

GROUPS = 8


class BasicBlock(nn.Module):
    def __init__(self, in_channels, channels, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, channels, 3, stride, 1, bias=False)
        self.bn1 = nn.GroupNorm(GROUPS, channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, 1, 1, bias=False)
        self.bn2 = nn.GroupNorm(GROUPS, channels)
        self.shortcut = None
        if stride != 1 or in_channels != channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, channels, 1, stride, bias=False), nn.GroupNorm(GROUPS, channels)
            )

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(out + (self.shortcut(x) if self.shortcut is not None else x))


class ResNet20Gn(nn.Module):
    def __init__(self, in_channels=3, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.GroupNorm(GROUPS, 16)
        layers, width = [], 16
        for stage, channels in enumerate([16, 32, 64]):
            blocks = []
            for index in range(3):
                blocks.append(BasicBlock(width, channels, 2 if stage > 0 and index == 0 else 1))
                width = channels
            layers.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3 = layers
        self.fc = nn.Linear(64, num_classes)

    def features(self, x):  # [B, C, H, W] → [B, 64]
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return x.mean(dim=(2, 3))

    def forward(self, x):
        return self.fc(self.features(x))
